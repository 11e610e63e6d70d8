"""Demo data: an open cycle with work in various states, added once."""

import io

import pytest

from appraisal.demo import seed_module_demo
from appraisal.models import Cycle, Evaluation, FeedbackRequest, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(org, time_machine):
    from .conftest import jakarta

    time_machine.move_to(jakarta(2026, 11, 23, 9, 0), tick=False)
    seed_module_demo(seed=7, stdout=io.StringIO())


def test_the_demo_opens_a_cycle_with_an_skp_per_employee(demo):
    cycle = Cycle.objects.get()

    assert (cycle.year, cycle.status) == (2026, "open")
    assert Plan.objects.filter(cycle=cycle).count() == 7


def test_the_demo_opens_the_previous_and_current_quarter_and_the_year(demo):
    open_periods = Cycle.objects.get().periods.filter(status="open")

    assert sorted(open_periods.values_list("kind", "number")) == [
        ("annual", 0),
        ("periodic", 3),
        ("periodic", 4),
    ]


def test_the_demo_states_respect_the_workflow(demo):
    assert Evaluation.objects.exclude(status="open").exists()
    assert FeedbackRequest.objects.filter(answered_at__isnull=False).exists()
    for evaluation in Evaluation.objects.exclude(status="open"):
        assert evaluation.plan.status == "approved"
    answered = FeedbackRequest.objects.filter(answered_at__isnull=False)
    assert answered.filter(evaluation__period__number=3).count() == answered.count()


def test_seeding_twice_adds_nothing(demo):
    counts = (Plan.objects.count(), Evaluation.objects.count(), FeedbackRequest.objects.count())
    out = io.StringIO()

    seed_module_demo(seed=7, stdout=out)

    assert (
        Plan.objects.count(),
        Evaluation.objects.count(),
        FeedbackRequest.objects.count(),
    ) == counts
    assert "nothing added" in out.getvalue()
