"""A real Celery worker on Redis runs the email task end to end, as it does in production."""

import signal

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.core import mail

from asn_portal.celery import app
from asn_portal.common.tasks import notification_email_task
from tests import factories
from tests.celery_support import forget_broker_connections

TEST_TIMEOUT = 60  # seconds: a worker that never starts fails the test instead of hanging it
RESULT_TIMEOUT = 20
CONF_KEYS = (
    "broker_url",
    "result_backend",
    "task_always_eager",
    "broker_connection_retry_on_startup",
    "broker_connection_max_retries",
    "broker_connection_timeout",
    "worker_hijack_root_logger",
)


@pytest.fixture
def hang_guard():
    """Abort the test with TimeoutError after TEST_TIMEOUT seconds (SIGALRM, main thread)."""

    def _timeout(signum, frame):
        raise TimeoutError(f"Celery worker test took longer than {TEST_TIMEOUT} s")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(TEST_TIMEOUT)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def celery_app_on_redis(redis_url, hang_guard):
    """The project's Celery app sent to Redis instead of running eagerly; restored afterwards."""
    # Fail fast, with a clear message, when Redis is not there.
    redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    saved = {key: app.conf[key] for key in CONF_KEYS}
    app.conf.update(
        broker_url=redis_url,
        result_backend=redis_url,
        task_always_eager=False,
        broker_connection_retry_on_startup=False,
        broker_connection_max_retries=2,
        broker_connection_timeout=2,
        worker_hijack_root_logger=False,
    )
    forget_broker_connections()
    app.control.purge()  # leftovers of an earlier, interrupted run
    yield app
    app.conf.update(saved)
    forget_broker_connections()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_on_redis_emails_a_notification(celery_app_on_redis):
    user = factories.UserFactory(email="budi@example.go.id")
    notification = factories.NotificationFactory(recipient=user, title="Undangan Latsar")
    with start_worker(celery_app_on_redis, perform_ping_check=False, shutdown_timeout=10):
        result = notification_email_task.delay(notification.pk).get(timeout=RESULT_TIMEOUT)
    notification.refresh_from_db()
    assert result is True
    assert notification.emailed_at is not None
    assert [m.to for m in mail.outbox] == [["budi@example.go.id"]]
