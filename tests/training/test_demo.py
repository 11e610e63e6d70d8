"""Demo data for the training module: added to existing employees, once."""

from __future__ import annotations

import io

import pytest

from tests import factories
from training.demo import seed_module_demo
from training.models import Certificate, Enrolment, JpCredit, Program, TrainingSession

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_window")]


def _counts():
    return (
        Program.objects.count(),
        TrainingSession.objects.count(),
        Enrolment.objects.count(),
        JpCredit.objects.count(),
        Certificate.objects.count(),
    )


def test_demo_adds_programs_sessions_enrolments_completions_and_certificates(unit_tree):
    for _i in range(8):
        factories.EmployeeFactory(unit=unit_tree["A1"])

    seed_module_demo(seed=7, stdout=io.StringIO())

    programs, sessions, enrolments, credits, certificates = _counts()
    assert programs >= 10  # nine demo programs and PKN II from the migration
    assert sessions > 0 and enrolments > 0 and credits > 0 and certificates > 0


def test_demo_run_twice_adds_nothing_the_second_time(unit_tree):
    for _i in range(5):
        factories.EmployeeFactory(unit=unit_tree["B"])
    seed_module_demo(seed=7, stdout=io.StringIO())
    before = _counts()
    out = io.StringIO()

    seed_module_demo(seed=7, stdout=out)

    assert _counts() == before
    assert "nothing added" in out.getvalue()


def test_demo_employees_never_sit_in_overlapping_sessions(unit_tree):
    for _i in range(30):
        factories.EmployeeFactory(unit=unit_tree["A"])

    seed_module_demo(seed=3, stdout=io.StringIO())

    for enrolment in Enrolment.objects.select_related("session"):
        s = enrolment.session
        clash = Enrolment.objects.filter(
            employee=enrolment.employee,
            session__start_date__lte=s.end_date,
            session__end_date__gte=s.start_date,
        ).exclude(pk=enrolment.pk)
        assert not clash.exists()
