"""Notifications: one row per deduplication key, emailed once, after the transaction commits."""

import socket

import pytest
from django.core import mail

from asn_portal.common.models import Notification
from asn_portal.common.notifications import (
    notification_email,
    notification_mark_read,
    notification_send,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return factories.UserFactory(username="siti", email="siti@example.go.id")


def _send(recipient, key="skp:2026:siti", **kwargs):
    return notification_send(
        recipient=recipient, title="Isi SKP 2026", dedup_key=key, body="Batas 31 Januari", **kwargs
    )


def test_send_creates_one_notification(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(user)
    assert list(Notification.objects.values_list("recipient", "title")) == [
        (user.pk, "Isi SKP 2026")
    ]


def test_send_emails_the_recipient_after_commit(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(user)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["siti@example.go.id"], "[Kabupaten Contoh] Isi SKP 2026")
    ]


def test_send_emails_nothing_before_commit(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _send(user)
    assert (len(callbacks), mail.outbox) == (1, [])


def test_sent_email_marks_the_notification_emailed(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _send(user)
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_sending_twice_with_one_key_creates_one_notification(
    user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send(user)
        second = _send(user)
    assert (second, Notification.objects.count()) == (None, 1)


def test_sending_twice_with_one_key_sends_one_email(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(user)
    with django_capture_on_commit_callbacks(execute=True):
        _send(user)
    assert len(mail.outbox) == 1


def test_in_app_only_notification_is_not_emailed(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(user, email=False)
    assert mail.outbox == []


def test_recipient_without_email_gets_no_mail(django_capture_on_commit_callbacks):
    recipient = factories.UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        _send(recipient)
    assert (Notification.objects.count(), mail.outbox) == (1, [])


def test_emailing_twice_sends_once(user):
    notification = factories.NotificationFactory(recipient=user)
    results = [notification_email(notification_id=notification.pk) for _ in range(2)]
    assert (results, len(mail.outbox)) == ([True, False], 1)


def test_emailing_a_recipient_without_email_sends_nothing():
    notification = factories.NotificationFactory(recipient=factories.UserFactory(email=""))
    assert notification_email(notification_id=notification.pk) is False
    assert mail.outbox == []


@pytest.fixture
def unreachable_smtp(settings):
    """SMTP pointed at a local port where nothing listens: sending raises an OSError."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


def test_email_that_failed_to_send_is_sent_by_the_retry(user, settings, unreachable_smtp):
    notification = factories.NotificationFactory(recipient=user)
    with pytest.raises(OSError):
        notification_email(notification_id=notification.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_email(notification_id=notification.pk) is True
    assert len(mail.outbox) == 1


def test_marking_own_notification_read(user):
    notification = factories.NotificationFactory(recipient=user)
    assert notification_mark_read(user=user, notification_id=notification.pk) is True
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_marking_another_users_notification_read_is_refused(user):
    notification = factories.NotificationFactory(recipient=user)
    intruder = factories.UserFactory()
    assert notification_mark_read(user=intruder, notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.read_at is None
