"""Sending notifications: in-app, and by email after the transaction commits.

Each notification carries a deduplication key enforced by a unique constraint, so the same
reminder sent twice (a retried task, two beat ticks) reaches its recipient once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Notification


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
        from .tasks import notification_email_task

        transaction.on_commit(lambda: notification_email_task.delay(notification.pk))
    return notification


def notification_email(*, notification_id: int) -> bool:
    """Email one notification; claims it first so a second run sends nothing."""
    claimed = Notification.objects.filter(
        pk=notification_id, emailed_at__isnull=True, send_email=True
    ).update(emailed_at=timezone.now())
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
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
