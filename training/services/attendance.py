"""Attendance, results (completion or not) and the JP they credit."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.common.notifications import notify_employee
from asn_portal.common.workflow import transition

from ..models import (
    Attendance,
    Certificate,
    Enrolment,
    JpCredit,
    TrainingSession,
)
from ._common import enrolment_url, lock_enrolment, lock_session, save_decision

S = Enrolment.Status


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
    enrolment = lock_enrolment(enrolment)
    session = enrolment.session
    if calendar.today() < session.end_date:
        raise ValidationError(_("Results are recorded after the session's last day."))
    present = enrolment.attendance.filter(present=True).count()
    days = session.day_count
    passed = present * 100 >= session.program.min_attendance_percent * days
    transition(
        enrolment,
        S.COMPLETED if passed else S.INCOMPLETE,
        by=by,
        changes={"attendance_percent": present * 100 // days, "completed_at": timezone.now()},
    )
    if passed:
        _credit(enrolment)
        Certificate.objects.create(enrolment=enrolment)
        notify_employee(
            enrolment.employee_id,
            title=_("Training completed: %(jp)d JP credited") % {"jp": session.program.jp},
            key=f"training:completed:{enrolment.pk}",
            url=enrolment_url(enrolment),
        )
    return enrolment


@transaction.atomic
def session_record_results(*, session: TrainingSession, by) -> dict[str, int]:
    session = lock_session(session)
    if calendar.today() < session.end_date:
        raise ValidationError(_("Results are recorded after the session's last day."))
    counts = {"completed": 0, "incomplete": 0}
    for enrolment in session.enrolments.filter(status=S.CONFIRMED):
        result = enrolment_record_result(enrolment=enrolment, by=by)
        counts["completed" if result.status == S.COMPLETED else "incomplete"] += 1
    save_decision(
        session,
        by=by,
        fields={"closed_at": timezone.now()},
        note=_("Results recorded: %(completed)d completed, %(incomplete)d not completed.") % counts,
    )
    return counts
