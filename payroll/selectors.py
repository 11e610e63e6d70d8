"""Reads of payroll data for the portal, the admin, exports and other apps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr

from asn_portal.personnel.models import OrgUnit

from .models import LOCKED_STATUSES, PayrollRun, Payslip, PayslipLine

TOTALS = ("gross", "deductions", "net", "tpp", "pph21", "employer_contributions")


def compute_status_label(run: PayrollRun) -> str:
    """The computation's state as the officer should read it: a worker that died shows as
    "interrupted, resuming", a job that kept failing as stopped with its reason (one query, only
    for a run being computed or stopped)."""
    from django.utils.translation import gettext as _

    from asn_portal.common.jobs import job_state

    from .models import ComputeState
    from .services import COMPUTE_JOB

    if run.compute_state not in (ComputeState.RUNNING, ComputeState.QUEUED, ComputeState.FAILED):
        return run.get_compute_state_display()
    lease = job_state(COMPUTE_JOB, str(run.pk))
    if lease is None:
        return run.get_compute_state_display()
    if lease.state == lease.State.FAILED:
        return _("stopped after repeated failures: %(error)s") % {"error": lease.last_error}
    if lease.interrupted:
        return _("interrupted, resuming")
    return run.get_compute_state_display()


def run_progress(run: PayrollRun) -> tuple[int, int]:
    """(payslips computed, payslips to compute): live from the cache while computing."""
    from django.core.cache import cache

    from .models import ComputeState
    from .services import progress_key

    if run.compute_state in (ComputeState.RUNNING, ComputeState.QUEUED):
        live = cache.get(progress_key(run.pk))
        if live:
            return live
    return run.progress_done, run.progress_total


def payslips_of(employee) -> QuerySet[Payslip]:
    """The employee's payslips of approved or paid runs, newest first."""
    return (
        Payslip.objects.filter(employee=employee, run__status__in=LOCKED_STATUSES)
        .select_related("run")
        .order_by("-run__year", "-run__month", "-run_id")
    )


def year_to_date(employee, year: int) -> dict[str, int]:
    """Sums of the employee's approved or paid payslips of the year (one query)."""
    sums = (
        payslips_of(employee)
        .filter(run__year=year)
        .aggregate(count=Count("id"), **{name: Sum(name) for name in TOTALS})
    )
    return {name: value or 0 for name, value in sums.items()}


def lines_of(payslip: Payslip) -> QuerySet[PayslipLine]:
    return payslip.lines.order_by("position")


def _with_sums(qs, group_by: str) -> list[dict]:
    return list(
        qs.values(group_by)
        .annotate(count=Count("id"), errors=Count("id", filter=~Q(error="")),
                  **{name: Sum(name) for name in TOTALS})
        .order_by(group_by)
    )  # fmt: skip


def unit_summary(run: PayrollRun, units: QuerySet[OrgUnit] | None = None) -> list[dict]:
    """Totals per unit of a run (only the given units when set), with the unit's name."""
    qs = run.payslips.all()
    if units is not None:
        qs = qs.filter(unit__in=units)
    rows = _with_sums(qs, "unit_id")
    names = dict(
        OrgUnit.objects.filter(pk__in=[r["unit_id"] for r in rows]).values_list("pk", "name")
    )
    for row in rows:
        row["unit"] = names.get(row["unit_id"], "")
    return rows


def opd_recap(run: PayrollRun, units: QuerySet[OrgUnit] | None = None) -> list[dict]:
    """Totals per OPD (top-level unit, sub-units included) of a run: the recap sent to each OPD."""
    qs = run.payslips.all()
    if units is not None:
        qs = qs.filter(unit__in=units)
    rows = list(
        qs.annotate(opd_path=Substr("unit__path", 1, OrgUnit.steplen))
        .values("opd_path")
        .annotate(count=Count("id"), errors=Count("id", filter=~Q(error="")),
                  **{name: Sum(name) for name in TOTALS})
        .order_by("opd_path")
    )  # fmt: skip
    opds = {u.path: u for u in OrgUnit.objects.filter(path__in=[r["opd_path"] for r in rows])}
    for row in rows:
        opd = opds.get(row["opd_path"])
        row["opd"] = opd.name if opd else ""
        row["code"] = opd.code if opd else ""
    return rows


