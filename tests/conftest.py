import os

import pytest

from tests import factories

REDIS_TEST_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(autouse=True)
def _fast_hashing_and_mail(settings):
    """Argon2 is for production; tests hash with MD5 to stay fast. Email goes to locmem."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def unit_tree(db):
    """Two OPDs; the first has a sub-unit. Each unit has a head position."""
    opd_a = factories.OrgUnitFactory(name="Dinas Pendidikan", code="A")
    sub_a = factories.OrgUnitFactory(name="Bidang SD", code="A.1", parent=opd_a)
    opd_b = factories.OrgUnitFactory(name="Dinas Kesehatan", code="B")
    for unit in (opd_a, sub_a, opd_b):
        unit.refresh_from_db()
        unit.head_position = factories.HeadPositionFactory(name=f"Kepala {unit.name}", unit=unit)
        unit.save()
    return {"A": opd_a, "A1": sub_a, "B": opd_b}


@pytest.fixture
def employee_user(db):
    return factories.EmployeeUserFactory()


@pytest.fixture
def redis_url():
    return REDIS_TEST_URL
