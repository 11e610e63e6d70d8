"""The payroll card on the employee's portal: the latest payslip."""

from __future__ import annotations

from django.utils.translation import gettext as _

from asn_portal.portal.cards import Card

from . import selectors


def payroll_card(request, employee) -> Card | None:
    latest = selectors.payslips_of(employee).first()
    if latest is None:
        return None
    return Card(_("My payslips"), "payroll/card.html", {"payslip": latest})