def recap_payslips(run: PayrollRun, units: QuerySet[OrgUnit] | None = None) -> QuerySet[Payslip]:
    qs = run.payslips.select_related("unit").order_by("unit__path", "name")
    return qs.filter(unit__in=units) if units is not None else qs


def pph21_summary(run: PayrollRun) -> list[dict]:
    """PPh 21 withheld per tax status (PTKP) of a run: the monthly tax report's totals."""
    return _with_sums(run.payslips.filter(error=""), "ptkp_status")


def bank_transfer_rows(run: PayrollRun) -> list[tuple[str, str, int, str]]:
    """(account, name, amount, reference) per payslip paid by transfer."""
    rows = (
        run.payslips.filter(error="", net__gt=0)
        .exclude(bank_account="")
        .order_by("unit_id", "name")
        .values_list("bank_account", "name", "net", "nip")
    )
    return [
        (account, name, net, f"GAJI-{run.year}{run.month:02d}-{nip}")
        for account, name, net, nip in rows
    ]


def previous_run(run: PayrollRun) -> PayrollRun | None:
    """The run of the month before, an approved or paid one first."""
    year, month = (run.year, run.month - 1) if run.month > 1 else (run.year - 1, 12)
    candidates = PayrollRun.objects.filter(year=year, month=month).exclude(pk=run.pk)
    return (
        candidates.filter(status__in=LOCKED_STATUSES).order_by("-id").first()
        or candidates.order_by("-id").first()
    )


@dataclass
class Change:
    code: str
    label: str
    old: int
    new: int
    explanation: str

    @property
    def difference(self) -> int:
        return self.new - self.old


@dataclass
class EmployeeComparison:
    employee_id: int
    name: str
    nip: str
    old_net: int
    new_net: int
    changes: list[Change] = field(default_factory=list)


def comparison(run: PayrollRun, *, limit: int = 500) -> tuple[PayrollRun | None, list]:
    """Per employee, what changed against the previous month and why (the new explanation).

    Two queries for the lines of both runs; employees who appear in only one run are listed
    too. At most `limit` employees, largest change of net pay first.
    """
    before = previous_run(run)
    if before is None:
        return None, []

    def load(r):
        lines = defaultdict(dict)
        rows = PayslipLine.objects.filter(run=r).values_list(
            "payslip__employee_id", "code", "label", "amount", "explanation", "kind"
        )
        for emp, code, label, amount, explanation, kind in rows:
            sign = -1 if kind == "deduction" and code == "adjustment" else 1
            old = lines[emp].get(code)
            total = (old[1] if old else 0) + sign * amount
            lines[emp][code] = (label, total, explanation)
        heads = {
            p["employee_id"]: p for p in r.payslips.values("employee_id", "name", "nip", "net")
        }
        return lines, heads

    new_lines, new_heads = load(run)
    old_lines, old_heads = load(before)
    result = []
    for emp in new_heads.keys() | old_heads.keys():
        new, old = new_lines.get(emp, {}), old_lines.get(emp, {})
        changes = []
        for code in sorted(new.keys() | old.keys()):
            n = new.get(code, ("", 0, ""))
            o = old.get(code, ("", 0, ""))
            if n[1] != o[1]:
                changes.append(Change(code, n[0] or o[0], o[1], n[1], n[2] or o[2]))
        head = new_heads.get(emp) or old_heads[emp]
        old_net = old_heads.get(emp, {}).get("net", 0)
        new_net = new_heads.get(emp, {}).get("net", 0)
        if changes or old_net != new_net:
            result.append(
                EmployeeComparison(emp, head["name"], head["nip"], old_net, new_net, changes)
            )
    result.sort(key=lambda c: (-abs(c.new_net - c.old_net), c.name))
    return before, result[:limit]
