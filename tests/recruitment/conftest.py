import pytest
import time_machine
from django.utils import translation

from asn_portal.accounts import roles
from tests import factories as core

from .factories import DURING_REGISTRATION


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploads go to a temporary private root."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in their English source, whatever the Indonesian catalog says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def registration_time():
    with time_machine.travel(DURING_REGISTRATION, tick=False) as traveller:
        yield traveller


@pytest.fixture
def officer(db):
    return core.UserFactory(username="petugas-rekrutmen", role=roles.RECRUITMENT_OFFICER)


@pytest.fixture
def officer2(db):
    return core.UserFactory(username="petugas-rekrutmen-2", role=roles.RECRUITMENT_OFFICER)
