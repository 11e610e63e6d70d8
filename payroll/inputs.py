"""Everything payroll reads from other modules, in bulk: the one adapter between apps.

Master data come from personnel; the predikat from `appraisal.selectors`; whether a sanction
cuts TPP from `rewards.selectors.tpp_cuts_for` (how much is the pay rules' versioned rate), each
only when that app is installed. A missing app gives DOMAIN.md's default (no appraisal:
performance factor 0%; no sanctions) and a warning shown on the run.
Every function here runs a fixed number of queries, whatever the number of employees.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from asn_portal.common.calendar import month_end, month_start
from asn_portal.personnel.models import Employee, FamilyMember, OrgUnit
from asn_portal.personnel.selectors import ACTIVE_STATES

from .calculation import Discipline, EmployeeInput, RuleSet
from .models import (
    Absence,
    Adjustment,
    AttendanceRecord,
    BasicSalary,
    OtherDeduction,
    PayRules,
    PositionAllowance,
    TerBracket,
    TppAmount,
)

SNAPSHOT_FIELDS = (
    "id",
    "nip",
    "name",
    "front_title",
    "back_title",
    "status",
    "rank__code",
    "rank__group",
    "mkg_years",
    "ptkp_status",
    "position_id",
    "position__name",
    "position__kind",
    "position__kelas_jabatan",
    "unit_id",
    "bank_name",
    "bank_account",
)


class MissingRules(Exception):
    """No pay rules are in force for the month."""


def _latest_per_key(rows, key, on: dt.date):
    """Rows of the newest effective date ≤ `on` for each key."""
    newest: dict = {}
    for row in rows:
        k = key(row)
        if row["effective_from"] <= on and (k not in newest or row["effective_from"] > newest[k]):
            newest[k] = row["effective_from"]
    return [r for r in rows if newest.get(key(r)) == r["effective_from"]], newest


def rules_for(year: int, month: int) -> RuleSet:
    """The rule set in force on the first day of the month (four queries)."""
    on = month_start(year, month)
    rules = PayRules.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if rules is None:
        raise MissingRules(_("No pay rules are in force on %(d)s.") % {"d": f"{on:%d-%m-%Y}"})

    salary_rows = list(
        BasicSalary.objects.filter(effective_from__lte=on).values(
            "scheme", "golongan", "mkg", "amount", "effective_from"
        )
    )
    current, versions = _latest_per_key(salary_rows, lambda r: (r["scheme"], r["golongan"]), on)
    salary: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for row in current:
        salary[(row["scheme"], row["golongan"])].append((row["mkg"], row["amount"]))
    for cells in salary.values():
        cells.sort()

    ter_rows = list(
        TerBracket.objects.filter(effective_from__lte=on).values(
            "category", "upper_bound", "rate_pct", "effective_from"
        )
    )
    current_ter, ter_versions = _latest_per_key(ter_rows, lambda r: r["category"], on)
    ter: dict[str, list] = defaultdict(list)
    for row in current_ter:
        ter[row["category"]].append((row["upper_bound"], row["rate_pct"]))
    for rows in ter.values():
        rows.sort(key=lambda r: (r[0] is None, r[0] or 0))

    tpp_rows = list(
        TppAmount.objects.filter(effective_from__lte=on).values(
            "kelas_jabatan", "unit_id", "amount", "effective_from", "note"
        )
    )
    current_tpp, _versions = _latest_per_key(
        tpp_rows, lambda r: (r["kelas_jabatan"], r["unit_id"]), on
    )
    return RuleSet.from_model(
        rules,
        basic_salary=dict(salary),
        basic_salary_version=versions,
        ter=dict(ter),
        ter_version=max(ter_versions.values()) if ter_versions else None,
        tpp_amount={
            (r["kelas_jabatan"], r["unit_id"]): (r["amount"], r["effective_from"], r["note"])
            for r in current_tpp
        },
    )


def employees_for_run(units) -> QuerySet[Employee]:
    """Active employees of the units' subtrees (all units when none are given)."""
    qs = Employee.objects.filter(state__in=ACTIVE_STATES)
    if units:
        condition = Q()
        for unit in units:
            condition |= Q(unit__path__startswith=unit.path)
        qs = qs.filter(condition)
    return qs


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def family_counts(employee_ids: QuerySet, year: int, month: int, rules: RuleSet) -> dict:
    """employee id -> (spouses, eligible children) on the payroll list, in one grouped query."""
    on = month_start(year, month)
    young = Q(birth_date__gt=_years_before(on, rules.child_age_limit))
    studying = Q(is_studying=True, birth_date__gt=_years_before(on, rules.child_age_limit_studying))
    rows = (
        FamilyMember.objects.filter(employee_id__in=employee_ids, is_dependant=True)
        .values("employee_id")
        .annotate(
            spouses=Count("id", filter=Q(relation=FamilyMember.Relation.SPOUSE)),
            children=Count(
                "id",
                filter=Q(relation=FamilyMember.Relation.CHILD, is_married=False, has_income=False)
                & (young | studying),
            ),
        )
        .values_list("employee_id", "spouses", "children")
    )
    return {emp: (spouses, children) for emp, spouses, children in rows}


