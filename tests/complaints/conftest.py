import os

import pytest
from django.core.cache import cache

from asn_portal.accounts import roles
from tests import factories as core

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture(autouse=True)
def _complaints_settings(settings, tmp_path):
    """Attachments in a temporary folder; the cache on Redis DB 13, emptied for each test."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    cache.clear()


@pytest.fixture
def officer(db):
    return core.UserFactory(username="petugas.pengaduan", role=roles.COMPLAINTS_OFFICER)


@pytest.fixture
def opd(unit_tree):
    return unit_tree["A"]


@pytest.fixture
def operator(unit_tree):
    return core.UserFactory(username="operator.a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)


@pytest.fixture
def other_operator(unit_tree):
    return core.UserFactory(username="operator.b", unit=unit_tree["B"], role=roles.OPD_OPERATOR)
