"""Demo data: every state, some overdue, idempotent."""

import io

import pytest

from complaints import selectors
from complaints.demo import seed_module_demo
from complaints.models import Complaint
from tests import factories as core

pytestmark = pytest.mark.django_db


@pytest.fixture
def regency():
    for _n in range(3):
        core.EmployeeFactory()


def test_demo_covers_every_state(regency):
    seed_module_demo(seed=7, stdout=io.StringIO())
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Complaint.Status.values)


def test_demo_includes_overdue_reports(regency):
    seed_module_demo(seed=7, stdout=io.StringIO())
    assert selectors.overdue().exists()


def test_demo_run_twice_adds_nothing_the_second_time(regency):
    seed_module_demo(seed=7, stdout=io.StringIO())
    count = Complaint.objects.count()
    seed_module_demo(seed=7, stdout=io.StringIO())
    assert Complaint.objects.count() == count


def test_demo_timeline_starts_when_the_report_was_received(regency):
    seed_module_demo(seed=7, stdout=io.StringIO())
    closed = Complaint.objects.filter(status=Complaint.Status.CLOSED).first()
    assert closed.events.get(to_status=Complaint.Status.RECEIVED).at == closed.received_at
