"""Emails to reporters (the outbox that survives a broker outage) and staff notifications."""

from __future__ import annotations

import uuid

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common.notifications import notification_send
from asn_portal.common.queueing import enqueue

from ..models import Complaint, ReporterEmail
from ._base import (
    TRACK_PATH,
    _handle_url,
)


def _enqueue_reporter_email(email_id: int) -> None:
    from ..tasks import reporter_email_task

    enqueue(reporter_email_task, email_id)  # when the broker is down, the outbox sweep sends it


def _email_reporters(
    complaint: Complaint, *, key: str, subject: str, body: str, merged: bool = True
) -> int:
    """Queue an email to the report's reporter and to those of reports merged into it."""
    targets = [complaint]
    if merged:
        targets += list(complaint.merged_reports.exclude(reporter_email=""))
    created = 0
    for target in targets:
        if not target.reporter_email:
            continue
        dedup = f"{key}:{target.pk}"[:120]
        mail, new = ReporterEmail.objects.get_or_create(
            dedup_key=dedup,
            defaults={
                "complaint": target,
                "to": target.reporter_email,
                "subject": subject.replace("{code}", target.tracking_code)[:200],
                "body": body.replace("{code}", target.tracking_code),
            },
        )
        if new:
            created += 1
            transaction.on_commit(lambda pk=mail.pk: _enqueue_reporter_email(pk))
    return created


def reporter_email_send(*, email_id: int) -> bool:
    """Send one outbox email; the claim and the sending share a transaction (sent once)."""
    with transaction.atomic():
        mail = (
            ReporterEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if mail is None:
            return False
        send_mail(
            subject=mail.subject, message=mail.body, from_email=None, recipient_list=[mail.to]
        )
        mail.sent_at = timezone.now()
        if mail.dedup_key.startswith("receipt:"):
            mail.body = ""  # it carried the PIN, which is stored nowhere else in clear
        mail.save(update_fields=["sent_at", "body"])
    return True


def reporter_outbox_flush(*, limit: int = 500) -> int:
    """Send every pending reporter email (periodically, and once the broker is back)."""
    pending = ReporterEmail.objects.filter(sent_at__isnull=True).order_by("created_at")
    return sum(
        reporter_email_send(email_id=pk) for pk in pending.values_list("pk", flat=True)[:limit]
    )


def _notify_status(complaint: Complaint, *, event_key: str) -> None:
    _email_reporters(
        complaint,
        key=f"status:{event_key}:{complaint.status}:{complaint.pk}:{uuid.uuid4().hex[:8]}",
        subject=_("Your report {code}: %(status)s") % {"status": complaint.get_status_display()},
        body=_(
            "Your report {code} is now “%(status)s”. Sign in with your tracking code and PIN "
            "at %(url)s to read the details."
        )
        % {"status": complaint.get_status_display(), "url": TRACK_PATH},
    )


def _notify_staff(users, complaint: Complaint, *, key: str, title: str) -> None:
    for user in users:
        notification_send(
            recipient=user,
            title=title,
            dedup_key=f"complaints:{key}:{complaint.pk}:{user.pk}",
            url=_handle_url(complaint),
        )
