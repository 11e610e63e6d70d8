"""Cycles and periods: opening the year's work, enrolment, raters, closing."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
import secrets
from collections import defaultdict
from collections.abc import Iterable
from contextlib import nullcontext

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.common.jobs import job_request
from asn_portal.common.queueing import enqueue, enqueue_on_commit
from asn_portal.common.workflow import check_move, record_start, transition
from asn_portal.personnel.access import DataKind, sees_all
from asn_portal.personnel.models import Employee, OrgUnit
from asn_portal.personnel.selectors import supervisor_ids_for

from .. import selectors
from ..anonymity import peer_draw
from ..models import (
    Cycle,
    Evaluation,
    FeedbackRequest,
    PeerDraw,
    Period,
    Plan,
)
from ._workflow import BATCH


def _period_bounds(year: int, frequency: str) -> list[tuple[int, dt.date, dt.date]]:
    if frequency == Cycle.Frequency.MONTHLY:
        return [
            (m, dt.date(year, m, 1), dt.date(year, m, pycalendar.monthrange(year, m)[1]))
            for m in range(1, 13)
        ]
    return [
        (
            q,
            dt.date(year, 3 * q - 2, 1),
            dt.date(year, 3 * q, pycalendar.monthrange(year, 3 * q)[1]),
        )
        for q in range(1, 5)
    ]


@transaction.atomic
def cycle_create(
    *,
    year: int,
    frequency: str,
    plan_due: dt.date,
    units: Iterable[OrgUnit] = (),
    by=None,
    **settings,
) -> Cycle:
    """A draft cycle with its periods (12 months or 4 quarters, and the annual evaluation).

    Each period's deadlines are working days after its end, from the cycle's settings.
    """
    if plan_due.year != year:
        raise ValidationError(_("The SKP plan is due within the cycle's year."))
    cycle = Cycle(year=year, frequency=frequency, plan_due=plan_due, **settings)
    cycle.full_clean(exclude=["units"])
    cycle.save()
    cycle.units.set(units)
    record_start(cycle, by=by)
    periods_generate(cycle=cycle)
    return cycle


@transaction.atomic
def cycle_update(
    *, cycle: Cycle, by=None, units: Iterable[OrgUnit] | None = None, **fields
) -> Cycle:
    """Change a cycle's settings; its year, frequency and units only while it is a draft."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != Cycle.Status.DRAFT:
        frozen = {"year", "frequency"} & {k for k, v in fields.items() if v != getattr(cycle, k)}
        if frozen or (units is not None and set(units) != set(cycle.units.all())):
            raise ValidationError(_("Year, frequency and units are fixed once a cycle is open."))
    plan_due = fields.get("plan_due", cycle.plan_due)
    if plan_due.year != fields.get("year", cycle.year):
        raise ValidationError({"plan_due": _("The SKP plan is due within the cycle's year.")})
    for name, value in fields.items():
        setattr(cycle, name, value)
    cycle.full_clean(exclude=["units"])
    with set_actor(by) if by is not None else nullcontext():
        cycle.save()
    if units is not None and cycle.status == Cycle.Status.DRAFT:
        cycle.units.set(units)
    return cycle


def periods_generate(*, cycle: Cycle) -> list[Period]:
    """Create the cycle's periods when it has none yet."""
    if cycle.periods.exists():
        return list(cycle.periods.all())
    bounds = [(Period.Kind.PERIODIC, *b) for b in _period_bounds(cycle.year, cycle.frequency)]
    bounds.append((Period.Kind.ANNUAL, 0, dt.date(cycle.year, 1, 1), dt.date(cycle.year, 12, 31)))
    periods = [
        Period(
            cycle=cycle,
            kind=kind,
            number=number,
            start=start,
            end=end,
            self_assessment_due=calendar.add_working_days(end, cycle.self_assessment_days),
            feedback_due=calendar.add_working_days(end, cycle.feedback_days),
            rating_due=calendar.add_working_days(end, cycle.rating_days),
        )
        for kind, number, start, end in bounds
    ]
    return Period.objects.bulk_create(periods)


