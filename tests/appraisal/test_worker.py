"""The daily job runs on a real Celery worker against Redis, as beat triggers it in production."""

import datetime as dt
import os
import signal

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from appraisal import services
from appraisal.tasks import appraisal_daily_task
from asn_portal.celery import app
from asn_portal.common.models import Notification
from tests import factories
from tests.celery_support import forget_broker_connections

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
CONF_KEYS = ("broker_url", "result_backend", "task_always_eager", "worker_hijack_root_logger")


@pytest.fixture
def worker_app():
    redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()

    def _timeout(signum, frame):
        raise TimeoutError("the Celery worker test took longer than 60 s")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(60)
    saved = {key: app.conf[key] for key in CONF_KEYS}
    app.conf.update(
        broker_url=REDIS_URL,
        result_backend=REDIS_URL,
        task_always_eager=False,
        worker_hijack_root_logger=False,
    )
    forget_broker_connections()
    app.control.purge()
    yield app
    app.conf.update(saved)
    forget_broker_connections()
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_daily_job_sends_reminders_on_a_real_worker(worker_app):
    employee = factories.EmployeeFactory()
    user = factories.EmployeeUserFactory(employee=employee)
    cycle = services.cycle_create(year=2026, frequency="quarterly", plan_due=dt.date(2026, 2, 27))
    services.cycle_open(cycle=cycle, on_date=dt.date(2026, 2, 10))

    with start_worker(worker_app, perform_ping_check=False, shutdown_timeout=10):
        first = appraisal_daily_task.delay("2026-02-20").get(timeout=20)
        second = appraisal_daily_task.delay("2026-02-20").get(timeout=20)

    assert first["reminders"] >= 1 and second["reminders"] == 0
    assert (
        Notification.objects.filter(
            recipient=user, dedup_key__startswith="reminder:appraisal.plan.due:"
        ).count()
        == 1
    )
