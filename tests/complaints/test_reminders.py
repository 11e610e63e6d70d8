"""Reminders before a deadline and escalation of overdue reports (via common.reminders)."""

import datetime as dt

import pytest

from asn_portal.accounts import roles
from asn_portal.common.models import Notification
from complaints import services
from complaints.models import Complaint
from tests import factories as core

from .factories import ComplaintFactory, DisposedComplaintFactory

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 11, 23)


def _keys(user):
    return list(Notification.objects.filter(recipient=user).values_list("dedup_key", flat=True))


def test_intake_is_reminded_the_working_day_before_the_verification_deadline(officer):
    complaint = ComplaintFactory(due_on=dt.date(2026, 11, 24))
    services.complaints_send_reminders(today=MONDAY)
    assert _keys(officer) == [
        f"reminder:complaints.due:complaint:{complaint.pk}:{officer.pk}:2026-11-23"
    ]


def test_no_reminder_two_working_days_before_the_deadline(officer):
    ComplaintFactory(due_on=dt.date(2026, 11, 25))
    assert services.complaints_send_reminders(today=MONDAY) == 0


def test_friday_reminder_covers_a_deadline_on_monday(officer):
    ComplaintFactory(due_on=MONDAY)
    assert services.complaints_send_reminders(today=dt.date(2026, 11, 20)) == 1


def test_the_units_operator_is_reminded_of_a_follow_up_due(opd, operator, officer):
    DisposedComplaintFactory(disposed_unit=opd, due_on=dt.date(2026, 11, 24))
    services.complaints_send_reminders(today=MONDAY)
    assert len(_keys(operator)) == 1
    assert _keys(officer) == []


def test_overdue_follow_up_is_escalated_to_the_opd_head_and_bkd(opd, operator, officer):
    head = core.EmployeeUserFactory(employee__unit=opd, employee__position=opd.head_position)
    bkd_admin = core.UserFactory(username="admin.bkd", role=roles.BKD_ADMIN)
    DisposedComplaintFactory(disposed_unit=opd, due_on=dt.date(2026, 11, 20))
    services.complaints_send_reminders(today=MONDAY)
    escalated = {n.recipient_id for n in Notification.objects.filter(dedup_key__contains="overdue")}
    assert escalated == {head.pk, bkd_admin.pk, officer.pk, operator.pk}


def test_overdue_report_is_marked_as_a_missed_deadline(officer):
    complaint = ComplaintFactory(due_on=dt.date(2026, 11, 20))
    services.complaints_send_reminders(today=MONDAY)
    complaint.refresh_from_db()
    assert complaint.sla_breached


def test_report_due_today_is_not_overdue(officer):
    complaint = ComplaintFactory(due_on=MONDAY)
    services.complaints_send_reminders(today=MONDAY)
    complaint.refresh_from_db()
    assert not complaint.sla_breached


def test_reminders_twice_in_a_day_are_sent_once(officer):
    ComplaintFactory(due_on=dt.date(2026, 11, 20))
    services.complaints_send_reminders(today=MONDAY)
    assert services.complaints_send_reminders(today=MONDAY) == 0


def test_no_reminders_on_a_saturday(officer):
    ComplaintFactory(due_on=dt.date(2026, 11, 20))
    assert services.complaints_send_reminders(today=dt.date(2026, 11, 28)) == 0


def test_finished_reports_are_never_overdue(officer):
    ComplaintFactory(due_on=dt.date(2026, 11, 2), status=Complaint.Status.ARCHIVED)
    assert services.complaints_send_reminders(today=MONDAY) == 0


def test_sla_task_runs_reminders_and_auto_close(officer):
    from complaints.tasks import complaint_sla_task

    assert set(complaint_sla_task.delay().get()) == {"reminders", "closed"}
