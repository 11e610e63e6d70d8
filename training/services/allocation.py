"""Seat allocation of an oversubscribed session by a transparent priority."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common.models import Notification, StatusEvent
from asn_portal.common.notifications import enqueue_outbox_flush

from .. import selectors
from ..models import (
    Enrolment,
    TrainingSession,
)
from ._common import lock_session, save_decision

S = Enrolment.Status


def _explain(priority: selectors.Priority, rank: int, total: int, outcome: str) -> str:
    last = (
        priority.last_training.strftime("%d-%m-%Y")
        if priority.last_training
        else _("no training recorded")
    )
    requested = timezone.localtime(priority.requested_at).strftime("%d-%m-%Y %H:%M")
    return _(
        "Priority %(rank)d of %(total)d: %(jp)d JP this year; last training: %(last)s; "
        "requested %(req)s. %(outcome)s"
    ) % {
        "rank": rank,
        "total": total,
        "jp": priority.jp_this_year,
        "last": last,
        "req": requested,
        "outcome": outcome,
    }


@transaction.atomic
def session_allocate_seats(*, session: TrainingSession, by) -> dict[str, int]:
    """Allocate the unconfirmed seats of an oversubscribed session by a transparent priority.

    Order: fewest JP credited this year; then the longest since the last training (never
    trained first); then the earliest request. Confirmed seats stay. Every request gets its
    rank and the reason it got, or did not get, a seat; the waitlist follows the same order.
    """
    session = lock_session(session)
    if session.closed_at is not None:
        raise ValidationError(_("The results of this session are recorded already."))
    candidates = list(
        session.enrolments.filter(status__in=(S.REQUESTED, S.WAITLISTED)).select_related(
            "employee__unit"
        )
    )
    if not candidates:
        raise ValidationError(_("There are no requests waiting for a seat."))
    quotas = list(session.quotas.select_related("unit"))
    use = selectors.quota_use(session, quotas, selectors.FINAL_SEAT_STATUSES)
    free = (
        session.capacity
        - session.enrolments.filter(status__in=selectors.FINAL_SEAT_STATUSES).count()
    )
    priorities = selectors.priorities_for(candidates, session.start_date.year)
    ordered = sorted(candidates, key=lambda e: priorities[e.pk].key())
    total = len(ordered)
    seated = 0
    notifications = []
    before = {e.pk: e.status for e in ordered}
    for rank, enrolment in enumerate(ordered, start=1):
        quota = selectors.quota_unit_for(quotas, enrolment.employee)
        if free <= 0:
            outcome = _("No seat: all %(n)d seats went to requests ranked higher.") % {
                "n": session.capacity
            }
            status = S.WAITLISTED
        elif quota is not None and use[quota.pk] >= quota.seats:
            outcome = _("No seat: the %(n)d seats for %(unit)s went to requests ranked higher.") % {
                "n": quota.seats,
                "unit": quota.unit.name,
            }
            status = S.WAITLISTED
        else:
            outcome = _("Seat allocated.")
            status = S.REQUESTED
            free -= 1
            seated += 1
            if quota is not None:
                use[quota.pk] += 1
        enrolment.status = status
        enrolment.allocation_rank = rank
        enrolment.allocation_note = _explain(priorities[enrolment.pk], rank, total, outcome)
        notifications.append(enrolment)
    _save_allocation(ordered)
    _record_moves(ordered, before, by=by)
    result = {"requests": total, "seated": seated, "waitlisted": total - seated}
    save_decision(
        session,
        by=by,
        fields={"allocated_at": timezone.now()},
        note=_("Seats allocated: %(seated)d seated, %(waitlisted)d on the waitlist.") % result,
    )
    _notify_allocation(session, notifications)
    return result


def _record_moves(enrolments: list[Enrolment], before: dict[int, str], *, by) -> None:
    """Every seat given or taken by the allocation is a checked move, recorded in bulk with
    the officer who ran it (one StatusEvent per changed request)."""
    content_type = ContentType.objects.get_for_model(Enrolment)
    events = []
    for enrolment in enrolments:
        source = before[enrolment.pk]
        if source == enrolment.status:
            continue
        if Enrolment.workflow.move(source, enrolment.status) is None:
            raise ValidationError(_("The allocation made a move outside the enrolment table."))
        events.append(
            StatusEvent(
                content_type=content_type,
                object_id=enrolment.pk,
                from_status=source,
                to_status=enrolment.status,
                by=by if getattr(by, "is_authenticated", False) else None,
                note=enrolment.allocation_note[:500],
            )
        )
    StatusEvent.objects.bulk_create(events, batch_size=1000)


def _save_allocation(enrolments: list[Enrolment]) -> None:
    """Write status, rank and explanation of every request: one UPDATE per 1,000 on Postgres."""
    fields = ["status", "allocation_rank", "allocation_note"]
    if connection.vendor != "postgresql":
        Enrolment.objects.bulk_update(enrolments, fields, batch_size=1000)
        return
    table = connection.ops.quote_name(Enrolment._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(enrolments), 1000):
            chunk = enrolments[start : start + 1000]
            rows = ", ".join(["(%s::bigint, %s::varchar, %s::integer, %s::text)"] * len(chunk))
            params = [
                v for e in chunk for v in (e.pk, e.status, e.allocation_rank, e.allocation_note)
            ]
            cursor.execute(
                f"UPDATE {table} AS e SET status = v.status, allocation_rank = v.rank, "
                f"allocation_note = v.note FROM (VALUES {rows}) AS v(id, status, rank, note) "
                "WHERE e.id = v.id",
                params,
            )


def _notify_allocation(session: TrainingSession, enrolments: list[Enrolment]) -> None:
    """One notification per participant with their explanation, written in bulk."""
    from asn_portal.accounts.models import User

    users = dict(
        User.objects.filter(
            employee_id__in=[e.employee_id for e in enrolments], is_active=True
        ).values_list("employee_id", "pk")
    )
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    titles = {
        S.REQUESTED: _("Seat allocated: %(s)s") % {"s": session},
        S.WAITLISTED: _("Waitlisted: %(s)s") % {"s": session},
    }
    url_prefix = reverse("training:enrolment", args=[0]).removesuffix("0/")  # one reverse()
    rows = [
        Notification(
            recipient_id=users[e.employee_id],
            title=titles[e.status],
            body=e.allocation_note,
            url=f"{url_prefix}{e.pk}/",
            dedup_key=f"training:allocation:{e.pk}:{stamp}",
        )
        for e in enrolments
        if e.employee_id in users
    ]
    Notification.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    if rows:
        transaction.on_commit(enqueue_outbox_flush)
