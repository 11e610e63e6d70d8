import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from tests import factories

from .factories import open_cycle

JAKARTA = ZoneInfo("Asia/Jakarta")


def jakarta(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=JAKARTA)


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English source strings, whatever the Indonesian catalog says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def org(unit_tree):
    """Dinas A: its head; sub-unit A.1: its head (reporting to A's head) and four staff;
    Dinas B: one employee without a supervisor. Each has a portal login."""
    a, a1, b = unit_tree["A"], unit_tree["A1"], unit_tree["B"]
    head = factories.EmployeeFactory(name="Kepala Dinas", unit=a, position=a.head_position)
    chief = factories.EmployeeFactory(name="Kepala Bidang", unit=a1, position=a1.head_position)
    staff = [factories.EmployeeFactory(name=f"Staf {i}", unit=a1) for i in range(1, 5)]
    outsider = factories.EmployeeFactory(name="Pegawai Dinas B", unit=b)
    for employee in (head, chief, *staff, outsider):
        factories.EmployeeUserFactory(employee=employee)
    return SimpleNamespace(units=unit_tree, head=head, chief=chief, staff=staff, outsider=outsider)


@pytest.fixture
def cycle(org, time_machine):
    """The 2026 monthly cycle opened on Tuesday 10 February 2026 (January, February and the
    annual period open)."""
    time_machine.move_to(jakarta(2026, 2, 10, 9, 0), tick=False)
    return open_cycle()
