"""The training card on the employee's portal dashboard: JP progress and approvals waiting."""

from __future__ import annotations

from django.utils.translation import gettext as _

from asn_portal.common.calendar import today
from asn_portal.portal.cards import Card

from . import selectors


def training_card(request, employee) -> Card:
    """Two queries: this year's JP total and the number of requests the employee must approve."""
    year = today().year
    jp = selectors.jp_total_for(employee, year)
    return Card(
        title=_("Training %(year)d") % {"year": year},
        template="training/portal_card.html",
        context={
            "jp": jp,
            "target": selectors.JP_TARGET,
            "percent": min(100, jp * 100 // selectors.JP_TARGET),
            "approvals": selectors.approvals_waiting_for(employee).count(),
        },
    )
