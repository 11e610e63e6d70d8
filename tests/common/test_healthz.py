"""/healthz/: the database and the Celery broker, checked for real."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NOTHING_LISTENS = "redis://127.0.0.1:6390/0"


def _healthz(client):
    response = client.get(reverse("healthz"))
    return response.status_code, response.json()


def test_without_broker_tasks_run_eagerly_and_all_is_well(client, settings):
    settings.CELERY_BROKER_URL = ""
    assert _healthz(client) == (
        200,
        {"status": "ok", "database": "ok", "broker": "eager", "stuck_jobs": 0},
    )


def test_reachable_redis_broker_is_ok(client, settings, redis_url):
    settings.CELERY_BROKER_URL = redis_url
    assert _healthz(client) == (
        200,
        {"status": "ok", "database": "ok", "broker": "ok", "stuck_jobs": 0},
    )


def test_unreachable_broker_makes_the_service_unhealthy(client, settings):
    settings.CELERY_BROKER_URL = NOTHING_LISTENS
    assert _healthz(client) == (
        503,
        {"status": "unhealthy", "database": "ok", "broker": "down", "stuck_jobs": 0},
    )


def test_healthz_is_never_cached(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get(reverse("healthz"))
    assert "no-cache" in response["Cache-Control"]
