"""Daily work: reminders before deadlines, escalation of overdue reports, auto-close."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.common.reminders import Reminder, reminders_send
from asn_portal.personnel.selectors import unit_heads

from .. import selectors
from ..models import Complaint
from ._base import (
    S,
    _handle_url,
    _move,
    _now,
)
from .outbox import _notify_status


@transaction.atomic
def complaints_auto_close(*, today: dt.date | None = None) -> int:
    """Close follow-ups the reporter has not answered by the end of their reply window, and
    archive postponed reports whose question went unanswered."""
    day = today or calendar.today()
    closed = 0
    unanswered = Complaint.objects.select_for_update(skip_locked=True).filter(
        status=S.NEEDS_INFO, due_on__lt=day
    )
    for complaint in unanswered:
        _move(
            complaint,
            S.ARCHIVED,
            message=_("Archived: the reporter did not answer the question in time."),
        )
        complaint.closed_at = _now()
        complaint.due_on = None
        complaint.save()
        _notify_status(complaint, event_key="unanswered")
        closed += 1
    due = Complaint.objects.select_for_update(skip_locked=True).filter(
        status=S.RESPONDED, due_on__lt=day
    )
    for complaint in due:
        _move(
            complaint,
            S.CLOSED,
            message=_("Closed automatically: no reply from the reporter."),
        )
        complaint.closed_at = _now()
        complaint.due_on = None
        complaint.save()
        _notify_status(complaint, event_key="auto-closed")
        closed += 1
    return closed


def complaints_send_reminders(*, today: dt.date | None = None) -> int:
    """Remind before a stage deadline; escalate overdue reports to the OPD head and BKD.

    Runs daily; `reminders_send` sends each reminder once per recipient and working day.
    """
    day = today or calendar.today()
    policy = selectors.sla_policy_on(day)
    soon = calendar.add_working_days(day, policy.remind_before_days)
    intake = list(selectors.intake_officers().values_list("pk", flat=True))
    bkd = list(selectors.bkd_escalation_recipients().values_list("pk", flat=True))
    reminders: list[Reminder] = []
    upcoming = Complaint.objects.filter(
        status__in=selectors.AGENCY_STAGES, due_on__gte=day, due_on__lte=soon
    ).select_related("disposed_unit")
    operators_by_unit: dict[int, list[int]] = {}

    def operators(unit) -> list[int]:
        if unit.pk not in operators_by_unit:
            operators_by_unit[unit.pk] = list(
                selectors.unit_operators(unit).values_list("pk", flat=True)
            )
        return operators_by_unit[unit.pk]

    for c in upcoming:
        recipients = operators(c.disposed_unit) if c.status == S.DISPOSED else intake
        for user_id in recipients:
            reminders.append(
                Reminder(
                    recipient_id=user_id,
                    kind="complaints.due",
                    item=f"complaint:{c.pk}",
                    title=_("Report %(code)s is due on %(date)s")
                    % {"code": c.tracking_code, "date": f"{c.due_on:%d-%m-%Y}"},
                    url=_handle_url(c),
                )
            )
    late = list(selectors.overdue(today=day).select_related("disposed_unit"))
    heads = unit_heads([c.disposed_unit for c in late if c.disposed_unit]) if late else {}
    head_users = (
        {
            e.pk: e.user.pk
            for e in heads.values()
            if getattr(e, "user", None) is not None and e.user.is_active
        }
        if heads
        else {}
    )
    portal_url = reverse("portal:dashboard")
    for c in late:
        recipients = set(bkd)
        head_user = None
        if c.status == S.DISPOSED:
            recipients |= set(operators(c.disposed_unit))
            head = heads.get(c.disposed_unit_id)
            if head and head.pk in head_users:
                head_user = head_users[head.pk]
                recipients.add(head_user)
        for user_id in recipients:
            reminders.append(
                Reminder(
                    recipient_id=user_id,
                    kind="complaints.overdue",
                    item=f"complaint:{c.pk}",
                    title=_("Report %(code)s is overdue since %(date)s")
                    % {"code": c.tracking_code, "date": f"{c.due_on:%d-%m-%Y}"},
                    # the OPD head sees it on their portal card; staff open it in the admin
                    url=portal_url if user_id == head_user else _handle_url(c),
                )
            )
    if late:
        Complaint.objects.filter(pk__in=[c.pk for c in late], sla_breached=False).update(
            sla_breached=True
        )
    return reminders_send(reminders=reminders, on_date=day)
