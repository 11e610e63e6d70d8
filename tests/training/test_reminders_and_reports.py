"""Last-quarter reminders to employees below 20 JP and their supervisors; the JP reports."""

from __future__ import annotations

import datetime as dt

import pytest

from asn_portal.common.models import Notification
from tests import factories
from tests.training.factories import JpCreditFactory
from training import selectors, services
from training.tasks import below_target_reminders_task

pytestmark = pytest.mark.django_db

MONDAY_IN_Q4 = dt.date(2026, 10, 5)


def _reminders(kind):
    return Notification.objects.filter(dedup_key__startswith=f"reminder:{kind}:")


def test_employee_below_20_jp_and_their_supervisor_are_reminded_in_the_last_quarter(team):
    JpCreditFactory(employee=team["staff"][0], year=2026, jp=19)

    services.below_target_reminders_send(on=MONDAY_IN_Q4)

    mine = _reminders("training.below_target").get(recipient=team["staff"][0].user)
    assert mine.title == "You have 19 of the 20 JP of training for 2026"
    digest = _reminders("training.team_below_target").get(recipient=team["head"].user)
    assert digest.title.startswith("3 of your staff are below 20 JP")
    assert "Staf 0 (19 JP)" in digest.body


def test_employee_with_20_jp_is_not_reminded(team):
    JpCreditFactory(employee=team["staff"][0], year=2026, jp=20)

    services.below_target_reminders_send(on=MONDAY_IN_Q4)

    assert not _reminders("training.below_target").filter(recipient=team["staff"][0].user).exists()


def test_jp_of_last_year_do_not_count_toward_this_years_target(team):
    JpCreditFactory(employee=team["staff"][0], year=2025, jp=40, credited_on=dt.date(2025, 5, 5))

    services.below_target_reminders_send(on=MONDAY_IN_Q4)

    assert _reminders("training.below_target").filter(recipient=team["staff"][0].user).exists()


def test_reminders_are_sent_once_a_day(team):
    first = services.below_target_reminders_send(on=MONDAY_IN_Q4)
    second = services.below_target_reminders_send(on=MONDAY_IN_Q4)

    assert first == 5  # four employees below target (head included) and one supervisor digest
    assert second == 0


def test_no_reminders_before_the_last_quarter(team):
    assert services.below_target_reminders_send(on=dt.date(2026, 9, 30)) == 0


def test_no_reminders_on_a_weekend(team):
    assert services.below_target_reminders_send(on=dt.date(2026, 10, 4)) == 0


def test_no_reminders_on_a_national_holiday(team):
    assert services.below_target_reminders_send(on=dt.date(2026, 12, 25)) == 0


def test_reminder_task_runs_the_service(team, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC))

    assert below_target_reminders_task.apply().get() == 5


def test_below_target_report_counts_per_opd(unit_tree):
    factories.EmployeeFactory(unit=unit_tree["A"])
    reached = factories.EmployeeFactory(unit=unit_tree["A1"])
    JpCreditFactory(employee=reached, year=2026, jp=24)
    factories.EmployeeFactory(unit=unit_tree["B"])
    from asn_portal.personnel.models import Employee

    rows = selectors.below_target_by_unit(employees=Employee.objects.all(), year=2026)

    by_unit = {r["unit"].name: (r["employees"], r["below"], r["share"]) for r in rows}
    assert by_unit == {"Dinas Pendidikan": (2, 1, 50.0), "Dinas Kesehatan": (1, 1, 100.0)}


def test_equity_report_groups_jp_by_unit_rank_sex_and_status(unit_tree):
    from asn_portal.personnel.models import Employee, Sex

    man = factories.EmployeeFactory(unit=unit_tree["A"])
    woman = factories.EmployeeFactory(unit=unit_tree["B"], sex=Sex.FEMALE)
    pppk = factories.PPPKEmployeeFactory(unit=unit_tree["B"])
    JpCreditFactory(employee=man, year=2026, jp=30)
    JpCreditFactory(employee=woman, year=2026, jp=10)
    JpCreditFactory(employee=pppk, year=2025, jp=50, credited_on=dt.date(2025, 3, 3))

    report = selectors.equity_report(employees=Employee.objects.all(), year=2026)

    units = {g.label: (g.employees, g.jp_total, g.jp_average, g.below) for g in report["unit"]}
    assert units == {"Dinas Pendidikan": (1, 30, 30.0, 0), "Dinas Kesehatan": (2, 10, 5.0, 2)}
    sexes = {g.label: g.jp_average for g in report["sex"]}
    assert sexes == {str(Sex.MALE.label): 15.0, str(Sex.FEMALE.label): 10.0}
    statuses = {g.label: g.below_share for g in report["status"]}
    assert statuses == {"PNS": 50.0, "PPPK": 100.0}
    ranks = {g.label for g in report["rank"]}
    assert ranks == {"Golongan III", "PPPK IX"}


def test_reminder_task_is_scheduled_by_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["training-below-target"]

    assert entry["task"] == below_target_reminders_task.name
    assert entry["schedule"].month_of_year == {10, 11, 12}