@transaction.atomic
def cycle_open(*, cycle: Cycle, on_date: dt.date | None = None, by=None) -> int:
    """Open the cycle: one SKP for every active employee of its units, in bulk, with the direct
    supervisor at that moment; then open the periods that have started. Returns the SKPs made."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    transition(cycle, Cycle.Status.OPEN, by=by, changes={"opened_at": timezone.now()})
    periods_generate(cycle=cycle)
    employees = list(
        selectors.cycle_employees(cycle)
        .select_related(None)
        .only("pk", "unit_id", "supervisor_override_id")
    )
    supervisors = supervisor_ids_for(employees)
    plans = [Plan(cycle=cycle, employee=e, supervisor_id=supervisors[e.pk]) for e in employees]
    Plan.objects.bulk_create(plans, batch_size=BATCH, ignore_conflicts=True)
    periods_open_due(on_date=on_date, cycle=cycle)
    return len(plans)


@transaction.atomic
def cycle_open_request(*, cycle: Cycle, by=None) -> Cycle:
    """Ask a worker to open a draft cycle (a row per employee and period is too much for a
    request); the move is checked now, so a refusal reaches the officer at once."""
    check_move(cycle, Cycle.Status.OPEN, by=by)
    job_request(OPEN_JOB, str(cycle.pk))
    from ..tasks import cycle_open_task

    enqueue_on_commit(cycle_open_task, cycle.pk, getattr(by, "pk", None))
    return cycle


OPEN_JOB = "appraisal.cycle_open"


def cycle_open_enqueue(key: str) -> None:
    """Resume the opening of a cycle whose worker died (called by the jobs sweep)."""
    from ..tasks import cycle_open_task

    enqueue(cycle_open_task, int(key))


@transaction.atomic
def period_deadlines_set(
    *, period: Period, by=None, self_assessment_due, feedback_due, rating_due
) -> Period:
    """Move a period's deadlines (the officer's decision, in the audit log)."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.status == Period.Status.CLOSED:
        raise ValidationError(_("The deadlines of a closed period do not change."))
    if not self_assessment_due <= rating_due or not feedback_due <= rating_due:
        raise ValidationError(
            {"rating_due": _("The rating is due after the self-assessment and the feedback.")}
        )
    period.self_assessment_due = self_assessment_due
    period.feedback_due = feedback_due
    period.rating_due = rating_due
    period.save(update_fields=["self_assessment_due", "feedback_due", "rating_due"])
    return period


@transaction.atomic
def cycle_enrol_new(*, cycle: Cycle) -> int:
    """Bring employees who joined the cycle's units after it opened into the cycle: an SKP, an
    evaluation in each open period, and their self and supervisor raters. Returns how many."""
    employees = list(
        selectors.cycle_employees(cycle)
        .exclude(pk__in=Plan.objects.filter(cycle=cycle).values("employee_id"))
        .select_related(None)
        .only("pk", "unit_id", "supervisor_override_id")
    )
    if not employees:
        return 0
    supervisors = supervisor_ids_for(employees)
    plans = Plan.objects.bulk_create(
        [Plan(cycle=cycle, employee=e, supervisor_id=supervisors[e.pk]) for e in employees],
        batch_size=BATCH,
    )
    G = FeedbackRequest.Group
    for period in cycle.periods.filter(status=Period.Status.OPEN):
        evaluations = Evaluation.objects.bulk_create(
            [
                Evaluation(
                    period=period, employee_id=p.employee_id, plan=p, supervisor_id=p.supervisor_id
                )
                for p in plans
            ],
            batch_size=BATCH,
        )
        requests = [
            FeedbackRequest(evaluation=e, rater_id=e.employee_id, group=G.SELF) for e in evaluations
        ] + [
            FeedbackRequest(evaluation=e, rater_id=e.supervisor_id, group=G.SUPERVISOR)
            for e in evaluations
            if e.supervisor_id
        ]
        FeedbackRequest.objects.bulk_create(requests, batch_size=BATCH)
    return len(plans)


@transaction.atomic
def cycle_supervisors_refresh(*, cycle: Cycle) -> int:
    """After a reorganisation or transfer: give each SKP the direct supervisor the organisation
    says now. Evaluations not yet rated in open periods, and their unanswered supervisor 360°
    request, move to the new supervisor; rated evaluations keep who rated them. Returns how many
    SKPs changed."""
    plans = list(
        Plan.objects.filter(cycle=cycle)
        .select_related("employee")
        .only("pk", "supervisor_id", "employee__unit_id", "employee__supervisor_override_id")
    )
    current = supervisor_ids_for([p.employee for p in plans])
    moves: dict[int | None, list[int]] = defaultdict(list)
    for plan in plans:
        if current[plan.employee_id] != plan.supervisor_id:
            moves[current[plan.employee_id]].append(plan.pk)
    G = FeedbackRequest.Group
    for supervisor_id, plan_ids in moves.items():
        Plan.objects.filter(pk__in=plan_ids).update(supervisor_id=supervisor_id)
        pending = Evaluation.objects.filter(
            plan_id__in=plan_ids,
            status__in=[Evaluation.Status.OPEN, Evaluation.Status.SUBMITTED],
            period__status=Period.Status.OPEN,
        )
        evaluation_ids = list(pending.values_list("pk", flat=True))
        pending.update(supervisor_id=supervisor_id)
        FeedbackRequest.objects.filter(
            evaluation_id__in=evaluation_ids, group=G.SUPERVISOR, answered_at__isnull=True
        ).delete()
        if supervisor_id is not None:
            FeedbackRequest.objects.bulk_create(
                [
                    FeedbackRequest(evaluation_id=pk, rater_id=supervisor_id, group=G.SUPERVISOR)
                    for pk in evaluation_ids
                ],
                batch_size=BATCH,
                ignore_conflicts=True,
            )
    return sum(len(ids) for ids in moves.values())


