"""Reminders shared by every module (appraisal deadlines, training targets, complaint SLAs…).

A module computes, set-based, who must be reminded of what, and hands the list to
`reminders_send`. This function:
- sends only on working days (Asia/Jakarta, national holidays and cuti bersama skipped);
- sends each reminder at most once per recipient, kind, item and day: the deduplication key
  `reminder:<kind>:<item>:<recipient>:<yyyy-mm-dd>` is unique in the database, so a second beat
  tick or a retried task inserts nothing;
- inserts in bulk, then asks one worker task to email the new ones (the notification table is
  the outbox, so nothing is lost when the broker is down).
The record of what was sent is the Notification table, visible in the admin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from . import calendar
from .models import Notification
from .notifications import enqueue_outbox_flush

CHUNK = 5000


@dataclass(frozen=True)
class Reminder:
    recipient_id: int
    kind: str  # e.g. "appraisal.plan_due", "training.below_target"
    item: str  # what it is about, e.g. "skp:123"
    title: str
    body: str = ""
    url: str = ""
    email: bool = True


def reminder_key(reminder: Reminder, day: dt.date) -> str:
    return f"reminder:{reminder.kind}:{reminder.item}:{reminder.recipient_id}:{day:%Y-%m-%d}"


def reminders_send(*, reminders: Iterable[Reminder], on_date: dt.date | None = None) -> int:
    """Create the day's reminders that were not sent yet; returns how many are new."""
    day = on_date or calendar.today()
    if not calendar.is_working_day(day):
        return 0
    by_key = {reminder_key(r, day): r for r in reminders}
    if not by_key:
        return 0
    keys = list(by_key)
    existing: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        existing.update(
            Notification.objects.filter(dedup_key__in=keys[start : start + CHUNK]).values_list(
                "dedup_key", flat=True
            )
        )
    new = [
        Notification(
            recipient_id=r.recipient_id,
            title=r.title[:200],
            body=r.body,
            url=r.url,
            dedup_key=key,
            send_email=r.email,
        )
        for key, r in by_key.items()
        if key not in existing
    ]
    with transaction.atomic():
        Notification.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        if any(n.send_email for n in new):
            transaction.on_commit(enqueue_outbox_flush)
    return len(new)
