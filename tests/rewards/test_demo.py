"""seed_demo's rewards part: awards, nominations and cases in different states, once."""

import datetime as dt

import pytest

from rewards.demo import seed_module_demo
from rewards.models import DisciplinaryCase, Nomination, Sanction
from tests import factories

pytestmark = pytest.mark.django_db


def test_demo_seeds_cases_in_every_state_and_awards_once():
    for _ in range(15):
        factories.EmployeeFactory()
    seed_module_demo(seed=1, today=dt.date(2026, 11, 23))
    statuses = set(DisciplinaryCase.objects.values_list("status", flat=True))
    assert statuses == {"reported", "examination", "decided", "closed"}
    assert Sanction.objects.count() == 2
    assert Nomination.objects.filter(status=Nomination.Status.APPROVED).count() == 4
    assert Nomination.objects.filter(status=Nomination.Status.REJECTED).count() == 1
    counts = (DisciplinaryCase.objects.count(), Nomination.objects.count())
    seed_module_demo(seed=1, today=dt.date(2026, 11, 23))
    assert (DisciplinaryCase.objects.count(), Nomination.objects.count()) == counts
