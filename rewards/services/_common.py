"""Helpers shared by the rewards services: notifications and the dates every decision checks."""

from __future__ import annotations

import contextlib
import datetime as dt

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from asn_portal.common.calendar import today
from asn_portal.common.notifications import notification_send, notify_employee

from ..models import DisciplinaryCase


def notify_user(user, *, title: str, key: str) -> None:
    """Tell a staff user (in the app, and by email after commit), once per key."""
    if user is not None and user.is_active:
        url = reverse("portal:dashboard") if user.employee_id else ""
        notification_send(recipient=user, title=title, dedup_key=key, url=url)


def notify(employee_id: int, *, title: str, key: str) -> None:
    """Tell an employee through their portal account, once per key."""
    notify_employee(employee_id, title=title, key=key, url=reverse("portal:dashboard"))


def not_in_future(day: dt.date | None, field: str, label: str) -> None:
    """Refuse a date after today: decisions and filings are recorded once they happened."""
    if day is not None and day > today():
        raise ValidationError(
            {field: _("%(what)s cannot be in the future.") % {"what": label}}, code="future"
        )


def locked_case(case: DisciplinaryCase) -> DisciplinaryCase:
    return DisciplinaryCase.objects.select_for_update().get(pk=case.pk)


def as_actor(by):
    """The audit log's rows written inside are by `by` (tasks and cascades: no actor)."""
    if by is not None and getattr(by, "is_authenticated", False):
        return set_actor(by)
    return contextlib.nullcontext()
