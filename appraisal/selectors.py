"""Reads of the appraisal: predikat for payroll and rewards, 360° summaries, dashboards, access."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from asn_portal.personnel.access import (
    DataKind,
    Scope,
    can_access,
    employees_visible_to,
    scope_of,
    sees_all,
    units_visible_to,
)
from asn_portal.personnel.models import Employee, OrgUnit
from asn_portal.personnel.selectors import active_employees

from .anonymity import ANONYMITY_THRESHOLD, band, is_small_pool, shuffled
from .models import (
    PREDIKAT_MATRIX,
    SCORE_FIELDS,
    CoreValue,
    Cycle,
    Evaluation,
    FeedbackRelease,
    FeedbackRequest,
    PeerDraw,
    Period,
    Plan,
    Predikat,
    UnitAssessment,
    UnitPredikat,
)

ANONYMOUS_GROUPS = (FeedbackRequest.Group.PEER, FeedbackRequest.Group.SUBORDINATE)
FINAL = (Evaluation.Status.RATED, Evaluation.Status.ACKNOWLEDGED)


def predikat_from_ratings(*, results: str, behaviour: str) -> str:
    """The predikat for a Rating Hasil Kerja and a Rating Perilaku Kerja (the 3×3 matrix)."""
    return PREDIKAT_MATRIX[(results, behaviour)]


# --- The stable interface for payroll and rewards ----------------------------------------------


def _final_evaluations(*, year: int, month: int | None) -> QuerySet[Evaluation]:
    qs = Evaluation.objects.filter(status__in=FINAL, period__cycle__year=year)
    if month is None:
        return qs.filter(period__kind=Period.Kind.ANNUAL)
    if not 1 <= month <= 12:
        raise ValueError("month must be 1–12")
    # A monthly period is that month; a quarterly one contains it.
    return qs.filter(
        period__kind=Period.Kind.PERIODIC,
        period__start__month__lte=month,
        period__end__month__gte=month,
    )


def predikat_for(*, employee, year: int, month: int | None = None) -> str | None:
    """The employee's predikat for a month (its periodic evaluation) or, month=None, the year.

    Returns a `Predikat` value, or None when there is no rated evaluation.
    """
    return (
        _final_evaluations(year=year, month=month)
        .filter(employee=employee)
        .values_list("predikat", flat=True)
        .first()
    )


def predikat_for_many(
    *, employee_ids: Iterable[int], year: int, month: int | None
) -> dict[int, str]:
    """`predikat_for` for many employees in one query; employees without one are absent."""
    return dict(
        _final_evaluations(year=year, month=month)
        .filter(employee_id__in=list(employee_ids))
        .values_list("employee_id", "predikat")
    )


# --- Organisation: peers -------------------------------------------------


def cycle_employees(cycle: Cycle) -> QuerySet[Employee]:
    """Active employees of the cycle's units (with sub-units), or of every unit."""
    qs = active_employees()
    paths = list(cycle.units.values_list("path", flat=True))
    if paths:
        condition = Q()
        for path in paths:
            condition |= Q(unit__path__startswith=path)
        qs = qs.filter(condition)
    return qs


# --- Access -------------------------------------------------------------------------------------


def _appraisal_access(user) -> Q:
    """The matrix's appraisal cell, plus a supervisor's direct reports (they approve and rate)."""
    allowed = Q(employee__in=employees_visible_to(user, DataKind.APPRAISAL).values("pk"))
    if user.is_authenticated and user.is_active and user.employee_id:
        allowed |= Q(supervisor_id=user.employee_id)
    return allowed


def plans_visible_to(user) -> QuerySet[Plan]:
    """SKPs a user may read: appraisal officers and BKD administrators all; an OPD operator their
    units'; an employee their own and their direct reports'; other BKD officers none."""
    qs = Plan.objects.select_related("cycle", "employee", "employee__unit", "supervisor")
    if sees_all(user, DataKind.APPRAISAL):
        return qs
    return qs.filter(_appraisal_access(user))


