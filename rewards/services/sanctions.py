"""Sanctions: the decision closing a case, its delivery, its window in force, dismissals.

The decree is a document: what it says is frozen in `Sanction.issued` when it is issued.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from asn_portal.common.calendar import add_months, add_working_days
from asn_portal.common.workflow import transition
from asn_portal.personnel.models import Employee
from asn_portal.personnel.selectors import ACTIVE_STATES
from asn_portal.personnel.services import employee_set_state

from .. import selectors
from ..models import (
    DURATION_MONTHS,
    EFFECTIVE_AFTER_WORKING_DAYS,
    LEVEL_OF_KIND,
    DisciplinaryCase,
    Examination,
    Sanction,
    SanctionKind,
    SanctionLevel,
)
from ._common import as_actor, locked_case, not_in_future, notify


def sanction_window(kind: str, delivered_on: dt.date) -> tuple[dt.date, dt.date | None]:
    """First and last day in force: from 15 working days after delivery, for the type's months.

    A light sanction is in force on its effective day only; a dismissal has no end.
    """
    effective_from = add_working_days(delivered_on, EFFECTIVE_AFTER_WORKING_DAYS)
    if kind == SanctionKind.DISMISSAL:
        return effective_from, None
    months = DURATION_MONTHS.get(kind)
    if months is None:
        return effective_from, effective_from
    return effective_from, add_months(effective_from, months) - dt.timedelta(days=1)


def decree_snapshot(sanction: Sanction) -> dict:
    """What the decree says, as plain values: frozen into `Sanction.issued` at issuance."""
    case, employee = sanction.case, sanction.case.employee
    return {
        "decree_number": sanction.decree_number,
        "decree_date": sanction.decree_date.isoformat(),
        "level": str(sanction.level),
        "kind": str(sanction.kind),
        "official_name": sanction.official_name,
        "official_title": sanction.official_title,
        "employee_name": employee.full_name,
        "employee_nip": employee.nip,
        "employee_rank": str(employee.rank or ""),
        "employee_position": str(employee.position or ""),
        "employee_unit": str(employee.unit or ""),
        "violation": case.violation,
        "legal_article": case.legal_article,
    }


def _check_examined(case: DisciplinaryCase, level: str) -> None:
    """A decision needs a BAP; a heavy one a BAP by an examination team (PP 94/2021)."""
    records = case.examinations.filter(kind=Examination.Kind.RECORD)
    if level == SanctionLevel.HEAVY and not records.filter(by_team=True).exists():
        raise ValidationError(_("A heavy sanction needs an examination record by a team."))
    if not records.exists():
        raise ValidationError(_("A sanction needs an examination record (BAP)."))


@transaction.atomic
def sanction_decide(
    *,
    case: DisciplinaryCase,
    kind: str,
    decree_number: str,
    decree_date: dt.date,
    official_name: str,
    official_title: str,
    level: str | None = None,
    delivered_on: dt.date | None = None,
    by=None,
) -> Sanction:
    """Decide the sanction of an examined case; the level must be the type's level."""
    case = locked_case(case)
    if kind not in LEVEL_OF_KIND:
        raise ValidationError(_("Unknown sanction type."))
    level = level or LEVEL_OF_KIND[kind]
    if LEVEL_OF_KIND[kind] != level:
        raise ValidationError(
            _("“%(kind)s” is not a sanction of level “%(level)s”.")
            % {"kind": SanctionKind(kind).label, "level": SanctionLevel(level).label}
        )
    not_in_future(decree_date, "decree_date", _("The decree date"))
    if decree_date < case.reported_on:
        raise ValidationError(
            {"decree_date": _("The decree cannot be dated before the report.")}, code="order"
        )
    _check_examined(case, level)
    transition(case, DisciplinaryCase.Status.DECIDED, by=by, note=decree_number)
    sanction = Sanction(
        case=case,
        level=level,
        kind=kind,
        decree_number=decree_number,
        decree_date=decree_date,
        official_name=official_name,
        official_title=official_title,
    )
    sanction.full_clean(exclude=["case"])
    sanction.issued = decree_snapshot(sanction)
    with as_actor(by):
        sanction.save()
    if delivered_on is not None:
        sanction = sanction_record_delivery(sanction=sanction, delivered_on=delivered_on, by=by)
    return sanction


@transaction.atomic
def sanction_record_delivery(*, sanction: Sanction, delivered_on: dt.date, by=None) -> Sanction:
    """Record the day the decree was delivered; this fixes when the sanction is in force."""
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if sanction.is_cancelled:
        raise ValidationError(_("This decision has been cancelled."))
    if delivered_on < sanction.decree_date:
        raise ValidationError(
            {"delivered_on": _("A decree cannot be delivered before its date.")}, code="order"
        )
    not_in_future(delivered_on, "delivered_on", _("The delivery date"))
    sanction.delivered_on = delivered_on
    sanction.effective_from, sanction.ends_on = sanction_window(sanction.kind, delivered_on)
    with as_actor(by):
        sanction.save(update_fields=["delivered_on", "effective_from", "ends_on"])
    notify(
        sanction.case.employee_id,
        title=_("A disciplinary decision was delivered to you: %(number)s")
        % {"number": sanction.decree_number},
        key=f"rewards:sanction:{sanction.pk}:delivered",
    )
    return sanction


@transaction.atomic
def dismissals_apply(*, on_date: dt.date) -> list[Employee]:
    """Record as dismissed whoever's dismissal is in force on the date, unless an appeal is
    pending (the ASN keeps their position and pay meanwhile, PP 79/2021). Safe to run twice.
    """
    due = Sanction.objects.filter(
        kind=SanctionKind.DISMISSAL,
        cancelled_on__isnull=True,
        effective_from__lte=on_date,
        case__employee__state__in=ACTIVE_STATES,
    ).select_related("case__employee")
    dismissed = []
    for sanction in due:
        employee = sanction.case.employee
        if selectors.pay_kept_under_appeal(employee, on_date):
            continue
        employee_set_state(employee=employee, state=Employee.State.DISMISSED)
        dismissed.append(employee)
    return dismissed
