import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from tests import factories
from tests.training.factories import TrainingSessionFactory

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source, whatever the Indonesian catalog says."""
    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """A test client whose requests ask for English (LocaleMiddleware would pick Indonesian)."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Evidence uploads go to a temporary folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def in_window():
    """Tuesday 10 February 2026, 10:00 in Jakarta: the factory session's enrolment is open."""
    with time_machine.travel(dt.datetime(2026, 2, 10, 10, 0, tzinfo=JAKARTA), tick=True):
        yield


@pytest.fixture
def team(unit_tree):
    """A unit head (supervisor) and three staff of Dinas Pendidikan, all with portal logins."""
    unit = unit_tree["A"]
    head = factories.EmployeeFactory(name="Hendra Kepala", unit=unit, position=unit.head_position)
    staff = [factories.EmployeeFactory(name=f"Staf {i}", unit=unit) for i in range(3)]
    for employee in [head, *staff]:
        factories.EmployeeUserFactory(employee=employee)
    return {"head": head, "staff": staff}


@pytest.fixture
def session(db):
    return TrainingSessionFactory(capacity=2)


@pytest.fixture
def officer(db):
    from asn_portal.accounts import roles

    return factories.UserFactory(username="pelatihan", role=roles.TRAINING_OFFICER)