def evaluations_visible_to(user) -> QuerySet[Evaluation]:
    qs = Evaluation.objects.select_related(
        "period", "period__cycle", "employee", "employee__unit", "supervisor", "plan"
    )
    if sees_all(user, DataKind.APPRAISAL):
        return qs
    return qs.filter(_appraisal_access(user))


def can_see_feedback(user, evaluation: Evaluation) -> bool:
    """The 360° averages: the matrix's 360° cell (the employee themselves, appraisal officers),
    and the supervisor who rates the evaluation. OPD operators and other officers do not."""
    if evaluation.supervisor_id and evaluation.supervisor_id == getattr(user, "employee_id", None):
        return True
    return can_access(user, DataKind.FEEDBACK_360, evaluation.employee)


def feedback_requests_for_rater(employee: Employee) -> QuerySet[FeedbackRequest]:
    """What the employee is asked to answer, open periods first."""
    return (
        FeedbackRequest.objects.filter(
            rater=employee, evaluation__period__status=Period.Status.OPEN
        )
        .select_related("evaluation__employee", "evaluation__period")
        .order_by("answered_at", "evaluation__period__start")
    )


# --- 360° summary: released once, banded, counts as enough / not yet enough -------------------


@dataclass
class GroupSummary:
    """What a viewer sees of one rater group. For peers and subordinates `answered` is None
    (never an exact count): `enough` says whether the group reached the threshold."""

    group: str
    label: str
    anonymous: bool
    visible: bool
    answered: int | None = None
    enough: bool | None = None
    released: bool = False
    small: bool = False
    averages: dict[str, float] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)


def feedback_candidates(evaluation: Evaluation) -> dict[str, int]:
    """How many people each anonymous group could have been drawn from (for the small-team
    notice): the employee's team for peers, the direct reports for subordinates."""
    draw = (
        PeerDraw.objects.filter(
            period_id=evaluation.period_id, supervisor_id=evaluation.supervisor_id
        )
        .values_list("pool", flat=True)
        .first()
        if evaluation.supervisor_id
        else None
    )
    counts = dict(
        evaluation.feedback_requests.filter(group__in=ANONYMOUS_GROUPS)
        .values_list("group")
        .annotate(n=Count("pk"))
    )
    peer = FeedbackRequest.Group.PEER
    subordinate = FeedbackRequest.Group.SUBORDINATE
    return {
        peer: max(len(draw) - 1, 0) if draw is not None else counts.get(peer, 0),
        subordinate: counts.get(subordinate, 0),
    }


def feedback_results(rows: list[dict], candidates: dict[str, int], seed: str) -> dict:
    """The frozen results of every group from the answers: banded averages of groups with
    enough answers, and their comments shuffled (never attributed). Stored by the release."""
    results = {}
    for group, _label in FeedbackRequest.Group.choices:
        answered = [r for r in rows if r["group"] == group and r["answered_at"]]
        anonymous = group in ANONYMOUS_GROUPS
        enough = len(answered) >= (ANONYMITY_THRESHOLD if anonymous else 1)
        entry = {"enough": enough, "small": anonymous and is_small_pool(candidates.get(group, 0))}
        if enough:
            entry["averages"] = {
                value: band(sum(r[name] for r in answered) / len(answered))
                for value, name in zip(CoreValue.values, SCORE_FIELDS, strict=True)
            }
            entry["comments"] = shuffled([r["comment"] for r in answered if r["comment"]], seed)
        results[group] = entry
    return results


