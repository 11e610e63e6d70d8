"""Awards: nominations, their review and decision (the SK), bulk Satyalancana nominations."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common.workflow import record_start, transition
from asn_portal.personnel.models import Employee

from .. import selectors
from ..models import AwardType, Nomination
from ._common import not_in_future, notify, notify_user


def _locked_nomination(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_for_update().get(pk=nomination.pk)


@transaction.atomic
def nomination_submit(
    *,
    employee: Employee,
    award_type: AwardType,
    year: int,
    justification: str,
    amount: int | None = None,
    by=None,
) -> Nomination:
    """Nominate an employee for an award (a supervisor, an OPD operator or BKD)."""
    if not award_type.is_active:
        raise ValidationError(_("This award type is no longer given."))
    if award_type.category == AwardType.Category.CASH and not amount:
        raise ValidationError(_("A cash incentive needs an amount."))
    if Nomination.objects.filter(
        employee=employee, award_type=award_type, year=year, status__in=Nomination.OPEN
    ).exists():
        raise ValidationError(_("This employee is already nominated for this award this year."))
    nomination = Nomination(
        employee=employee,
        award_type=award_type,
        year=year,
        justification=justification,
        amount=amount,
        nominated_by=by,
    )
    nomination.full_clean()
    nomination.save()
    record_start(nomination, by=by)
    return nomination


@transaction.atomic
def nomination_start_review(*, nomination: Nomination, by=None) -> Nomination:
    nomination = _locked_nomination(nomination)
    transition(nomination, Nomination.Status.IN_REVIEW, by=by)
    return nomination


@transaction.atomic
def nomination_approve(
    *, nomination: Nomination, sk_number: str, sk_date: dt.date, by=None
) -> Nomination:
    """Approve with the decree (SK); refused when the employee is not eligible on the SK date."""
    nomination = _locked_nomination(nomination)
    if not sk_number.strip():
        raise ValidationError(_("Give the SK number."))
    not_in_future(sk_date, "sk_date", _("The SK date"))
    eligible, reason = selectors.award_eligibility(
        nomination.employee, nomination.award_type, sk_date
    )
    if not eligible:
        raise ValidationError(reason)
    transition(
        nomination,
        Nomination.Status.APPROVED,
        by=by,
        note=sk_number,
        changes={
            "sk_number": sk_number,
            "sk_date": sk_date,
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    notify(
        nomination.employee_id,
        title=_("You have received an award: %(award)s") % {"award": nomination.award_type},
        key=f"rewards:nomination:{nomination.pk}:approved",
    )
    return nomination


@transaction.atomic
def nomination_reject(*, nomination: Nomination, reason: str, by=None) -> Nomination:
    """Reject a nomination; the reason is kept and shown to the nominator."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for rejecting the nomination."))
    nomination = _locked_nomination(nomination)
    transition(
        nomination,
        Nomination.Status.REJECTED,
        by=by,
        note=reason,
        changes={"rejection_reason": reason, "decided_by": by, "decided_at": timezone.now()},
    )
    notify_user(
        nomination.nominated_by,
        title=_("Your nomination of %(name)s was rejected")
        % {"name": nomination.employee.full_name},
        key=f"rewards:nomination:{nomination.pk}:rejected",
    )
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, by=None, note: str = "") -> Nomination:
    nomination = _locked_nomination(nomination)
    transition(nomination, Nomination.Status.WITHDRAWN, by=by, note=note)
    return nomination


@transaction.atomic
def nominations_create_satyalancana(*, year: int, by=None) -> list[Nomination]:
    """Nominate in bulk everyone `satyalancana_candidates(year)` lists, for BKD to review."""
    justification = _("Completes the required years of service from TMT CPNS in %(year)d.")
    nominations = [
        Nomination(
            employee=c.employee,
            award_type=c.award_type,
            year=year,
            justification=justification % {"year": year},
            nominated_by=by,
        )
        for c in selectors.satyalancana_candidates(year)
    ]
    created = Nomination.objects.bulk_create(nominations)
    for nomination in created:
        record_start(nomination, by=by)
    return created
