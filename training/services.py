"""Writes of the training module: every enrolment move, attendance, results, JP and certificates.

Enrolment moves follow `ALLOWED`; a move not in the table raises a ValidationError with a
message for the user. Seat counting locks the session row (`select_for_update`), so concurrent
requests never fill a session beyond its capacity.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.common.models import Notification
from asn_portal.common.notifications import enqueue_outbox_flush, notification_send
from asn_portal.common.reminders import Reminder, reminders_send
from asn_portal.common.uploads import EVIDENCE, upload_check
from asn_portal.personnel.access import DataKind, sees_all
from asn_portal.personnel.models import Employee
from asn_portal.personnel.selectors import ACTIVE_STATES, supervisor_of

from . import selectors
from .models import (
    Attendance,
    Certificate,
    Enrolment,
    ExternalTraining,
    JpCredit,
    TrainingSession,
)

S = Enrolment.Status
ALLOWED: dict[str, set[str]] = {
    S.REQUESTED: {S.CONFIRMED, S.DECLINED, S.REJECTED, S.CANCELLED, S.WAITLISTED},
    S.WAITLISTED: {S.REQUESTED, S.DECLINED, S.REJECTED, S.CANCELLED},
    S.CONFIRMED: {S.CANCELLED, S.COMPLETED, S.INCOMPLETE},
}
REMINDER_MONTHS = (10, 11, 12)  # the last quarter: time is running out to reach 20 JP


def _check_move(enrolment: Enrolment, to: str) -> None:
    if to not in ALLOWED.get(enrolment.status, set()):
        raise ValidationError(
            _("An enrolment that is “%(from)s” cannot become “%(to)s”.")
            % {"from": enrolment.get_status_display(), "to": S(to).label}
        )


def _lock_session(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update().select_related("program").get(pk=session.pk)


def _lock_enrolment(enrolment: Enrolment) -> Enrolment:
    """Lock the session first (seats), then the enrolment, always in that order."""
    _lock_session(enrolment.session)
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("session__program", "employee__unit", "employee__user")
        .get(pk=enrolment.pk)
    )


def _user_of(employee: Employee | None):
    if employee is None:
        return None
    try:
        return employee.user
    except Employee.user.RelatedObjectDoesNotExist:
        return None


def _notify(employee: Employee | None, *, title: str, key: str, url: str = "", body: str = ""):
    user = _user_of(employee)
    if user is not None:
        notification_send(recipient=user, title=title, dedup_key=key, url=url, body=body)


def _enrolment_url(enrolment: Enrolment) -> str:
    return reverse("training:enrolment", args=[enrolment.pk])


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
    session = _lock_session(session)
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
    if supervisor is not None:
        _notify(
            supervisor,
            title=_("Training request to approve: %(name)s") % {"name": employee.name},
            key=f"training:approve:{enrolment.pk}",
            url=reverse("training:approvals"),
            body=str(session),
        )
    return enrolment


@transaction.atomic
def enrolment_supervisor_approve(*, enrolment: Enrolment, by: Employee) -> Enrolment:
    enrolment = _lock_enrolment(enrolment)
    if enrolment.supervisor_id != by.pk:
        raise ValidationError(_("Only the employee's direct supervisor can approve this request."))
    if enrolment.status not in (S.REQUESTED, S.WAITLISTED):
        raise ValidationError(_("This request is no longer waiting for approval."))
    if enrolment.supervisor_approved_at is not None:
        raise ValidationError(_("This request is already approved."))
    enrolment.supervisor_approved_at = timezone.now()
    enrolment.save(update_fields=["supervisor_approved_at"])
    _notify(
        enrolment.employee,
        title=_("Your supervisor approved your training request"),
        key=f"training:approved:{enrolment.pk}",
        url=_enrolment_url(enrolment),
        body=str(enrolment.session),
    )
    return enrolment


@transaction.atomic
def enrolment_record_supervisor_approval(*, enrolment: Enrolment, by) -> Enrolment:
    """BKD records an approval the supervisor gave outside the portal (on paper, no login)."""
    enrolment = _lock_enrolment(enrolment)
    if enrolment.status not in (S.REQUESTED, S.WAITLISTED):
        raise ValidationError(_("This request is no longer waiting for approval."))
    if enrolment.supervisor_approved_at is not None:
        raise ValidationError(_("This request is already approved."))
    enrolment.supervisor_approved_at = timezone.now()
    enrolment.decision_note = _("Supervisor's approval recorded by %(user)s.") % {"user": by}
    enrolment.save(update_fields=["supervisor_approved_at", "decision_note"])
    return enrolment


def _close(enrolment: Enrolment, to: str, reason: str) -> None:
    _check_move(enrolment, to)
    held_seat = enrolment.status in selectors.SEAT_STATUSES
    enrolment.status = to
    enrolment.decided_at = timezone.now()
    enrolment.decision_note = reason
    enrolment.save(update_fields=["status", "decided_at", "decision_note"])
    if held_seat:
        waitlist_promote(session=enrolment.session)


@transaction.atomic
def enrolment_supervisor_decline(*, enrolment: Enrolment, by: Employee, reason: str) -> Enrolment:
    enrolment = _lock_enrolment(enrolment)
    if enrolment.supervisor_id != by.pk:
        raise ValidationError(_("Only the employee's direct supervisor can decline this request."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for declining."))
    _close(enrolment, S.DECLINED, reason.strip())
    _notify(
        enrolment.employee,
        title=_("Your supervisor declined your training request"),
        key=f"training:declined:{enrolment.pk}",
        url=_enrolment_url(enrolment),
        body=reason,
    )
    return enrolment


@transaction.atomic
def enrolment_confirm(*, enrolment: Enrolment, by) -> Enrolment:
    """BKD confirms a seated request that the supervisor approved."""
    enrolment = _lock_enrolment(enrolment)
    _check_move(enrolment, S.CONFIRMED)
    if enrolment.supervisor_approved_at is None:
        raise ValidationError(_("The supervisor has not approved this request yet."))
    enrolment.status = S.CONFIRMED
    enrolment.confirmed_by = by
    enrolment.confirmed_at = timezone.now()
    enrolment.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    _notify(
        enrolment.employee,
        title=_("Your seat is confirmed: %(s)s") % {"s": enrolment.session},
        key=f"training:confirmed:{enrolment.pk}",
        url=_enrolment_url(enrolment),
    )
    return enrolment


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    enrolment = _lock_enrolment(enrolment)
    if not reason.strip():
        raise ValidationError(_("Give the reason for rejecting."))
    _close(enrolment, S.REJECTED, reason.strip())
    _notify(
        enrolment.employee,
        title=_("BKD rejected your training request"),
        key=f"training:rejected:{enrolment.pk}",
        url=_enrolment_url(enrolment),
        body=reason,
    )
    return enrolment


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, by, reason: str = "") -> Enrolment:
    """The employee (before the first day) or BKD cancels; the freed seat goes to the next."""
    enrolment = _lock_enrolment(enrolment)
    is_own = getattr(by, "employee_id", None) == enrolment.employee_id
    if not is_own and not sees_all(by, DataKind.TRAINING):
        raise ValidationError(_("Only the employee or BKD can cancel an enrolment."))
    if is_own and calendar.today() >= enrolment.session.start_date:
        raise ValidationError(_("The session has started; ask BKD to cancel your enrolment."))
    _close(enrolment, S.CANCELLED, reason.strip() or _("Cancelled"))
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
        enrolment.status = S.REQUESTED
        enrolment.allocation_note = _("A seat became free and went to you, next on the waitlist.")
        enrolment.save(update_fields=["status", "allocation_note"])
        if quota is not None:
            use[quota.pk] += 1
        free -= 1
        promoted.append(enrolment)
        _notify(
            enrolment.employee,
            title=_("A seat is free for you: %(s)s") % {"s": session},
            key=f"training:promoted:{enrolment.pk}:{enrolment.session_id}",
            url=_enrolment_url(enrolment),
        )
    return promoted


def _explain(priority: selectors.Priority, rank: int, total: int, outcome: str) -> str:
    last = (
        priority.last_training.strftime("%d-%m-%Y")
        if priority.last_training
        else _("no training recorded")
    )
    requested = timezone.localtime(priority.requested_at).strftime("%d-%m-%Y %H:%M")
    return _(
        "Priority %(rank)d of %(total)d: %(jp)d JP this year; last training: %(last)s; "
        "requested %(req)s. %(outcome)s"
    ) % {
        "rank": rank,
        "total": total,
        "jp": priority.jp_this_year,
        "last": last,
        "req": requested,
        "outcome": outcome,
    }


@transaction.atomic
def session_allocate_seats(*, session: TrainingSession, by) -> dict[str, int]:
    """Allocate the unconfirmed seats of an oversubscribed session by a transparent priority.

    Order: fewest JP credited this year; then the longest since the last training (never
    trained first); then the earliest request. Confirmed seats stay. Every request gets its
    rank and the reason it got, or did not get, a seat; the waitlist follows the same order.
    """
    session = _lock_session(session)
    if session.closed_at is not None:
        raise ValidationError(_("The results of this session are recorded already."))
    candidates = list(
        session.enrolments.filter(status__in=(S.REQUESTED, S.WAITLISTED)).select_related(
            "employee__unit"
        )
    )
    if not candidates:
        raise ValidationError(_("There are no requests waiting for a seat."))
    quotas = list(session.quotas.select_related("unit"))
    use = selectors.quota_use(session, quotas, selectors.FINAL_SEAT_STATUSES)
    free = (
        session.capacity
        - session.enrolments.filter(status__in=selectors.FINAL_SEAT_STATUSES).count()
    )
    priorities = selectors.priorities_for(candidates, session.start_date.year)
    ordered = sorted(candidates, key=lambda e: priorities[e.pk].key())
    total = len(ordered)
    seated = 0
    notifications = []
    for rank, enrolment in enumerate(ordered, start=1):
        quota = selectors.quota_unit_for(quotas, enrolment.employee)
        if free <= 0:
            outcome = _("No seat: all %(n)d seats went to requests ranked higher.") % {
                "n": session.capacity
            }
            status = S.WAITLISTED
        elif quota is not None and use[quota.pk] >= quota.seats:
            outcome = _("No seat: the %(n)d seats for %(unit)s went to requests ranked higher.") % {
                "n": quota.seats,
                "unit": quota.unit.name,
            }
            status = S.WAITLISTED
        else:
            outcome = _("Seat allocated.")
            status = S.REQUESTED
            free -= 1
            seated += 1
            if quota is not None:
                use[quota.pk] += 1
        enrolment.status = status
        enrolment.allocation_rank = rank
        enrolment.allocation_note = _explain(priorities[enrolment.pk], rank, total, outcome)
        notifications.append(enrolment)
    _save_allocation(ordered)
    session.allocated_at = timezone.now()
    session.save(update_fields=["allocated_at"])
    _notify_allocation(session, notifications)
    return {"requests": total, "seated": seated, "waitlisted": total - seated}


def _save_allocation(enrolments: list[Enrolment]) -> None:
    """Write status, rank and explanation of every request: one UPDATE per 1,000 on Postgres."""
    fields = ["status", "allocation_rank", "allocation_note"]
    if connection.vendor != "postgresql":
        Enrolment.objects.bulk_update(enrolments, fields, batch_size=1000)
        return
    table = connection.ops.quote_name(Enrolment._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(enrolments), 1000):
            chunk = enrolments[start : start + 1000]
            rows = ", ".join(["(%s::bigint, %s::varchar, %s::integer, %s::text)"] * len(chunk))
            params = [
                v for e in chunk for v in (e.pk, e.status, e.allocation_rank, e.allocation_note)
            ]
            cursor.execute(
                f"UPDATE {table} AS e SET status = v.status, allocation_rank = v.rank, "
                f"allocation_note = v.note FROM (VALUES {rows}) AS v(id, status, rank, note) "
                "WHERE e.id = v.id",
                params,
            )


def _notify_allocation(session: TrainingSession, enrolments: list[Enrolment]) -> None:
    """One notification per participant with their explanation, written in bulk."""
    from asn_portal.accounts.models import User

    users = dict(
        User.objects.filter(
            employee_id__in=[e.employee_id for e in enrolments], is_active=True
        ).values_list("employee_id", "pk")
    )
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    titles = {
        S.REQUESTED: _("Seat allocated: %(s)s") % {"s": session},
        S.WAITLISTED: _("Waitlisted: %(s)s") % {"s": session},
    }
    url_prefix = reverse("training:enrolment", args=[0]).removesuffix("0/")  # one reverse()
    rows = [
        Notification(
            recipient_id=users[e.employee_id],
            title=titles[e.status],
            body=e.allocation_note,
            url=f"{url_prefix}{e.pk}/",
            dedup_key=f"training:allocation:{e.pk}:{stamp}",
        )
        for e in enrolments
        if e.employee_id in users
    ]
    Notification.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    if rows:
        transaction.on_commit(enqueue_outbox_flush)


# --- Attendance, results, JP and certificates -------------------------------------------------


def _check_day(enrolment: Enrolment, day: dt.date) -> None:
    session = enrolment.session
    if not session.start_date <= day <= session.end_date:
        raise ValidationError(
            _("%(d)s is not a day of this session (%(a)s – %(b)s).")
            % {
                "d": day.strftime("%d-%m-%Y"),
                "a": session.start_date.strftime("%d-%m-%Y"),
                "b": session.end_date.strftime("%d-%m-%Y"),
            }
        )
    if enrolment.status != S.CONFIRMED:
        raise ValidationError(_("Attendance is recorded only for confirmed participants."))


@transaction.atomic
def attendance_mark(*, enrolment: Enrolment, day: dt.date, present: bool, by) -> Attendance:
    _check_day(enrolment, day)
    record, _created = Attendance.objects.update_or_create(
        enrolment=enrolment, date=day, defaults={"present": present, "marked_by": by}
    )
    return record


@transaction.atomic
def attendance_check_in(*, token, by, day: dt.date | None = None) -> Attendance:
    """Mark a participant present from the QR code on their enrolment page."""
    enrolment = (
        Enrolment.objects.select_related("session", "employee")
        .filter(attendance_token=token)
        .first()
    )
    if enrolment is None:
        raise ValidationError(_("Unknown attendance code."))
    return attendance_mark(enrolment=enrolment, day=day or calendar.today(), present=True, by=by)


def _credit(enrolment: Enrolment) -> JpCredit:
    session = enrolment.session
    return JpCredit.objects.create(
        employee_id=enrolment.employee_id,
        year=session.end_date.year,
        jp=session.program.jp,
        credited_on=session.end_date,
        description=str(session),
        enrolment=enrolment,
    )


@transaction.atomic
def enrolment_record_result(*, enrolment: Enrolment, by) -> Enrolment:
    """After the last day: completed (JP credited, certificate issued) or not completed.

    Completed when the days marked present reach the program's minimum attendance share.
    """
    enrolment = _lock_enrolment(enrolment)
    session = enrolment.session
    if calendar.today() < session.end_date:
        raise ValidationError(_("Results are recorded after the session's last day."))
    present = enrolment.attendance.filter(present=True).count()
    days = session.day_count
    passed = present * 100 >= session.program.min_attendance_percent * days
    _check_move(enrolment, S.COMPLETED if passed else S.INCOMPLETE)
    enrolment.status = S.COMPLETED if passed else S.INCOMPLETE
    enrolment.attendance_percent = present * 100 // days
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["status", "attendance_percent", "completed_at"])
    if passed:
        _credit(enrolment)
        Certificate.objects.create(enrolment=enrolment)
        _notify(
            enrolment.employee,
            title=_("Training completed: %(jp)d JP credited") % {"jp": session.program.jp},
            key=f"training:completed:{enrolment.pk}",
            url=_enrolment_url(enrolment),
        )
    return enrolment


@transaction.atomic
def session_record_results(*, session: TrainingSession, by) -> dict[str, int]:
    session = _lock_session(session)
    if calendar.today() < session.end_date:
        raise ValidationError(_("Results are recorded after the session's last day."))
    counts = {"completed": 0, "incomplete": 0}
    for enrolment in session.enrolments.filter(status=S.CONFIRMED):
        result = enrolment_record_result(enrolment=enrolment, by=by)
        counts["completed" if result.status == S.COMPLETED else "incomplete"] += 1
    session.closed_at = timezone.now()
    session.save(update_fields=["closed_at"])
    return counts


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise ValidationError(_("This certificate is already revoked."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for revoking the certificate."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()
    certificate.revoked_by = by
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    return certificate


# --- Training done elsewhere -------------------------------------------------------------------


@transaction.atomic
def external_training_submit(
    *,
    employee: Employee,
    title: str,
    kind: str,
    provider: str,
    start_date: dt.date,
    end_date: dt.date,
    jp: int,
    evidence,
) -> ExternalTraining:
    if end_date < start_date:
        raise ValidationError(_("The last day cannot be before the first day."))
    if end_date > calendar.today():
        raise ValidationError(_("Record a training once it has ended."))
    checked = upload_check(evidence, policy=EVIDENCE)
    record = ExternalTraining(
        employee=employee,
        title=title,
        kind=kind,
        provider=provider,
        start_date=start_date,
        end_date=end_date,
        jp=jp,
        evidence=checked.as_file(),
        evidence_content_type=checked.content_type,
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def external_training_validate(*, record: ExternalTraining, by) -> ExternalTraining:
    record = ExternalTraining.objects.select_for_update().get(pk=record.pk)
    if record.status != ExternalTraining.Status.SUBMITTED:
        raise ValidationError(_("This record has been reviewed already."))
    record.status = ExternalTraining.Status.VALIDATED
    record.reviewed_by = by
    record.reviewed_at = timezone.now()
    record.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    JpCredit.objects.create(
        employee_id=record.employee_id,
        year=record.end_date.year,
        jp=record.jp,
        credited_on=record.end_date,
        description=f"{record.title} ({record.provider})",
        external=record,
    )
    _notify(
        record.employee,
        title=_("Training validated: %(jp)d JP credited") % {"jp": record.jp},
        key=f"training:external-validated:{record.pk}",
        url=reverse("training:mine"),
    )
    return record


@transaction.atomic
def external_training_reject(*, record: ExternalTraining, by, reason: str) -> ExternalTraining:
    record = ExternalTraining.objects.select_for_update().get(pk=record.pk)
    if record.status != ExternalTraining.Status.SUBMITTED:
        raise ValidationError(_("This record has been reviewed already."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for rejecting."))
    record.status = ExternalTraining.Status.REJECTED
    record.reviewed_by = by
    record.reviewed_at = timezone.now()
    record.review_note = reason.strip()
    record.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    _notify(
        record.employee,
        title=_("Training record not validated"),
        key=f"training:external-rejected:{record.pk}",
        url=reverse("training:mine"),
        body=reason,
    )
    return record


# --- Reminders ---------------------------------------------------------------------------------


def below_target_reminders_send(*, on: dt.date | None = None) -> int:
    """In the last quarter, remind employees below 20 JP, and their supervisors of them.

    Uses the shared reminders (working days only, once a day per recipient); returns how many
    new reminders were written.
    """
    day = on or calendar.today()
    if day.month not in REMINDER_MONTHS:
        return 0
    below = list(
        selectors.below_target(employees=selectors.employees_with_login(), year=day.year)
        .select_related("unit", "user")
        .order_by("pk")
    )
    if not below:
        return 0
    url = reverse("training:mine")
    reminders = [
        Reminder(
            recipient_id=e.user.pk,
            kind="training.below_target",
            item=f"year:{day.year}",
            title=_("You have %(jp)d of the %(target)d JP of training for %(year)d")
            % {"jp": e.jp, "target": selectors.JP_TARGET, "year": day.year},
            body=_("Find a session in the training catalogue before the year ends."),
            url=url,
        )
        for e in below
    ]
    supervisors = selectors.supervisors_for(below)
    per_supervisor: dict[int, list[Employee]] = {}
    for employee in below:
        supervisor = supervisors.get(employee.pk)
        if supervisor is not None:
            per_supervisor.setdefault(supervisor.pk, []).append(employee)
    from asn_portal.accounts.models import User

    logins = dict(
        User.objects.filter(employee_id__in=per_supervisor, is_active=True).values_list(
            "employee_id", "pk"
        )
    )
    for supervisor_id, staff in per_supervisor.items():
        if supervisor_id not in logins:
            continue
        names = ", ".join(f"{e.name} ({e.jp} JP)" for e in staff[:20])
        reminders.append(
            Reminder(
                recipient_id=logins[supervisor_id],
                kind="training.team_below_target",
                item=f"year:{day.year}",
                title=_("%(n)d of your staff are below %(target)d JP of training in %(year)d")
                % {"n": len(staff), "target": selectors.JP_TARGET, "year": day.year},
                body=names,
                url=reverse("training:approvals"),
            )
        )
    return reminders_send(reminders=reminders, on_date=day)
