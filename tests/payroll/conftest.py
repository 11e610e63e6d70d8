import pytest
from django.utils import translation

from payroll import inputs


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English source strings, whatever the Indonesian catalog says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def rules(db):
    """The rules in force in February 2026 (seeded by migrations)."""
    return inputs.rules_for(2026, 2)
