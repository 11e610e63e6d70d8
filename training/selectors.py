"""Reads of the training module: eligibility, seats, JP ledger, priority, reports.

Other apps may use `jp_total_for(employee, year)` and `jp_totals_for(employee_ids, year)`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Substr
from django.utils.translation import gettext as _

from asn_portal.personnel.access import DataKind, employees_visible_to, sees_all
from asn_portal.personnel.models import Employee, OrgUnit, Rank, Sex
from asn_portal.personnel.selectors import active_employees

from .models import (
    Certificate,
    EligibilityRule,
    Enrolment,
    ExternalTraining,
    JpCredit,
    Program,
    TrainingSession,
)

JP_TARGET = 20  # JP a year every ASN is entitled to (PP 11/2017 art. 203)
S = Enrolment.Status
SEAT_STATUSES = (S.REQUESTED, S.CONFIRMED, S.COMPLETED, S.INCOMPLETE)
LIVE_STATUSES = (*SEAT_STATUSES, S.WAITLISTED)
FINAL_SEAT_STATUSES = (S.CONFIRMED, S.COMPLETED, S.INCOMPLETE)


# --- Eligibility -------------------------------------------------------------------------------


@dataclass
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)  # why each rule was not met

    @property
    def message(self) -> str:
        return " ".join(self.reasons)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years of age on `day`."""
    return relativedelta(day, birth_date).years


def rule_failures(rule: EligibilityRule, employee: Employee, on: dt.date) -> list[str]:
    """What the employee lacks to meet this rule on that day; empty when they meet it."""
    failures = []
    if rule.status and employee.status != rule.status:
        failures.append(_("status must be %(s)s") % {"s": rule.get_status_display()})
    position = employee.position
    if rule.position_kind and position.kind != rule.position_kind:
        failures.append(_("position type must be %(k)s") % {"k": rule.get_position_kind_display()})
    if rule.position_level and position.level != rule.position_level:
        failures.append(
            _("position level must be %(l)s") % {"l": rule.get_position_level_display()}
        )
    rank: Rank = employee.rank
    if rule.min_rank_id and (
        rank.scheme != rule.min_rank.scheme or rank.level < rule.min_rank.level
    ):
        failures.append(_("rank must be at least %(r)s") % {"r": rule.min_rank.code})
    if rule.max_rank_id and (
        rank.scheme != rule.max_rank.scheme or rank.level > rule.max_rank.level
    ):
        failures.append(_("rank must be at most %(r)s") % {"r": rule.max_rank.code})
    at_minimum_rank = not rule.min_rank_id or rank.level == rule.min_rank.level
    if rule.min_months_in_rank and at_minimum_rank:
        needed = employee.rank_tmt + relativedelta(months=rule.min_months_in_rank)
        if on < needed:
            years, months = divmod(rule.min_months_in_rank, 12)
            failures.append(
                _("at least %(y)d years %(m)d months in rank are required (reached on %(d)s)")
                % {"y": years, "m": months, "d": needed.strftime("%d-%m-%Y")}
            )
    if rule.max_age is not None:
        age = age_on(employee.birth_date, on)
        if age > rule.max_age:
            failures.append(
                _("age must be at most %(max)d (is %(age)d)") % {"max": rule.max_age, "age": age}
            )
    return failures


def program_eligibility(*, program: Program, employee: Employee, on: dt.date) -> Eligibility:
    """Eligible when the program has no rules, or the employee meets any one of them on `on`."""
    rules = list(program.rules.select_related("min_rank", "max_rank"))
    if not rules:
        return Eligibility(True)
    reasons = []
    for rule in rules:
        failures = rule_failures(rule, employee, on)
        if not failures:
            return Eligibility(True)
        label = rule.description or _("Rule %(n)d") % {"n": len(reasons) + 1}
        reasons.append(f"{label}: {'; '.join(failures)}.")
    return Eligibility(False, reasons)


# --- Sessions and seats ------------------------------------------------------------------------


def catalogue(
    *, query: str = "", kind: str = "", delivery: str = "", area: str = "", today: dt.date
) -> QuerySet[TrainingSession]:
    """Sessions of active programs that have not ended, with their free seats, for the catalogue."""
    qs = (
        TrainingSession.objects.select_related("program")
        .filter(program__is_active=True, is_cancelled=False, end_date__gte=today)
        .annotate(taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_STATUSES)))
        .order_by("start_date", "pk")
    )
    if query:
        qs = qs.filter(
            Q(program__title__icontains=query)
            | Q(program__competency_area__icontains=query)
            | Q(program__provider__icontains=query)
            | Q(name__icontains=query)
        )
    if kind:
        qs = qs.filter(program__kind=kind)
    if delivery:
        qs = qs.filter(program__delivery=delivery)
    if area:
        qs = qs.filter(program__competency_area__iexact=area)
    return qs