def feedback_summary(evaluation: Evaluation, *, for_employee: bool = False) -> list[GroupSummary]:
    """Per rater group, what may be shown now.

    Self and supervisor: their own answer, live (one known person each). Peers and
    subordinates: before the release only "enough / not yet enough"; after it, the frozen
    release (banded averages from `ANONYMITY_THRESHOLD` answers on). Comments only after the
    release and only to the employee (`for_employee`), shuffled. Never a rater's name.
    """
    release = FeedbackRelease.objects.filter(evaluation=evaluation).first()
    rows = list(
        evaluation.feedback_requests.values("group", "answered_at", "comment", *SCORE_FIELDS)
    )
    candidates = feedback_candidates(evaluation)
    summaries = []
    for group, label in FeedbackRequest.Group.choices:
        in_group = [r for r in rows if r["group"] == group]
        answered = [r for r in in_group if r["answered_at"]]
        if group not in ANONYMOUS_GROUPS:
            summary = GroupSummary(group, label, False, bool(answered), answered=len(answered))
            if answered:
                for value, name in zip(CoreValue.values, SCORE_FIELDS, strict=True):
                    summary.averages[value] = band(sum(r[name] for r in answered) / len(answered))
                if for_employee:
                    summary.comments = [r["comment"] for r in answered if r["comment"]]
            summaries.append(summary)
            continue
        small = is_small_pool(candidates.get(group, 0))
        if not in_group:  # nobody was asked in this group
            summaries.append(GroupSummary(group, label, True, False))
            continue
        if release is None:
            enough = len(answered) >= ANONYMITY_THRESHOLD
            summaries.append(GroupSummary(group, label, True, False, enough=enough, small=small))
            continue
        frozen = release.groups.get(group, {})
        summaries.append(
            GroupSummary(
                group,
                label,
                True,
                bool(frozen.get("enough")),
                enough=bool(frozen.get("enough")),
                released=True,
                small=bool(frozen.get("small")),
                averages=dict(frozen.get("averages", {})),
                comments=list(frozen.get("comments", [])) if for_employee else [],
            )
        )
    return summaries


# --- Distribution curve (SE MenPANRB 3/2023) -----------------------------------------------------


def distribution_problems(*, unit_predikat: str, counts: dict[str, int]) -> list[str]:
    """How a unit's predikat counts break the curve for the unit's own predikat; [] when fine.

    Shares are compared exactly in integers (count × 100 against percent × total).
    """
    total = sum(counts.values())
    if not total:
        return []
    n = Counter(counts)
    sb, b, bp = n[Predikat.SANGAT_BAIK], n[Predikat.BAIK], n[Predikat.BUTUH_PERBAIKAN]
    k, sk = n[Predikat.KURANG], n[Predikat.SANGAT_KURANG]

    def at_most(count, pct):
        return count * 100 <= pct * total

    def at_least(count, pct):
        return count * 100 >= pct * total

    problems = []
    if unit_predikat == UnitPredikat.ISTIMEWA:
        if not at_most(sb, 70):
            problems.append(_("More than 70% Sangat Baik."))
    elif unit_predikat == UnitPredikat.BAIK:
        if not at_most(b, 70):
            problems.append(_("More than 70% Baik."))
        if bp + k == 0:
            problems.append(_("No Butuh Perbaikan or Kurang/Misconduct."))
    elif unit_predikat == UnitPredikat.BUTUH_PERBAIKAN:
        if not at_least(bp, 60):
            problems.append(_("Less than 60% Butuh Perbaikan."))
        if not at_most(sb, 10):
            problems.append(_("More than 10% Sangat Baik."))
    elif unit_predikat == UnitPredikat.KURANG:
        if not at_least(k, 60):
            problems.append(_("Less than 60% Kurang/Misconduct."))
        if not at_least(bp, 10):
            problems.append(_("Less than 10% Butuh Perbaikan."))
        if not at_most(sb, 10):
            problems.append(_("More than 10% Sangat Baik."))
    elif unit_predikat == UnitPredikat.SANGAT_KURANG:
        if not at_least(sk, 60):
            problems.append(_("Less than 60% Sangat Kurang."))
        if not at_least(k + bp, 10):
            problems.append(_("Less than 10% Kurang/Misconduct or Butuh Perbaikan."))
        if sb:
            problems.append(_("Sangat Baik is not allowed."))
    return problems


