"""The daily appraisal job: open periods, send opening notices, deadline reminders, escalations.

Set-based: a fixed number of queries per open cycle whatever the number of employees; the
reminders go through `asn_portal.common.reminders.reminders_send`, which sends on working days
only and at most once per recipient, kind, item and day.

Who owes what: the employee drafts and submits the SKP (due `cycle.plan_due`) and records the
self-assessment (`period.self_assessment_due`); the supervisor approves the SKP (`plan_due`) and
rates (`rating_due`); each rater answers the 360° feedback (`feedback_due`).

Before a deadline D the owner is reminded N days before (N from `cycle.reminder_days`); when
D − N falls on a weekend or holiday the reminder goes on the working day before, so none is
lost. After D (the day boundary is midnight in Asia/Jakarta) a daily overdue reminder; once the
step is `cycle.escalation_days` working days overdue, the OPD operators of the unit get one
summary per step and period each working day. What one person owes many times (360° answers,
subordinates' SKPs and ratings) is reminded once per period, with the count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Q, QuerySet, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.accounts import roles
from asn_portal.accounts.models import User
from asn_portal.common import calendar
from asn_portal.common.reminders import Reminder, reminders_send
from asn_portal.personnel.selectors import ACTIVE_STATES

from .models import Cycle, Evaluation, FeedbackRequest, Period, Plan
from .services import cycle_enrol_new, feedback_release_due, periods_open_due


@dataclass(frozen=True)
class Step:
    """A step someone owes: where its rows, deadline, owner and employee's unit are."""

    name: str
    label: str
    rows: QuerySet
    deadline: str  # field path to the deadline date
    owner_user: str  # field path to the owner's user id
    unit_path: str  # field path to the appraised employee's unit path
    scope: str  # field path to what an escalation summarises (cycle or period id)
    url: str
    per_item: bool = True  # False: one reminder per owner and scope, with the count


def _url_template(name: str) -> str:
    """A detail URL with a `{pk}` placeholder: reversed once, formatted per row."""
    return reverse(name, args=[987654321]).replace("987654321", "{pk}")


def _steps(cycle: Cycle) -> list[Step]:
    open_periods = Q(period__cycle=cycle, period__status=Period.Status.OPEN)
    return [
        Step(
            "plan",
            _("draft and submit your SKP"),
            Plan.objects.filter(cycle=cycle, status__in=[Plan.Status.DRAFT, Plan.Status.RETURNED]),
            "cycle__plan_due",
            "employee__user__id",
            "employee__unit__path",
            "cycle_id",
            _url_template("appraisal:plan"),
        ),
        Step(
            "plan_approval",
            _("approve or return a subordinate's SKP"),
            Plan.objects.filter(cycle=cycle, status=Plan.Status.SUBMITTED),
            "cycle__plan_due",
            "supervisor__user__id",
            "employee__unit__path",
            "cycle_id",
            reverse("appraisal:home"),
            per_item=False,
        ),
        Step(
            "self_assessment",
            _("record your realisation and submit the self-assessment"),
            Evaluation.objects.filter(open_periods, status=Evaluation.Status.OPEN),
            "period__self_assessment_due",
            "employee__user__id",
            "employee__unit__path",
            "period_id",
            _url_template("appraisal:evaluation"),
        ),
        Step(
            "feedback",
            _("give 360° feedback"),
            FeedbackRequest.objects.filter(
                evaluation__period__cycle=cycle,
                evaluation__period__status=Period.Status.OPEN,
                answered_at__isnull=True,
            ),
            "evaluation__period__feedback_due",
            "rater__user__id",
            "rater__unit__path",
            "evaluation__period_id",
            reverse("appraisal:home"),
            per_item=False,
        ),
        Step(
            "rating",
            _("rate a subordinate's performance"),
            Evaluation.objects.filter(open_periods, status=Evaluation.Status.SUBMITTED),
            "period__rating_due",
            "supervisor__user__id",
            "employee__unit__path",
            "period_id",
            reverse("appraisal:home"),
            per_item=False,
        ),
    ]


def _operators_by_unit_path() -> list[tuple[str, int]]:
    """(unit path, user id) of every active OPD operator."""
    return list(
        User.objects.filter(
            is_active=True, groups__name=roles.OPD_OPERATOR, unit__isnull=False
        ).values_list("unit__path", "pk")
    )