def competency_areas() -> list[str]:
    return list(
        Program.objects.filter(is_active=True)
        .exclude(competency_area="")
        .order_by("competency_area")
        .values_list("competency_area", flat=True)
        .distinct()
    )


def seats_taken(session: TrainingSession) -> int:
    return session.enrolments.filter(status__in=SEAT_STATUSES).count()


def quota_unit_for(quotas, employee: Employee):
    """The quota whose unit is the deepest one containing the employee's unit, or None."""
    path = employee.unit.path
    matching = [q for q in quotas if path.startswith(q.unit.path)]
    return max(matching, key=lambda q: len(q.unit.path)) if matching else None


def quota_use(session: TrainingSession, quotas, statuses) -> dict[int, int]:
    """Seats held per quota (by quota id) by enrolments in `statuses`."""
    use = dict.fromkeys((q.pk for q in quotas), 0)
    if not quotas:
        return use
    for enrolment in session.enrolments.filter(status__in=statuses).select_related(
        "employee__unit"
    ):
        quota = quota_unit_for(quotas, enrolment.employee)
        if quota:
            use[quota.pk] += 1
    return use


def waitlist(session: TrainingSession) -> QuerySet[Enrolment]:
    """Who is next: the priority rank when BKD allocated by priority, then request time."""
    return (
        session.enrolments.filter(status=S.WAITLISTED)
        .select_related("employee__unit", "employee__user")
        .order_by(F("allocation_rank").asc(nulls_last=True), "requested_at", "pk")
    )


def waitlist_position(enrolment: Enrolment) -> int | None:
    """1 for the next in line; None when the enrolment is not on the waitlist."""
    if enrolment.status != S.WAITLISTED:
        return None
    ids = list(waitlist(enrolment.session).values_list("pk", flat=True))
    return ids.index(enrolment.pk) + 1 if enrolment.pk in ids else None


def overlapping_enrolments(*, employee: Employee, session: TrainingSession):
    return Enrolment.objects.filter(
        employee=employee,
        status__in=LIVE_STATUSES,
        session__start_date__lte=session.end_date,
        session__end_date__gte=session.start_date,
    ).exclude(session=session)


# --- JP ledger ---------------------------------------------------------------------------------


def jp_total_for(employee: Employee, year: int) -> int:
    total = JpCredit.objects.filter(employee=employee, year=year).aggregate(t=Sum("jp"))["t"]
    return total or 0


def jp_totals_for(employee_ids, year: int) -> dict[int, int]:
    rows = (
        JpCredit.objects.filter(employee_id__in=employee_ids, year=year)
        .values("employee_id")
        .annotate(t=Sum("jp"))
    )
    return {r["employee_id"]: r["t"] for r in rows}


def last_training_dates(employee_ids) -> dict[int, dt.date]:
    rows = (
        JpCredit.objects.filter(employee_id__in=employee_ids)
        .values("employee_id")
        .annotate(last=Max("credited_on"))
    )
    return {r["employee_id"]: r["last"] for r in rows}


def ledger_for(employee: Employee, year: int) -> QuerySet[JpCredit]:
    return JpCredit.objects.filter(employee=employee, year=year).order_by("-credited_on", "-pk")


@dataclass(frozen=True)
class Priority:
    """Why a request stands where it does: fewest JP this year, longest since last training."""

    jp_this_year: int
    last_training: dt.date | None
    requested_at: dt.datetime
    enrolment_id: int

    def key(self):
        # Never trained counts as the longest time since training.
        last = self.last_training or dt.date.min
        return (self.jp_this_year, last, self.requested_at, self.enrolment_id)


def priorities_for(enrolments: list[Enrolment], year: int) -> dict[int, Priority]:
    ids = [e.employee_id for e in enrolments]
    jp = jp_totals_for(ids, year)
    last = last_training_dates(ids)
    return {
        e.pk: Priority(jp.get(e.employee_id, 0), last.get(e.employee_id), e.requested_at, e.pk)
        for e in enrolments
    }


# --- Who sees what -----------------------------------------------------------------------------


def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    """Training officers and BKD administrators: all; an OPD operator: their units'; an employee:
    their own and those they approve as supervisor; other BKD officers: none."""
    qs = Enrolment.objects.select_related("session__program", "employee__unit", "supervisor")
    if sees_all(user, DataKind.TRAINING):
        return qs
    allowed = Q(employee__in=employees_visible_to(user, DataKind.TRAINING).values("pk"))
    if user.is_authenticated and user.is_active and user.employee_id:
        allowed |= Q(supervisor_id=user.employee_id)
    return qs.filter(allowed)


def enrolments_of(employee: Employee) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(employee=employee)
        .select_related("session__program", "certificate")
        .order_by("-session__start_date", "-pk")
    )


