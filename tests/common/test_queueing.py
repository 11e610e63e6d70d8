"""Requests hand work to Celery without ever waiting on the broker (asn_portal.common.queueing)."""

import logging
import time
import uuid

import pytest

from asn_portal.celery import app
from asn_portal.common.models import Notification
from asn_portal.common.queueing import enqueue
from asn_portal.common.tasks import notification_outbox_task
from complaints import forms
from complaints.models import Complaint, ReporterEmail
from tests import factories
from tests.celery_support import forget_broker_connections
from tests.complaints.factories import CategoryFactory

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1: the broker is down
KEYS = ("broker_url", "result_backend", "task_always_eager")


@pytest.fixture
def broker_down():
    """The production configuration (broker and result backend on Redis), with Redis down.

    Only the URLs change: the timeouts and retry policies are those of settings.py.
    """
    saved = {key: app.conf[key] for key in KEYS}
    app.conf.update(broker_url=UNREACHABLE, result_backend=UNREACHABLE, task_always_eager=False)
    forget_broker_connections()
    yield
    app.conf.update(saved)
    forget_broker_connections()


def complaint_form(**overrides):
    return {
        "classification": "complaint",
        "category": CategoryFactory().pk,
        "reported_unit": "",
        "subject": "Guru sering tidak hadir",
        "description": "Di SD Negeri 3 guru kelas 4 sering tidak hadir tanpa pengganti.",
        "privacy": "confidential",
        "reporter_name": "Rina",
        "reporter_email": "rina@example.com",
        "reporter_phone": "",
        "consent": "on",
        "website": "",
        "issued": forms.issue_stamp(),
        "submission_token": str(uuid.uuid4()),
        **overrides,
    }


@pytest.fixture
def _complaint_form_ready(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0


@pytest.mark.django_db
@pytest.mark.usefixtures("_complaint_form_ready")
def test_a_complaint_submitted_while_the_broker_is_down_is_answered_at_once(
    client, broker_down, django_capture_on_commit_callbacks
):
    data = complaint_form()
    assert client.get("/pengaduan/").status_code == 200  # warm-up: templates, URL resolver

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/pengaduan/", data)
    elapsed = time.monotonic() - started

    assert response.status_code == 201
    assert callbacks  # the receipt was handed to the broker (and failed) inside the request
    complaint = Complaint.objects.get()
    assert ReporterEmail.objects.filter(complaint=complaint, sent_at__isnull=True).exists()
    assert elapsed < 5  # a correctness bound: it was about 20 s before


@pytest.mark.django_db
@pytest.mark.usefixtures("_complaint_form_ready")
def test_a_refused_complaint_form_enqueues_nothing_even_with_the_broker_down(
    client, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/pengaduan/", complaint_form(consent=""))

    assert response.status_code == 400
    assert not callbacks
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_a_notification_sent_while_the_broker_is_down_waits_in_the_outbox(
    broker_down, django_capture_on_commit_callbacks
):
    from asn_portal.common.notifications import notification_send

    user = factories.UserFactory(email="pegawai@example.com")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=user, title="Uji", dedup_key="queueing:1")

    assert time.monotonic() - started < 5
    assert Notification.objects.filter(recipient=user, emailed_at__isnull=True).exists()


def test_enqueue_with_the_broker_down_logs_and_returns_false(broker_down, caplog):
    with caplog.at_level(logging.WARNING, logger="asn_portal.common.queueing"):
        handed_over = enqueue(notification_outbox_task)

    assert handed_over is False
    assert "notification_outbox_task" in caplog.text


def test_a_plain_delay_with_the_broker_down_raises_where_enqueue_does_not(broker_down):
    with pytest.raises(Exception):  # noqa: B017 (whatever kombu or the result backend raises)
        notification_outbox_task.delay()
    assert enqueue(notification_outbox_task) is False


@pytest.mark.django_db
def test_enqueue_without_a_broker_runs_the_task_here_and_now():
    assert app.conf.task_always_eager
    assert enqueue(notification_outbox_task) is True
