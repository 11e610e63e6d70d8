"""The notification table is the outbox: nothing is lost when the broker is down."""

import datetime as dt

import pytest
from django.core import mail

from asn_portal.common import notifications
from asn_portal.common.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def broker_down(settings):
    """A real Celery app pointed at a port where nothing listens (no mock)."""
    from asn_portal.celery import app

    saved = {
        k: app.conf[k]
        for k in (
            "broker_url",
            "task_always_eager",
            "broker_connection_retry",
            "broker_connection_max_retries",
            "broker_transport_options",
        )
    }
    app.conf.update(
        broker_url="redis://127.0.0.1:6390/0",
        task_always_eager=False,
        broker_connection_retry=False,
        broker_connection_max_retries=0,
        broker_transport_options={"socket_connect_timeout": 1, "max_retries": 0},
    )
    app.pool.force_close_all()
    yield
    app.conf.update(saved)
    app.pool.force_close_all()


def test_notification_is_kept_when_the_broker_is_down(broker_down):
    user = factories.UserFactory()
    notification = notifications.notification_send(
        recipient=user, title="Pengaduan diterima", dedup_key="outbox:1"
    )
    assert Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).exists()
    assert mail.outbox == []


def test_outbox_flush_sends_what_is_pending_once():
    user = factories.UserFactory()
    pending = factories.NotificationFactory(recipient=user)
    Notification.objects.filter(pk=pending.pk).update(
        created_at=pending.created_at - dt.timedelta(minutes=10)
    )
    assert notifications.notification_outbox_flush() == 1
    assert notifications.notification_outbox_flush() == 0
    assert len(mail.outbox) == 1
    pending.refresh_from_db()
    assert pending.emailed_at is not None


def test_outbox_skips_recipients_without_email():
    user = factories.UserFactory(email="")
    factories.NotificationFactory(recipient=user)
    assert notifications.notification_outbox_flush(older_than=dt.timedelta(0)) == 0
