"""Reminders in the last quarter for employees below the yearly JP target."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.common.reminders import Reminder, reminders_send
from asn_portal.personnel.models import Employee
from asn_portal.personnel.selectors import supervisors_for

from .. import selectors

REMINDER_MONTHS = (10, 11, 12)  # the last quarter: time is running out to reach 20 JP


def below_target_reminders_send(*, on: dt.date | None = None) -> int:
    """In the last quarter, remind employees below 20 JP, and their supervisors of them.

    Uses the shared reminders (working days only, once a day per recipient); returns how many
    new reminders were written.
    """
    day = on or calendar.today()
    if day.month not in REMINDER_MONTHS:
        return 0
    below = list(
        selectors.below_target(employees=selectors.employees_with_login(), year=day.year)
        .select_related("unit", "user")
        .order_by("pk")
    )
    if not below:
        return 0
    url = reverse("training:mine")
    reminders = [
        Reminder(
            recipient_id=e.user.pk,
            kind="training.below_target",
            item=f"year:{day.year}",
            title=_("You have %(jp)d of the %(target)d JP of training for %(year)d")
            % {"jp": e.jp, "target": selectors.JP_TARGET, "year": day.year},
            body=_("Find a session in the training catalogue before the year ends."),
            url=url,
        )
        for e in below
    ]
    supervisors = supervisors_for(below)
    per_supervisor: dict[int, list[Employee]] = {}
    for employee in below:
        supervisor = supervisors.get(employee.pk)
        if supervisor is not None:
            per_supervisor.setdefault(supervisor.pk, []).append(employee)
    from asn_portal.accounts.models import User

    logins = dict(
        User.objects.filter(employee_id__in=per_supervisor, is_active=True).values_list(
            "employee_id", "pk"
        )
    )
    for supervisor_id, staff in per_supervisor.items():
        if supervisor_id not in logins:
            continue
        names = ", ".join(f"{e.name} ({e.jp} JP)" for e in staff[:20])
        reminders.append(
            Reminder(
                recipient_id=logins[supervisor_id],
                kind="training.team_below_target",
                item=f"year:{day.year}",
                title=_("%(n)d of your staff are below %(target)d JP of training in %(year)d")
                % {"n": len(staff), "target": selectors.JP_TARGET, "year": day.year},
                body=names,
                url=reverse("training:approvals"),
            )
        )
    return reminders_send(reminders=reminders, on_date=day)