@dataclass
class UnitDistribution:
    unit: OrgUnit
    unit_predikat: str
    counts: dict[str, int]
    total: int
    problems: list[str]

    @property
    def unit_predikat_label(self) -> str:
        return UnitPredikat(self.unit_predikat).label if self.unit_predikat else ""

    @property
    def shares(self) -> list[tuple[str, int, int]]:
        """(label, count, percent) per predikat, in matrix order."""
        if not self.total:
            return []
        return [
            (label, n, round(100 * n / self.total))
            for value, label in Predikat.choices
            for n in [self.counts.get(value, 0)]
        ]


def unit_distributions(*, period: Period, units: QuerySet[OrgUnit]) -> list[UnitDistribution]:
    """Predikat counts per root-level unit shown (with its sub-units), checked against the curve
    of the unit's own predikat where BKD has set one. Three queries."""
    units = list(units.order_by("path"))
    assessed = dict(
        UnitAssessment.objects.filter(period=period, unit__in=units).values_list(
            "unit_id", "predikat"
        )
    )
    rows = (
        Evaluation.objects.filter(period=period, status__in=FINAL)
        .values("employee__unit__path", "predikat")
        .annotate(n=Count("pk"))
    )
    by_path: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        by_path[row["employee__unit__path"]][row["predikat"]] += row["n"]
    result = []
    for unit in units:
        counts: Counter = Counter()
        for path, c in by_path.items():
            if path.startswith(unit.path):
                counts.update(c)
        unit_predikat = assessed.get(unit.pk, "")
        problems = (
            distribution_problems(unit_predikat=unit_predikat, counts=counts)
            if unit_predikat
            else []
        )
        result.append(
            UnitDistribution(unit, unit_predikat, dict(counts), sum(counts.values()), problems)
        )
    return result


# --- Completion dashboard --------------------------------------------------------------------


@dataclass
class UnitCompletion:
    unit: OrgUnit
    plans: int = 0
    plans_approved: int = 0
    evaluations: int = 0
    evaluations_rated: int = 0
    feedback: int = 0
    feedback_answered: int = 0


def completion_by_unit(
    *, cycle: Cycle, period: Period | None, units: QuerySet[OrgUnit]
) -> list[UnitCompletion]:
    """Per unit shown (with its sub-units): plans approved, evaluations rated, feedback answered.

    Three grouped queries whatever the number of units and employees.
    """
    units = list(units.order_by("path"))
    per_path: dict[str, UnitCompletion] = defaultdict(lambda: UnitCompletion(unit=None))
    for row in (
        Plan.objects.filter(cycle=cycle)
        .values("employee__unit__path")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(status=Plan.Status.APPROVED)))
    ):
        c = per_path[row["employee__unit__path"]]
        c.plans, c.plans_approved = row["n"], row["ok"]
    if period is not None:
        for row in (
            Evaluation.objects.filter(period=period)
            .values("employee__unit__path")
            .annotate(n=Count("pk"), ok=Count("pk", filter=Q(status__in=FINAL)))
        ):
            c = per_path[row["employee__unit__path"]]
            c.evaluations, c.evaluations_rated = row["n"], row["ok"]
        for row in (
            FeedbackRequest.objects.filter(evaluation__period=period)
            .values("rater__unit__path")
            .annotate(n=Count("pk"), ok=Count("pk", filter=Q(answered_at__isnull=False)))
        ):
            c = per_path[row["rater__unit__path"]]
            c.feedback, c.feedback_answered = row["n"], row["ok"]
    result = []
    for unit in units:
        total = UnitCompletion(unit=unit)
        for path, c in per_path.items():
            if path.startswith(unit.path):
                for name in (
                    "plans",
                    "plans_approved",
                    "evaluations",
                    "evaluations_rated",
                    "feedback",
                    "feedback_answered",
                ):
                    setattr(total, name, getattr(total, name) + getattr(c, name))
        result.append(total)
    return result


def may_see_dashboard(user) -> bool:
    """Unit-level appraisal data: appraisal officers, BKD administrators, OPD operators."""
    return scope_of(user, DataKind.APPRAISAL) >= Scope.UNIT


