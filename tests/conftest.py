import os

import pytest
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations

from tests import factories

REDIS_TEST_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


_postgres_sql_flush = PostgresOperations.sql_flush


def _sql_flush_allowing_truncate(self, style, tables, **kwargs):
    """The flush between transactional tests may TRUNCATE protected tables.

    Approved payslips and published recruitment results refuse TRUNCATE unless the transaction
    sets `asn_portal.allow_truncate` (payroll 0004, recruitment 0004); Django runs these
    statements in one transaction, so SET LOCAL covers exactly this flush.
    """
    statements = _postgres_sql_flush(self, style, tables, **kwargs)
    return ["SET LOCAL asn_portal.allow_truncate = on", *statements] if statements else []


PostgresOperations.sql_flush = _sql_flush_allowing_truncate


@pytest.fixture(autouse=True)
def _fast_hashing_and_mail(settings):
    """Argon2 is for production; tests hash with MD5 to stay fast. Email goes to locmem."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Staff TOTP is off unless a test turns it on (tests/accounts/test_otp.py does).
    settings.OTP_REQUIRED = False
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


def pytest_collection_modifyitems(items):
    """A transactional test must restore the migration data (ranks, role groups…).

    A plain transactional test's flush re-creates the role groups through post_migrate, and the
    next test with serialized_rollback then loads them a second time: unique-key errors.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )
