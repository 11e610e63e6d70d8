"""The small world the fuzz suite runs in: one signed-in employee who is also a superuser."""

from functools import cached_property

import pytest
from hypothesis import HealthCheck, settings

from tests import factories
from tests.recruitment.factories import SelectionFactory
from tests.training.factories import TrainingSessionFactory

# Deterministic and bounded: the same few examples per page on every run.
FUZZ_SETTINGS = settings(
    max_examples=3,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


class World:
    """Objects the pages with ids are opened with, each made only when a page asks for it."""

    def __init__(self):
        self.user = factories.EmployeeUserFactory(is_staff=True, is_superuser=True)
        self.employee = self.user.employee

    @cached_property
    def family(self):
        return factories.FamilyMemberFactory(employee=self.employee)

    @cached_property
    def notification(self):
        return factories.NotificationFactory(recipient=self.user)

    @cached_property
    def selection(self):
        return SelectionFactory()

    @cached_property
    def session(self):
        return TrainingSessionFactory()


@pytest.fixture
def world(db):
    return World()
