"""Enrolment: request, the supervisor's approval, BKD's decision, cancellation, waitlist.

Every status move goes through `transition()` and `Enrolment.workflow`; seat counting locks the
session row (`select_for_update`), so concurrent requests never overfill a session.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.common.notifications import notify_employee
from asn_portal.common.workflow import record_start, transition
from asn_portal.personnel.access import DataKind, sees_all
from asn_portal.personnel.models import Employee
from asn_portal.personnel.selectors import ACTIVE_STATES, supervisor_of

from .. import selectors
from ..models import (
    Enrolment,
    TrainingSession,
)
from ._common import enrolment_url, lock_enrolment, lock_session, save_decision, user_of

S = Enrolment.Status


def _seat_free_for(session: TrainingSession, employee: Employee) -> tuple[bool, str]:
    """Whether the locked session has a seat for this employee, and if not, why."""
    if selectors.seats_taken(session) >= session.capacity:
        return False, _("All %(n)d seats are taken.") % {"n": session.capacity}
    quotas = list(session.quotas.select_related("unit"))
    quota = selectors.quota_unit_for(quotas, employee)
    if quota is not None:
        used = selectors.quota_use(session, [quota], selectors.SEAT_STATUSES)[quota.pk]
        if used >= quota.seats:
            return False, _("The %(n)d seats for %(unit)s are taken.") % {
                "n": quota.seats,
                "unit": quota.unit.name,
            }
    return True, ""


@transaction.atomic
def enrolment_request(*, session: TrainingSession, employee: Employee) -> Enrolment:
    """An employee asks for a seat: checked, then seated while one is free, else waitlisted."""
    session = lock_session(session)
    employee = (
        Employee.objects.select_for_update(of=("self",))
        .select_related("rank", "position", "unit")
        .get(pk=employee.pk)
    )
    today = calendar.today()
    if session.is_cancelled or not session.program.is_active:
        raise ValidationError(_("This session is not open for enrolment."))
    if not session.enrolment_opens <= today <= session.enrolment_closes:
        raise ValidationError(
            _("Enrolment is open from %(a)s to %(b)s.")
            % {
                "a": session.enrolment_opens.strftime("%d-%m-%Y"),
                "b": session.enrolment_closes.strftime("%d-%m-%Y"),
            }
        )
    if employee.state not in ACTIVE_STATES:
        raise ValidationError(_("Only active employees can enrol."))
    eligibility = selectors.program_eligibility(
        program=session.program, employee=employee, on=session.start_date
    )
    if not eligibility.eligible:
        raise ValidationError(
            _("You do not meet the requirements of this program. %(why)s")
            % {"why": eligibility.message}
        )
    if session.enrolments.filter(employee=employee, status__in=selectors.LIVE_STATUSES).exists():
        raise ValidationError(_("You have already asked for a seat in this session."))
    clash = (
        selectors.overlapping_enrolments(employee=employee, session=session)
        .select_related("session__program")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            _("This session overlaps with %(other)s (%(a)s – %(b)s), where you are enrolled.")
            % {
                "other": clash.session,
                "a": clash.session.start_date.strftime("%d-%m-%Y"),
                "b": clash.session.end_date.strftime("%d-%m-%Y"),
            }
        )
    free, why = _seat_free_for(session, employee)
    supervisor = supervisor_of(employee)
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        session=session,
        employee=employee,
        status=S.REQUESTED if free else S.WAITLISTED,
        requested_at=now,
        supervisor=supervisor,
        # Without a supervisor (the regent's direct reports) BKD's confirmation is the approval.
        supervisor_approved_at=None if supervisor else now,
        allocation_note="" if free else why,
    )
    record_start(enrolment, by=user_of(employee))
    if supervisor is not None:
        notify_employee(
            supervisor.pk,
            title=_("Training request to approve: %(name)s") % {"name": employee.name},
            key=f"training:approve:{enrolment.pk}",
            url=reverse("training:approvals"),
            body=str(session),
        )
    return enrolment


@transaction.atomic
def enrolment_supervisor_approve(*, enrolment: Enrolment, by: Employee) -> Enrolment:
    enrolment = lock_enrolment(enrolment)
    if enrolment.supervisor_id != by.pk:
        raise ValidationError(_("Only the employee's direct supervisor can approve this request."))
    if enrolment.status not in (S.REQUESTED, S.WAITLISTED):
        raise ValidationError(_("This request is no longer waiting for approval."))
    if enrolment.supervisor_approved_at is not None:
        raise ValidationError(_("This request is already approved."))
    save_decision(
        enrolment,
        by=user_of(by),
        fields={"supervisor_approved_at": timezone.now()},
        note=_("Approved by the supervisor %(name)s.") % {"name": by.name},
    )
    notify_employee(
        enrolment.employee_id,
        title=_("Your supervisor approved your training request"),
        key=f"training:approved:{enrolment.pk}",
        url=enrolment_url(enrolment),
        body=str(enrolment.session),
    )
    return enrolment


@transaction.atomic
def enrolment_record_supervisor_approval(*, enrolment: Enrolment, by) -> Enrolment:
    """BKD records an approval the supervisor gave outside the portal (on paper, no login)."""
    enrolment = lock_enrolment(enrolment)
    if enrolment.status not in (S.REQUESTED, S.WAITLISTED):
        raise ValidationError(_("This request is no longer waiting for approval."))
    if enrolment.supervisor_approved_at is not None:
        raise ValidationError(_("This request is already approved."))
    note = _("Supervisor's approval recorded by %(user)s.") % {"user": by}
    save_decision(
        enrolment,
        by=by,
        fields={"supervisor_approved_at": timezone.now(), "decision_note": note},
        note=note,
    )
    return enrolment


def _close(enrolment: Enrolment, to: str, reason: str, *, by) -> None:
    held_seat = enrolment.status in selectors.SEAT_STATUSES
    transition(
        enrolment,
        to,
        by=by,
        note=reason,
        changes={"decided_at": timezone.now(), "decision_note": reason},
    )
    if held_seat:
        waitlist_promote(session=enrolment.session)


@transaction.atomic
def enrolment_supervisor_decline(*, enrolment: Enrolment, by: Employee, reason: str) -> Enrolment:
    enrolment = lock_enrolment(enrolment)
    if enrolment.supervisor_id != by.pk:
        raise ValidationError(_("Only the employee's direct supervisor can decline this request."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for declining."))
    _close(enrolment, S.DECLINED, reason.strip(), by=user_of(by))
    notify_employee(
        enrolment.employee_id,
        title=_("Your supervisor declined your training request"),
        key=f"training:declined:{enrolment.pk}",
        url=enrolment_url(enrolment),
        body=reason,
    )
    return enrolment


@transaction.atomic
def enrolment_confirm(*, enrolment: Enrolment, by) -> Enrolment:
    """BKD confirms a seated request that the supervisor approved."""
    enrolment = lock_enrolment(enrolment)
    transition(
        enrolment,
        S.CONFIRMED,
        by=by,
        changes={"confirmed_by": by, "confirmed_at": timezone.now()},
    )
    notify_employee(
        enrolment.employee_id,
        title=_("Your seat is confirmed: %(s)s") % {"s": enrolment.session},
        key=f"training:confirmed:{enrolment.pk}",
        url=enrolment_url(enrolment),
    )
    return enrolment


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    enrolment = lock_enrolment(enrolment)
    if not reason.strip():
        raise ValidationError(_("Give the reason for rejecting."))
    _close(enrolment, S.REJECTED, reason.strip(), by=by)
    notify_employee(
        enrolment.employee_id,
        title=_("BKD rejected your training request"),
        key=f"training:rejected:{enrolment.pk}",
        url=enrolment_url(enrolment),
        body=reason,
    )
    return enrolment


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, by, reason: str = "") -> Enrolment:
    """The employee (before the first day) or BKD cancels; the freed seat goes to the next."""
    enrolment = lock_enrolment(enrolment)
    is_own = getattr(by, "employee_id", None) == enrolment.employee_id
    if not is_own and not sees_all(by, DataKind.TRAINING):
        raise ValidationError(_("Only the employee or BKD can cancel an enrolment."))
    if is_own and calendar.today() >= enrolment.session.start_date:
        raise ValidationError(_("The session has started; ask BKD to cancel your enrolment."))
    _close(enrolment, S.CANCELLED, reason.strip() or _("Cancelled"), by=by)
    return enrolment


def waitlist_promote(*, session: TrainingSession) -> list[Enrolment]:
    """Give free seats to the next in line (skipping those whose unit quota is full).

    Called with the session locked, after a seat was freed.
    """
    promoted = []
    quotas = list(session.quotas.select_related("unit"))
    free = session.capacity - selectors.seats_taken(session)
    if free <= 0:
        return promoted
    use = selectors.quota_use(session, quotas, selectors.SEAT_STATUSES)
    for enrolment in selectors.waitlist(session):
        if free <= 0:
            break
        quota = selectors.quota_unit_for(quotas, enrolment.employee)
        if quota is not None and use[quota.pk] >= quota.seats:
            continue
        note = _("A seat became free and went to you, next on the waitlist.")
        transition(enrolment, S.REQUESTED, by=None, note=note, changes={"allocation_note": note})
        if quota is not None:
            use[quota.pk] += 1
        free -= 1
        promoted.append(enrolment)
        notify_employee(
            enrolment.employee_id,
            title=_("A seat is free for you: %(s)s") % {"s": session},
            key=f"training:promoted:{enrolment.pk}:{enrolment.session_id}",
            url=enrolment_url(enrolment),
        )
    return promoted
