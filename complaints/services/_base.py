"""Helpers shared by the complaint services: transitions, events, deadlines."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.common.workflow import transition

from .. import selectors
from ..models import Complaint, ComplaintEvent

logger = logging.getLogger(__name__)
S = Complaint.Status
Kind = ComplaintEvent.Kind
TRACK_PATH = "/pengaduan/lacak/"
CODE_ATTEMPTS = 8


class DuplicateSubmission(Exception):
    """The same form (same submission token) was sent twice; the first one was stored."""


def _now() -> dt.datetime:
    return timezone.now()


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _event(
    complaint: Complaint, kind: str, *, by=None, by_reporter=False, message="", public=False, **kw
):
    return ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        by=by,
        by_reporter=by_reporter,
        message=message,
        public=public,
        **kw,
    )


def _move(
    complaint: Complaint,
    to: str,
    *,
    by=None,
    by_reporter=False,
    message="",
    changes: dict | None = None,
) -> None:
    """Make the move through the workflow (checked, saved, recorded with the acting user; the
    reporter and tasks act as the system) and put it on the reporter's timeline."""
    if complaint.workflow.move(complaint.status, to) is None:
        raise ValidationError(
            _("A report that is “%(from)s” cannot become “%(to)s”.")
            % {"from": complaint.get_status_display(), "to": S(to).label}
        )
    before = complaint.status
    transition(complaint, to, by=None if by_reporter else by, note=message, changes=changes)
    _event(
        complaint,
        Kind.STATUS,
        by=by,
        by_reporter=by_reporter,
        message=message,
        public=True,
        from_status=before,
        to_status=to,
    )


def _deadline(days_attr: str, *, start: dt.date | None = None) -> dt.date:
    day = start or calendar.today()
    return calendar.add_working_days(day, getattr(selectors.sla_policy_on(day), days_attr))


def _note_breach(complaint: Complaint) -> None:
    """A stage finished after its deadline is remembered for the statistics."""
    if complaint.due_on and calendar.today() > complaint.due_on:
        complaint.sla_breached = True


def _handle_url(complaint: Complaint) -> str:
    return reverse("admin:complaints_complaint_handle", args=[complaint.pk])