def dashboard_units(user) -> QuerySet[OrgUnit]:
    """The rows of the leadership dashboard: OPDs for BKD, the operator's own unit otherwise."""
    if sees_all(user, DataKind.APPRAISAL):
        return OrgUnit.objects.filter(depth=1)
    if may_see_dashboard(user):
        return units_visible_to(user, DataKind.APPRAISAL).filter(pk=user.unit_id)
    return OrgUnit.objects.none()


# --- The supervisor's queue and the employee's own year ----------------------------------------


def current_cycle() -> Cycle | None:
    return Cycle.objects.filter(status=Cycle.Status.OPEN).order_by("-year").first()


@dataclass
class TeamRow:
    employee: Employee
    plan: Plan | None
    evaluation: Evaluation | None
    waiting_on: str
    feedback_answered: int = 0
    feedback_asked: int = 0


def team_of(supervisor: Employee, cycle: Cycle) -> list[TeamRow]:
    """Every subordinate in the cycle with their plan, latest open evaluation and who owes the
    next step. Three queries."""
    plans = list(
        Plan.objects.filter(cycle=cycle, supervisor=supervisor)
        .select_related("employee", "employee__position")
        .order_by("employee__name")
    )
    evaluations = {}
    for evaluation in (
        Evaluation.objects.filter(plan__in=[p.pk for p in plans], period__status=Period.Status.OPEN)
        .select_related("period")
        .annotate(
            fb_asked=Count("feedback_requests"),
            fb_answered=Count(
                "feedback_requests", filter=Q(feedback_requests__answered_at__isnull=False)
            ),
        )
        .order_by("period__kind", "-period__start")
    ):
        evaluations.setdefault(evaluation.employee_id, evaluation)
    rows = []
    for plan in plans:
        evaluation = evaluations.get(plan.employee_id)
        rows.append(
            TeamRow(
                employee=plan.employee,
                plan=plan,
                evaluation=evaluation,
                waiting_on=waiting_on(plan=plan, evaluation=evaluation),
                feedback_answered=getattr(evaluation, "fb_answered", 0),
                feedback_asked=getattr(evaluation, "fb_asked", 0),
            )
        )
    return rows


def waiting_on(*, plan: Plan, evaluation: Evaluation | None) -> str:
    """Who owes the next step, in words for the supervisor's list."""
    if plan.status in (Plan.Status.DRAFT, Plan.Status.RETURNED):
        return _("Employee: draft and submit the SKP")
    if plan.status == Plan.Status.SUBMITTED:
        return _("You: approve or return the SKP")
    if evaluation is None:
        return _("Nothing open")
    if evaluation.status == Evaluation.Status.OPEN:
        return _("Employee: record the realisation")
    if evaluation.status == Evaluation.Status.SUBMITTED:
        return _("You: rate the period")
    if evaluation.status == Evaluation.Status.RATED:
        return _("Employee: acknowledge the result")
    return _("Done")


def employee_year(employee: Employee, cycle: Cycle) -> dict:
    """The employee's plan and evaluations in a cycle, for the portal (two queries)."""
    plan = Plan.objects.filter(cycle=cycle, employee=employee).select_related("supervisor").first()
    if plan is None:
        return {"plan": None, "evaluations": []}
    evaluations = (
        Evaluation.objects.filter(plan=plan)
        .select_related("period")
        .order_by("period__kind", "period__start")
    )
    return {"plan": plan, "evaluations": list(evaluations)}


def supervisor_results(plan: Plan):
    """The supervisor's expected results in the same cycle: what this SKP cascades from."""
    from .models import PlanResult

    if plan.supervisor_id is None:
        return PlanResult.objects.none()
    return PlanResult.objects.filter(
        plan__cycle_id=plan.cycle_id, plan__employee_id=plan.supervisor_id
    ).order_by("order", "pk")


def unit_result_for(employee: Employee, period: Period) -> str | None:
    """The unit predikat when the employee heads a unit that has one for the period."""
    try:
        unit = employee.position.headed_unit
    except OrgUnit.DoesNotExist:
        return None
    if unit.pk != employee.unit_id:
        return None
    return (
        UnitAssessment.objects.filter(period=period, unit=unit)
        .values_list("predikat", flat=True)
        .first()
    )