def cycle_reminders(*, cycle: Cycle, day: dt.date) -> list[Reminder]:
    """Deadline, overdue and escalation reminders of one cycle for a working day.

    A step owed once per person (their SKP, their self-assessment) is reminded per item; a step
    owed many times (feedback to give, subordinates to approve or rate) gets one reminder per
    person and period with the count, so a supervisor of thirty is not sent thirty emails.
    """
    next_working = calendar.add_working_days(day, 1)
    covered = [day + dt.timedelta(days=i) for i in range((next_working - day).days)]
    before = {d + dt.timedelta(days=n) for d in covered for n in cycle.reminder_offsets}
    escalate_until = calendar.add_working_days(day, -cycle.escalation_days)
    operators = _operators_by_unit_path()
    operators_of: dict[str, list[int]] = {}
    reminders: list[Reminder] = []
    for step in _steps(cycle):
        owner = step.owner_user.removesuffix("__user__id")  # only active people are reminded
        due = (
            step.rows.filter(
                Q(**{f"{step.deadline}__in": before}) | Q(**{f"{step.deadline}__lt": day}),
                **{f"{owner}__user__is_active": True, f"{owner}__state__in": ACTIVE_STATES},
            )
            .order_by()
            .values(d=F(step.deadline), u=F(step.owner_user), p=F(step.unit_path), s=F(step.scope))
        )
        if step.per_item:
            rows = due.annotate(n=Value(1), pk_=F("pk")).values_list("pk_", "d", "u", "p", "s", "n")
        else:  # counted in the database: one row per owner, not per item
            rows = due.annotate(n=Count("pk"), pk_=Value(0)).values_list(
                "pk_", "d", "u", "p", "s", "n"
            )
        owed: dict[tuple[int, str], list] = {}  # (user, item) -> [deadline, url, count]
        escalations: Counter = Counter()
        for pk, deadline, user_id, unit_path, scope, n in rows.iterator(chunk_size=5000):
            if step.per_item:
                owed[(user_id, f"{step.name}:{pk}")] = [deadline, step.url.format(pk=pk), 1]
            else:
                owed.setdefault((user_id, f"{step.name}:{scope}"), [deadline, step.url, 0])[2] += n
            if deadline <= escalate_until:
                if unit_path not in operators_of:
                    operators_of[unit_path] = [
                        uid for path, uid in operators if unit_path.startswith(path)
                    ]
                for operator_id in operators_of[unit_path]:
                    escalations[(operator_id, scope)] += n
        titles: dict[tuple[dt.date, int], str] = {}
        for (user_id, item), (deadline, url, count) in owed.items():
            if (deadline, count) not in titles:
                titles[(deadline, count)] = _title(step, deadline, count, day)
            overdue = deadline < day
            reminders.append(
                Reminder(
                    recipient_id=user_id,
                    kind=f"appraisal.{step.name}.{'overdue' if overdue else 'due'}",
                    item=item,
                    title=titles[(deadline, count)],
                    url=url,
                )
            )
        for (operator_id, scope), count in escalations.items():
            reminders.append(
                Reminder(
                    recipient_id=operator_id,
                    kind=f"appraisal.{step.name}.escalation",
                    item=f"{step.name}:{scope}",
                    title=_("%(count)s overdue in your unit: %(step)s")
                    % {"count": count, "step": step.label},
                    body=_("%(count)s appraisal steps are more than %(days)s working days overdue.")
                    % {"count": count, "days": cycle.escalation_days},
                    url=reverse("appraisal:dashboard"),
                )
            )
    return reminders


def _title(step: Step, deadline: dt.date, count: int, day: dt.date) -> str:
    what = step.label if step.per_item else f"{step.label} ({count})"
    if deadline < day:
        return _("Overdue since %(date)s: %(step)s") % {
            "step": what,
            "date": f"{deadline:%d-%m-%Y}",
        }
    return _("Reminder: %(step)s by %(date)s (%(days)s days left)") % {
        "step": what,
        "date": f"{deadline:%d-%m-%Y}",
        "days": (deadline - day).days,
    }


def opening_notices() -> list[Reminder]:
    """Notices of cycles and periods opened since the last run, each claimed once."""
    now = timezone.now()
    plan_url = _url_template("appraisal:plan")
    evaluation_url = _url_template("appraisal:evaluation")
    reminders = []
    for cycle in Cycle.objects.filter(status=Cycle.Status.OPEN, notified_at__isnull=True):
        if not Cycle.objects.filter(pk=cycle.pk, notified_at__isnull=True).update(notified_at=now):
            continue
        users = Plan.objects.filter(cycle=cycle, employee__user__isnull=False).values_list(
            "pk", "employee__user__id"
        )
        reminders += [
            Reminder(
                recipient_id=user_id,
                kind="appraisal.cycle_open",
                item=f"cycle:{cycle.pk}",
                title=_("The %(year)s performance appraisal is open: draft your SKP by %(date)s")
                % {"year": cycle.year, "date": f"{cycle.plan_due:%d-%m-%Y}"},
                url=plan_url.format(pk=plan_id),
            )
            for plan_id, user_id in users
        ]
    periods = Period.objects.filter(
        status=Period.Status.OPEN, notified_at__isnull=True, kind=Period.Kind.PERIODIC
    ).select_related("cycle")
    for period in periods:
        if not Period.objects.filter(pk=period.pk, notified_at__isnull=True).update(
            notified_at=now
        ):
            continue
        users = Evaluation.objects.filter(period=period, employee__user__isnull=False).values_list(
            "pk", "employee__user__id"
        )
        reminders += [
            Reminder(
                recipient_id=user_id,
                kind="appraisal.period_open",
                item=f"period:{period.pk}",
                title=_("Appraisal period %(period)s is open; self-assessment due %(date)s")
                % {"period": period, "date": f"{period.self_assessment_due:%d-%m-%Y}"},
                url=evaluation_url.format(pk=evaluation_id),
            )
            for evaluation_id, user_id in users
        ]
    return reminders


def appraisal_daily(*, on_date: dt.date | None = None) -> dict[str, int]:
    """Open due periods and enrol newcomers; on working days send notices and reminders.

    Safe to run twice."""
    day = on_date or calendar.today()
    opened = periods_open_due(on_date=day)
    feedback_release_due(on_date=day)
    for cycle in Cycle.objects.filter(status=Cycle.Status.OPEN):
        cycle_enrol_new(cycle=cycle)
    if not calendar.is_working_day(day):
        return {"periods_opened": opened, "reminders": 0}
    with transaction.atomic():
        reminders = opening_notices()
        for cycle in Cycle.objects.filter(status=Cycle.Status.OPEN):
            reminders += cycle_reminders(cycle=cycle, day=day)
        sent = reminders_send(reminders=reminders, on_date=day)
    return {"periods_opened": opened, "reminders": sent}