def opds_by_unit() -> dict[int, int]:
    """unit id -> id of its OPD (the top of its tree), from one query over the units."""
    units = list(OrgUnit.objects.values_list("id", "path"))
    top = {path: pk for pk, path in units if len(path) == OrgUnit.steplen}
    return {pk: top.get(path[: OrgUnit.steplen]) for pk, path in units}


def position_allowances(on: dt.date) -> dict[int, int]:
    rows = PositionAllowance.objects.filter(effective_from__lte=on).values(
        "position_id", "amount", "effective_from"
    )
    current, _versions = _latest_per_key(list(rows), lambda r: r["position_id"], on)
    return {r["position_id"]: r["amount"] for r in current}


def discipline_counts(employee_ids: QuerySet, year: int, month: int) -> dict[int, Discipline]:
    """Late arrivals (and early departures, same brackets), missed assemblies and unexcused
    absences of the month, counted per employee in one grouped query."""

    def bracket(field: str, lo: int, hi: int | None) -> Count:
        cond = Q(**{f"{field}__gte": lo})
        if hi is not None:
            cond &= Q(**{f"{field}__lte": hi})
        return Count("id", filter=cond)

    rows = (
        AttendanceRecord.objects.filter(
            employee_id__in=employee_ids,
            date__range=(month_start(year, month), month_end(year, month)),
        )
        .values("employee_id")
        .annotate(
            l1=bracket("minutes_late", 1, 30),
            l2=bracket("minutes_late", 31, 60),
            l3=bracket("minutes_late", 61, 90),
            l4=bracket("minutes_late", 91, None),
            e1=bracket("minutes_early", 1, 30),
            e2=bracket("minutes_early", 31, 60),
            e3=bracket("minutes_early", 61, 90),
            e4=bracket("minutes_early", 91, None),
            nr=Count("id", filter=Q(no_record=True)),
            ma=Count("id", filter=Q(missed_assembly=True)),
            au=Count("id", filter=Q(absence=Absence.UNEXCUSED)),
        )
    )
    return {
        r["employee_id"]: Discipline(
            late_1_30=r["l1"] + r["e1"],
            late_31_60=r["l2"] + r["e2"],
            late_61_90=r["l3"] + r["e3"],
            late_over_90=r["l4"] + r["e4"] + r["nr"],
            missed_assembly=r["ma"],
            absent_unexcused=r["au"],
        )
        for r in rows
    }


def other_deductions(employee_ids: QuerySet, year: int, month: int) -> dict[int, list]:
    on = month_start(year, month)
    rows = (
        OtherDeduction.objects.filter(employee_id__in=employee_ids, first_month__lte=on)
        .filter(Q(last_month__isnull=True) | Q(last_month__gte=on))
        .order_by("id")
        .values_list("employee_id", "label", "amount")
    )
    result: dict[int, list] = defaultdict(list)
    for emp, label, amount in rows:
        result[emp].append((label, amount))
    return result


def pending_adjustments(employee_ids: QuerySet, run) -> dict[int, list]:
    """Adjustments not yet paid, or already placed in this (draft) run: id and text per employee."""
    rows = (
        Adjustment.objects.filter(employee_id__in=employee_ids)
        .filter(Q(applied_in__isnull=True) | Q(applied_in=run))
        .order_by("id")
        .values_list(
            "id", "employee_id", "amount", "reason", "original__run__month", "original__run__year"
        )
    )
    result: dict[int, list] = defaultdict(list)
    for pk, emp, amount, reason, o_month, o_year in rows:
        text = _("Correction of the payslip of %(m)02d/%(y)s: %(r)s") % {
            "m": o_month,
            "y": o_year,
            "r": reason,
        }
        result[emp].append((pk, text, amount))
    return result


