"""A portal card for the head of an OPD: public reports their unit must follow up.

Overdue reports are escalated to the OPD head, who is an employee (no admin access): this card
is where they see them. No reporter's identity is shown.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from asn_portal.portal.cards import Card

from . import selectors


def unit_head_card(request, employee) -> Card | None:
    """At most three queries: the headed unit, and the unit's open reports."""
    reports = selectors.open_reports_for_head(employee)
    if reports is None:
        return None
    reports = list(reports)
    if not reports:
        return None
    return Card(
        title=_("Public reports for my unit"),
        template="complaints/portal_card.html",
        context={
            "reports": reports[:10],
            "total": len(reports),
            "overdue": sum(1 for r in reports if selectors.is_overdue(r)),
        },
    )
