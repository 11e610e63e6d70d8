"""The OPD head's portal card: reports their unit must follow up, overdue ones flagged."""

import datetime as dt

import pytest

from asn_portal.common.models import Notification
from complaints import services
from tests import factories as core

from .factories import DisposedComplaintFactory

pytestmark = pytest.mark.django_db
DASHBOARD = "/portal/"


@pytest.fixture
def head_user(opd):
    return core.EmployeeUserFactory(employee__unit=opd, employee__position=opd.head_position)


def test_head_of_the_opd_sees_the_units_reports(client, head_user, unit_tree):
    DisposedComplaintFactory(subject="Guru tidak hadir", disposed_unit=unit_tree["A1"])
    client.force_login(head_user)
    assert "Guru tidak hadir" in client.get(DASHBOARD).content.decode()


def test_head_sees_an_overdue_report_flagged(client, head_user, opd):
    DisposedComplaintFactory(disposed_unit=opd, due_on=dt.date(2020, 1, 6))
    client.force_login(head_user)
    assert 'data-overdue="1"' in client.get(DASHBOARD).content.decode()


def test_head_of_another_opd_does_not_see_them(client, unit_tree):
    other = core.EmployeeUserFactory(
        employee__unit=unit_tree["B"], employee__position=unit_tree["B"].head_position
    )
    DisposedComplaintFactory(subject="Guru tidak hadir", disposed_unit=unit_tree["A"])
    client.force_login(other)
    assert "Guru tidak hadir" not in client.get(DASHBOARD).content.decode()


def test_an_ordinary_employee_does_not_see_them(client, opd):
    staff = core.EmployeeUserFactory(employee__unit=opd)
    DisposedComplaintFactory(subject="Guru tidak hadir", disposed_unit=opd)
    client.force_login(staff)
    assert "Guru tidak hadir" not in client.get(DASHBOARD).content.decode()


def test_card_does_not_show_the_reporter(client, head_user, opd):
    DisposedComplaintFactory(disposed_unit=opd, reporter_name="Siti Rahma")
    client.force_login(head_user)
    assert "Siti Rahma" not in client.get(DASHBOARD).content.decode()


def test_card_runs_a_bounded_number_of_queries(client, head_user, opd):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    DisposedComplaintFactory(disposed_unit=opd)
    client.force_login(head_user)
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as one:
        client.get(DASHBOARD)
    for _n in range(10):
        DisposedComplaintFactory(disposed_unit=opd)
    with CaptureQueriesContext(connection) as many:
        client.get(DASHBOARD)
    assert len(many) == len(one)


def test_escalation_links_the_head_to_the_portal(head_user, opd, officer):
    DisposedComplaintFactory(disposed_unit=opd, due_on=dt.date(2026, 11, 20))
    services.complaints_send_reminders(today=dt.date(2026, 11, 23))
    assert Notification.objects.get(recipient=head_user).url == DASHBOARD