def approvals_waiting_for(employee: Employee) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(
            supervisor=employee,
            supervisor_approved_at__isnull=True,
            status__in=(S.REQUESTED, S.WAITLISTED),
        )
        .select_related("session__program", "employee__position", "employee__unit")
        .order_by("requested_at")
    )


def external_trainings_of(employee: Employee) -> QuerySet[ExternalTraining]:
    return ExternalTraining.objects.filter(employee=employee).order_by("-submitted_at")


def certificate_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("enrolment__employee", "enrolment__session__program")
        .filter(code=code.strip().upper())
        .first()
    )


# --- Reports -----------------------------------------------------------------------------------


def below_target(*, employees: QuerySet[Employee], year: int) -> QuerySet[Employee]:
    """Active employees with fewer than 20 JP credited in the year, with their total as `jp`."""
    return (
        employees.filter(pk__in=active_employees().values("pk"))
        .annotate(jp=Sum("jp_credits__jp", filter=Q(jp_credits__year=year), default=0))
        .filter(jp__lt=JP_TARGET)
    )


def below_target_by_unit(*, employees: QuerySet[Employee], year: int) -> list[dict]:
    """Per OPD (root unit): employees, how many are below 20 JP, and the share."""
    roots = {u.path: u for u in OrgUnit.objects.get_root_nodes()}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for opd, *_rest, n, _total, below in _jp_cells(employees, year):
        counts[opd][0] += n
        counts[opd][1] += below
    rows = [
        {
            "unit": roots.get(path),
            "employees": total,
            "below": below,
            "share": round(100 * below / total, 1) if total else 0,
        }
        for path, (total, below) in counts.items()
    ]
    rows.sort(key=lambda r: (-r["share"], r["unit"].name if r["unit"] else ""))
    return rows


@dataclass
class EquityGroup:
    label: str
    employees: int
    jp_total: int
    below: int

    @property
    def jp_average(self) -> float:
        return round(self.jp_total / self.employees, 1) if self.employees else 0.0

    @property
    def below_share(self) -> float:
        return round(100 * self.below / self.employees, 1) if self.employees else 0.0


def _jp_of_year(year: int):
    """Per employee: JP credited in the year, 0 when none (a correlated subquery)."""
    credits = (
        JpCredit.objects.filter(employee=OuterRef("pk"), year=year)
        .values("employee")
        .annotate(total=Sum("jp"))
        .values("total")
    )
    return Coalesce(Subquery(credits), 0)


def _jp_cells(employees: QuerySet[Employee], year: int):
    """(OPD path, scheme, rank group, sex, status, employees, JP, employees below 20 JP),
    grouped in the database: a few hundred rows whatever the number of employees."""
    steplen = OrgUnit.steplen
    return (
        employees.filter(state__in=(Employee.State.ACTIVE, Employee.State.ON_LEAVE))
        .annotate(jp=_jp_of_year(year), opd=Substr("unit__path", 1, steplen))
        .values("opd", "rank__scheme", "rank__group", "sex", "status")
        .annotate(
            n=Count("pk"),
            total=Sum("jp"),
            below=Count("pk", filter=Q(jp__lt=JP_TARGET)),
        )
        .order_by()
        .values_list("opd", "rank__scheme", "rank__group", "sex", "status", "n", "total", "below")
    )


def equity_report(*, employees: QuerySet[Employee], year: int) -> dict[str, list[EquityGroup]]:
    """JP per employee by OPD, rank group, sex and status (one grouped query)."""
    roots = {u.path: u.name for u in OrgUnit.objects.get_root_nodes()}
    sexes = dict(Sex.choices)
    statuses = dict(Employee.Status.choices)
    dims: dict[str, dict[str, list[int]]] = {
        "unit": defaultdict(lambda: [0, 0, 0]),
        "rank": defaultdict(lambda: [0, 0, 0]),
        "sex": defaultdict(lambda: [0, 0, 0]),
        "status": defaultdict(lambda: [0, 0, 0]),
    }
    for opd, scheme, group, sex, status, n, total, below in _jp_cells(employees, year):
        keys = {
            "unit": roots.get(opd, "?"),
            "rank": _("Golongan %(g)s") % {"g": group}
            if scheme == Rank.Scheme.PNS
            else _("PPPK %(g)s") % {"g": group},
            "sex": str(sexes.get(sex, sex)),
            "status": str(statuses.get(status, status)),
        }
        for dim, key in keys.items():
            cell = dims[dim][key]
            cell[0] += n
            cell[1] += total
            cell[2] += below
    return {
        dim: sorted(
            (EquityGroup(label, n, total, below) for label, (n, total, below) in groups.items()),
            key=lambda g: g.label,
        )
        for dim, groups in dims.items()
    }


def employees_with_login() -> QuerySet[Employee]:
    from asn_portal.accounts.models import User

    return Employee.objects.filter(
        Exists(User.objects.filter(employee_id=OuterRef("pk"), is_active=True))
    )