# --- other modules -----------------------------------------------------------------------


def predikats(employee_ids: list[int], year: int, month: int) -> tuple[dict[int, str], bool]:
    """employee id -> Predikat value for the month (appraisal's vocabulary), and whether
    appraisal is installed."""
    if not apps.is_installed("appraisal"):
        return {}, False
    from appraisal.selectors import predikat_for_many

    found = predikat_for_many(employee_ids=employee_ids, year=year, month=month)
    return {emp: value for emp, value in found.items() if value}, True


def tpp_cuts(
    employee_ids: QuerySet, year: int, month: int, rules: RuleSet | None = None
) -> tuple[dict[int, Decimal], bool]:
    """employee id -> share of TPP cut, for those under a medium sanction on the 1st.

    Whether a month is cut is rewards' rule, asked once in bulk (`rewards.selectors.
    tpp_cuts_for`); how much is cut is the pay rules' versioned `sanction_cut_pct`.
    """
    if not apps.is_installed("rewards"):
        return {}, False
    try:
        from rewards.selectors import tpp_cuts_for
    except ImportError:
        return {}, False
    rules = rules or rules_for(year, month)
    share = Decimal(rules.sanction_cut_pct) / Decimal(100)
    return {pk: share for pk in tpp_cuts_for(employee_ids, year, month)}, True


def unexcused_absences(year: int, through_month: int) -> dict[int, list[dt.date]]:
    """employee id -> unexcused absence days from January to the month, from the imported
    attendance (what discipline's absence table counts, per year). One query."""
    days: dict[int, list[dt.date]] = defaultdict(list)
    rows = AttendanceRecord.objects.filter(
        absence=Absence.UNEXCUSED,
        date__gte=dt.date(year, 1, 1),
        date__lte=month_end(year, through_month),
    ).values_list("employee_id", "date")
    for employee_id, day in rows.order_by("employee_id", "date"):
        days[employee_id].append(day)
    return dict(days)


def gather(employees: QuerySet, year: int, month: int, rules: RuleSet, run=None) -> dict:
    """All inputs of a run: snapshots, EmployeeInput per employee, adjustments and warnings."""
    on = month_start(year, month)
    snapshots = list(employees.order_by("id").values(*SNAPSHOT_FIELDS))
    ids_qs = employees.values("id")
    ids = [s["id"] for s in snapshots]
    family = family_counts(ids_qs, year, month, rules)
    allowances = position_allowances(on)
    discipline = discipline_counts(ids_qs, year, month)
    deductions = other_deductions(ids_qs, year, month)
    adjustments = pending_adjustments(ids_qs, run) if run is not None else {}
    predikat, appraisal_on = predikats(ids, year, month)
    opd_of_unit = opds_by_unit()
    cuts, rewards_on = tpp_cuts(ids_qs, year, month, rules)
    warnings = []
    if not appraisal_on:
        warnings.append(
            _(
                "The appraisal module is not installed: no predikat is known, the performance "
                "factor of TPP is %(f)s for everyone."
            )
            % {"f": f"{rules.predikat_factor[None].normalize()}%"}
        )
    if not rewards_on:
        warnings.append(_("The rewards module is not installed: no sanction cuts TPP."))
    inputs = {}
    for s in snapshots:
        spouses, children = family.get(s["id"], (0, 0))
        inputs[s["id"]] = EmployeeInput(
            status=s["status"],
            golongan=s["rank__code"],
            group=s["rank__group"],
            mkg_years=s["mkg_years"],
            ptkp_status=s["ptkp_status"],
            kelas_jabatan=s["position__kelas_jabatan"],
            opd_id=opd_of_unit.get(s["unit_id"]),
            spouses=spouses,
            children=children,
            position_allowance=allowances.get(s["position_id"]),
            predikat=predikat.get(s["id"]),
            predikat_known=appraisal_on,
            discipline=discipline.get(s["id"], Discipline()),
            tpp_cut=cuts.get(s["id"], Decimal(0)),
            other_deductions=deductions.get(s["id"], []),
            adjustments=[(text, amount) for _pk, text, amount in adjustments.get(s["id"], [])],
        )
    return {
        "snapshots": snapshots,
        "inputs": inputs,
        "adjustment_ids": [pk for rows in adjustments.values() for pk, *_rest in rows],
        "warnings": warnings,
    }
