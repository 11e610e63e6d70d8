"""Nothing the citizen typed is lost: broker outages, concurrent submissions."""

import random
import threading

import pytest
from django.core import mail
from django.db import connection

from asn_portal.celery import app
from complaints import codes
from complaints.models import Complaint, ReporterEmail
from complaints.tasks import reporter_outbox_task
from tests.celery_support import forget_broker_connections

from .helpers import submit

CONF_KEYS = (
    "broker_url",
    "task_always_eager",
    "task_publish_retry",
    "broker_connection_timeout",
    "broker_connection_max_retries",
)


@pytest.fixture
def broker_down():
    """Celery pointed at a port where no broker listens, as when Redis is down."""
    saved = {key: app.conf[key] for key in CONF_KEYS}
    app.conf.update(
        broker_url="redis://127.0.0.1:9/13",
        task_always_eager=False,
        task_publish_retry=False,
        broker_connection_timeout=1,
        broker_connection_max_retries=0,
    )
    forget_broker_connections()
    yield
    app.conf.update(saved)
    forget_broker_connections()


@pytest.mark.django_db
def test_submission_with_the_broker_down_is_stored(broker_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = submit().complaint
    assert Complaint.objects.filter(pk=complaint.pk).exists()


@pytest.mark.django_db
def test_receipt_waits_in_the_outbox_while_the_broker_is_down(
    broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    assert (ReporterEmail.objects.filter(sent_at__isnull=True).count(), mail.outbox) == (1, [])


@pytest.mark.django_db
def test_receipt_goes_out_once_the_broker_is_back(broker_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = submit()
    app.conf.update(broker_url="", task_always_eager=True)  # the broker is back
    forget_broker_connections()
    reporter_outbox_task.delay()
    reporter_outbox_task.delay()  # a second sweep sends nothing twice
    assert len(mail.outbox) == 1
    assert submitted.pin in mail.outbox[0].body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_keep_codes_unique_even_when_draws_collide(monkeypatch):
    pool = [f"ADU-{n:04d}-0000" for n in range(40)]
    monkeypatch.setattr(codes, "new_tracking_code", lambda: random.choice(pool))
    errors = []
    barrier = threading.Barrier(12)

    def worker():
        try:
            barrier.wait()
            submit(reporter_email="")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    codes_stored = list(Complaint.objects.values_list("tracking_code", flat=True))
    assert errors == []
    assert len(codes_stored) == len(set(codes_stored)) == 12


@pytest.fixture
def celery_on_redis(redis_13):
    """The project's Celery app on Redis DB 13 with a real worker thread; restored afterwards."""
    import redis

    redis.Redis.from_url(redis_13, socket_connect_timeout=2).ping()
    keys = (*CONF_KEYS, "result_backend", "broker_connection_retry_on_startup")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        broker_url=redis_13,
        result_backend=redis_13,
        task_always_eager=False,
        task_publish_retry=True,
        broker_connection_retry_on_startup=False,
        broker_connection_max_retries=2,
        broker_connection_timeout=2,
    )
    forget_broker_connections()
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
    app.control.purge()
    yield app
    app.conf.update(saved)
    forget_broker_connections()
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def redis_13():
    from .conftest import REDIS_URL

    return REDIS_URL


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_sends_the_kept_receipt_once_redis_is_back(request):
    from celery.contrib.testing.worker import start_worker

    request.getfixturevalue("broker_down")
    submitted = submit()  # committed: on_commit ran while the broker was down
    assert ReporterEmail.objects.filter(sent_at__isnull=True).count() == 1
    worker_app = request.getfixturevalue("celery_on_redis")
    with start_worker(worker_app, perform_ping_check=False, shutdown_timeout=10):
        sent = reporter_outbox_task.delay().get(timeout=20)
    assert (sent, len(mail.outbox)) == (1, 1)
    assert submitted.pin in mail.outbox[0].body
