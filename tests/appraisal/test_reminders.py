"""The daily reminder job: N days before, overdue, escalation; working days; idempotent."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appraisal.models import Cycle, Plan
from appraisal.reminders import appraisal_daily
from asn_portal.accounts import roles
from asn_portal.common.models import Notification
from tests import factories

from .conftest import jakarta

pytestmark = pytest.mark.django_db

D = dt.date


def sent(kind, **filters):
    return Notification.objects.filter(dedup_key__startswith=f"reminder:{kind}:", **filters)


def set_cycle(cycle, **fields):
    Cycle.objects.filter(pk=cycle.pk).update(**fields)


def test_the_plan_reminder_goes_out_seven_days_before_the_deadline(cycle):
    appraisal_daily(on_date=D(2026, 2, 20))  # plan due Friday 27 February

    assert sent("appraisal.plan.due").count() == 7
    assert "7" in sent("appraisal.plan.due").first().title


def test_no_plan_reminder_eight_days_before_the_deadline(cycle):
    appraisal_daily(on_date=D(2026, 2, 19))

    assert sent("appraisal.plan.due").count() == 0


def test_the_reminder_days_are_editable_per_cycle(cycle):
    set_cycle(cycle, reminder_days="2")

    appraisal_daily(on_date=D(2026, 2, 20))
    appraisal_daily(on_date=D(2026, 2, 25))

    assert not sent("appraisal.plan.due", dedup_key__endswith="2026-02-20").exists()
    assert sent("appraisal.plan.due", dedup_key__endswith="2026-02-25").count() == 7


def test_nothing_is_sent_on_a_weekend(cycle):
    result = appraisal_daily(on_date=D(2026, 2, 28))  # Saturday, with January overdue

    assert result["reminders"] == 0
    assert not Notification.objects.filter(dedup_key__startswith="reminder:").exists()


def test_nothing_is_sent_on_a_national_holiday(cycle):
    result = appraisal_daily(on_date=D(2026, 2, 17))  # Tuesday, Lunar New Year

    assert result["reminders"] == 0


def test_nothing_is_sent_on_a_collective_leave_day(cycle):
    factories.CollectiveLeaveDayFactory(date=D(2026, 2, 16), name="Cuti bersama Imlek")

    assert appraisal_daily(on_date=D(2026, 2, 16))["reminders"] == 0


def test_a_reminder_due_on_a_weekend_goes_out_the_working_day_before(cycle):
    # Due Tuesday 3 March, reminded 3 days before: Saturday 28 February, so Friday the 27th.
    set_cycle(cycle, plan_due=D(2026, 3, 3), reminder_days="3")

    appraisal_daily(on_date=D(2026, 2, 27))
    appraisal_daily(on_date=D(2026, 3, 2))

    assert sent("appraisal.plan.due", dedup_key__endswith="2026-02-27").count() == 7
    assert not sent("appraisal.plan.due", dedup_key__endswith="2026-03-02").exists()


def test_not_overdue_until_midnight_in_jakarta(cycle, time_machine):
    set_cycle(cycle, plan_due=D(2026, 2, 26))  # Thursday
    time_machine.move_to(dt.datetime(2026, 2, 26, 16, 59, tzinfo=dt.UTC))  # 23:59 in Jakarta

    appraisal_daily()

    assert not sent("appraisal.plan.overdue").exists()


def test_overdue_from_midnight_in_jakarta(cycle, time_machine):
    set_cycle(cycle, plan_due=D(2026, 2, 26))
    time_machine.move_to(jakarta(2026, 2, 27, 0, 0))  # still the 26th in UTC

    appraisal_daily()

    assert sent("appraisal.plan.overdue").count() == 7


def test_the_overdue_reminder_goes_to_the_person_who_owes_the_step(cycle, org):
    plan = Plan.objects.get(cycle=cycle, employee=org.staff[0])
    Plan.objects.filter(pk=plan.pk).update(status="submitted")
    set_cycle(cycle, plan_due=D(2026, 2, 26))

    appraisal_daily(on_date=D(2026, 2, 27))

    approval = sent("appraisal.plan_approval.overdue")
    assert list(approval.values_list("recipient__employee", flat=True)) == [org.chief.pk]
    assert not sent("appraisal.plan.overdue", recipient__employee=org.staff[0]).exists()


def test_a_supervisor_owing_several_approvals_gets_one_reminder_with_the_count(cycle, org):
    Plan.objects.filter(cycle=cycle, employee__in=org.staff[:2]).update(status="submitted")
    set_cycle(cycle, plan_due=D(2026, 2, 26))

    appraisal_daily(on_date=D(2026, 2, 27))

    reminder = sent("appraisal.plan_approval.overdue").get()
    assert reminder.recipient == org.chief.user
    assert "(2)" in reminder.title


def test_a_rater_gets_one_feedback_reminder_per_period(cycle, org):
    appraisal_daily(on_date=D(2026, 2, 12))  # January feedback was due Friday 6 February

    reminders = sent("appraisal.feedback.overdue", recipient=org.staff[0].user)
    assert reminders.count() == 1
    assert "(5)" in reminders.get().title  # self, three peers, the chief as subordinate


def test_running_the_job_twice_sends_nothing_twice(cycle):
    first = appraisal_daily(on_date=D(2026, 2, 20))
    count = Notification.objects.count()

    second = appraisal_daily(on_date=D(2026, 2, 20))

    assert first["reminders"] > 0 and second["reminders"] == 0
    assert Notification.objects.count() == count


def test_an_opening_notice_reaches_every_participant_once(cycle):
    appraisal_daily(on_date=D(2026, 2, 11))
    appraisal_daily(on_date=D(2026, 2, 12))

    assert sent("appraisal.cycle_open").count() == 7
    assert sent("appraisal.period_open").count() == 2 * 7  # January and February


@pytest.fixture
def operator_a(org):
    user = factories.UserFactory(
        username="operator-a", unit=org.units["A"], role=roles.OPD_OPERATOR
    )
    return user


def test_escalation_to_the_opd_operator_after_the_configured_overdue_days(cycle, operator_a):
    set_cycle(cycle, plan_due=D(2026, 2, 20), escalation_days=3)  # Friday

    appraisal_daily(on_date=D(2026, 2, 25))  # 3 working days overdue: Mon, Tue, Wed

    escalation = sent("appraisal.plan.escalation", recipient=operator_a).get()
    assert escalation.title.startswith("6 ")  # Dinas A and its sub-unit; not Dinas B


def test_no_escalation_before_the_configured_overdue_days(cycle, operator_a):
    set_cycle(cycle, plan_due=D(2026, 2, 20), escalation_days=3)

    appraisal_daily(on_date=D(2026, 2, 24))

    assert not sent("appraisal.plan.escalation").exists()


def test_the_daily_job_runs_a_fixed_number_of_queries_whatever_the_headcount(cycle, org):
    appraisal_daily(on_date=D(2026, 2, 18))  # opening notices out of the way
    with CaptureQueriesContext(connection) as small:
        appraisal_daily(on_date=D(2026, 2, 19))
    for i in range(10):
        employee = factories.EmployeeFactory(name=f"Baru {i}", unit=org.units["A1"])
        factories.EmployeeUserFactory(employee=employee)
        Plan.objects.create(cycle=cycle, employee=employee, supervisor=org.chief)

    with CaptureQueriesContext(connection) as large:
        appraisal_daily(on_date=D(2026, 2, 20))

    assert len(large) == len(small)


def test_beat_runs_the_registered_daily_task_at_7_and_13(settings):
    from appraisal import tasks
    from asn_portal.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["appraisal-daily"]

    assert entry["task"] == tasks.appraisal_daily_task.name
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {7, 13}


def test_a_retired_employee_is_not_reminded(cycle, org):
    from asn_portal.personnel.models import Employee

    Employee.objects.filter(pk=org.staff[0].pk).update(state=Employee.State.RETIRED)

    appraisal_daily(on_date=D(2026, 2, 20))

    assert not sent("appraisal.plan.due", recipient=org.staff[0].user).exists()
    assert sent("appraisal.plan.due").count() == 6


def test_a_deactivated_login_is_not_reminded(cycle, org):
    org.staff[0].user.is_active = False
    org.staff[0].user.save()

    appraisal_daily(on_date=D(2026, 2, 20))

    assert not sent("appraisal.plan.due", recipient=org.staff[0].user).exists()


def test_a_plan_reminder_links_to_the_employees_skp(cycle, org):
    from django.urls import reverse

    appraisal_daily(on_date=D(2026, 2, 20))

    plan = Plan.objects.get(cycle=cycle, employee=org.staff[0])
    reminder = sent("appraisal.plan.due", recipient=org.staff[0].user).get()
    assert reminder.url == reverse("appraisal:plan", args=[plan.pk])
