"""Sending notifications: in-app, and by email after the transaction commits.

Each notification carries a deduplication key enforced by a unique constraint, so the same
reminder sent twice (a retried task, two beat ticks) reaches its recipient once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Notification
from .queueing import enqueue

logger = logging.getLogger(__name__)
OUTBOX_GRACE = timedelta(minutes=2)


def notification_send(
    *, recipient, title: str, dedup_key: str, body: str = "", url: str = "", email: bool = True
) -> Notification | None:
    """Create the notification unless one with this key exists; email it after commit.

    Returns the new notification, or None when it had been sent before.
    """
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                title=title[:200],
                body=body,
                url=url,
                dedup_key=dedup_key,
                send_email=email,
            )
    except IntegrityError:
        return None
    if email and recipient.email:
        transaction.on_commit(lambda: _enqueue_email(notification.pk))
    return notification


def notify_employee(
    employee_id: int | None, *, title: str, key: str, url: str = "", body: str = ""
) -> Notification | None:
    """Notify the active portal account of an employee (in the app and by email), once per key.

    Employees without an account are skipped: None.
    """
    from django.contrib.auth import get_user_model

    if employee_id is None:
        return None
    user = get_user_model().objects.filter(employee_id=employee_id, is_active=True).first()
    if user is None:
        return None
    return notification_send(recipient=user, title=title, dedup_key=key, url=url, body=body)


def _enqueue_email(notification_id: int) -> None:
    """Queue the email; when the broker is down the outbox sweep sends it later."""
    from .tasks import notification_email_task

    enqueue(notification_email_task, notification_id)


def enqueue_outbox_flush() -> None:
    """Ask a worker to email every pending notification (used after bulk inserts)."""
    from .tasks import notification_outbox_task

    enqueue(notification_outbox_task)


def pending_email_ids(*, older_than=OUTBOX_GRACE, limit: int = 1000) -> list[int]:
    """Notifications still to be emailed: the outbox."""
    cutoff = timezone.now() - older_than
    return list(
        Notification.objects.filter(
            send_email=True, emailed_at__isnull=True, created_at__lte=cutoff
        )
        .exclude(recipient__email="")
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def notification_outbox_flush(*, older_than=OUTBOX_GRACE, limit: int = 1000) -> int:
    """Email what is pending in the outbox; returns how many were sent."""
    return sum(
        notification_email(notification_id=pk)
        for pk in pending_email_ids(older_than=older_than, limit=limit)
    )


def notification_email(*, notification_id: int) -> bool:
    """Email one notification; claims it first so a second run sends nothing.

    The claim and the sending share one transaction: when sending fails the claim is undone and
    the task's retry sends it; a concurrent run waits on the row lock, then finds it claimed.
    """
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or not notification.recipient.email:
        return False
    with transaction.atomic():
        claimed = Notification.objects.filter(
            pk=notification_id, emailed_at__isnull=True, send_email=True
        ).update(emailed_at=timezone.now())
        if not claimed:
            return False
        body = notification.body
        if notification.url:
            body = f"{body}\n\n{notification.url}".strip()
        send_mail(
            subject=f"[{settings.AGENCY_REGION}] {notification.title}",
            message=body,
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
    return True


def notification_mark_read(*, user, notification_id: int) -> bool:
    """Mark one of the user's own notifications read; another user's is not found."""
    return bool(
        Notification.objects.filter(
            pk=notification_id, recipient=user, read_at__isnull=True
        ).update(read_at=timezone.now())
    )


def notifications_for(user, *, limit: int = 10) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at")[:limit]


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