@transaction.atomic
def cycle_close(*, cycle: Cycle, by=None) -> Cycle:
    """Close the cycle and every period still pending or open (each move recorded)."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    transition(cycle, Cycle.Status.CLOSED, by=by)
    for period in cycle.periods.select_for_update().exclude(status=Period.Status.CLOSED):
        transition(period, Period.Status.CLOSED, note=_("The cycle was closed."))
    return cycle


def periods_open_due(*, on_date: dt.date | None = None, cycle: Cycle | None = None) -> int:
    """Open every pending period of an open cycle that has started; returns how many."""
    day = on_date or calendar.today()
    due = Period.objects.filter(
        status=Period.Status.PENDING, cycle__status=Cycle.Status.OPEN, start__lte=day
    )
    if cycle is not None:
        due = due.filter(cycle=cycle)
    return sum(1 for period in due.order_by("start") if period_open(period=period))


@transaction.atomic
def period_open(*, period: Period) -> bool:
    """Open a period: an evaluation for every SKP of the cycle and its 360° raters.

    Claimed under a row lock: a second worker finds it open and creates nothing twice.
    """
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.status != Period.Status.PENDING:
        return False
    transition(period, Period.Status.OPEN)
    plans = list(
        Plan.objects.filter(cycle_id=period.cycle_id).values("pk", "employee_id", "supervisor_id")
    )
    Evaluation.objects.bulk_create(
        [
            Evaluation(
                period=period,
                employee_id=p["employee_id"],
                plan_id=p["pk"],
                supervisor_id=p["supervisor_id"],
            )
            for p in plans
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    raters_assign(period=period)
    return True


@transaction.atomic
def period_close(*, period: Period, by=None) -> Period:
    """Close an open period: nothing more is recorded, answered or noted in it."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.status != Period.Status.OPEN:
        raise ValidationError(_("Only an open period can be closed."))
    transition(period, Period.Status.CLOSED, by=by)
    return period


def raters_assign(*, period: Period) -> int:
    """Assign the default 360° raters from the organisation structure; returns how many.

    Self; the direct supervisor; up to MAX_PEERS peers drawn at random from the others reporting
    to the same supervisor (`anonymity.peer_draw`, seed recorded in `PeerDraw`; each peer is
    asked as often as they ask); every direct report as a subordinate. BKD staff adjust the list
    in the admin.
    """
    evaluations = list(
        Evaluation.objects.filter(period=period).values_list("pk", "employee_id", "supervisor_id")
    )
    by_employee = {employee: pk for pk, employee, _sup in evaluations}
    teams: dict[int, list[int]] = defaultdict(list)
    for _pk, employee, supervisor in evaluations:
        if supervisor is not None:
            teams[supervisor].append(employee)
    G = FeedbackRequest.Group
    requests = []
    for pk, employee, supervisor in evaluations:
        requests.append(FeedbackRequest(evaluation_id=pk, rater_id=employee, group=G.SELF))
        if supervisor is not None:
            requests.append(
                FeedbackRequest(evaluation_id=pk, rater_id=supervisor, group=G.SUPERVISOR)
            )
            if supervisor in by_employee:
                # The employee rates their supervisor as a subordinate.
                requests.append(
                    FeedbackRequest(
                        evaluation_id=by_employee[supervisor],
                        rater_id=employee,
                        group=G.SUBORDINATE,
                    )
                )
    draws = []
    for supervisor, team in teams.items():
        # Peers drawn at random from the whole team, with a recorded seed (reproducible).
        draw = PeerDraw(period=period, supervisor_id=supervisor, seed=secrets.token_hex(8),
                        pool=sorted(team))  # fmt: skip
        draws.append(draw)
        for employee, raters in peer_draw(draw.pool, draw.seed).items():
            requests.extend(
                FeedbackRequest(evaluation_id=by_employee[employee], rater_id=rater, group=G.PEER)
                for rater in raters
            )
    PeerDraw.objects.bulk_create(draws, batch_size=BATCH, ignore_conflicts=True)
    created = FeedbackRequest.objects.bulk_create(requests, batch_size=BATCH, ignore_conflicts=True)
    return len(created)


@transaction.atomic
def feedback_rater_add(
    *, evaluation: Evaluation, rater: Employee, group: str, by
) -> FeedbackRequest:
    """BKD staff add a rater to an employee's 360° feedback."""
    if not sees_all(by, DataKind.FEEDBACK_360):
        raise ValidationError(_("Only BKD staff may change the raters."))
    if group == FeedbackRequest.Group.SELF and rater.pk != evaluation.employee_id:
        raise ValidationError(_("Only the employee can be the self rater."))
    if group != FeedbackRequest.Group.SELF and rater.pk == evaluation.employee_id:
        raise ValidationError(_("The employee can only rate themselves as self."))
    if FeedbackRequest.objects.filter(evaluation=evaluation, rater=rater).exists():
        raise ValidationError(_("This person is already a rater of this evaluation."))
    return FeedbackRequest.objects.create(evaluation=evaluation, rater=rater, group=group)


@transaction.atomic
def feedback_rater_remove(*, request: FeedbackRequest, by) -> None:
    if not sees_all(by, DataKind.FEEDBACK_360):
        raise ValidationError(_("Only BKD staff may change the raters."))
    if request.answered_at:
        raise ValidationError(_("An answered feedback cannot be removed."))
    request.delete()
