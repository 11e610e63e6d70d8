"""Runs: creation, the bulk computation, the workflow transitions and adjustments."""

from __future__ import annotations

import json
import logging
import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common.jobs import job_request, job_state
from asn_portal.common.queueing import enqueue
from asn_portal.common.workflow import check_move, record_start, transition

from .. import inputs
from ..calculation import PayrollInputError, compute_payslip
from ..models import (
    LOCKED_STATUSES,
    Adjustment,
    ComputeState,
    PayrollRun,
    Payslip,
    PayslipLine,
    RunStatus,
)

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 5000


COMPUTE_JOB = "payroll.compute"


def progress_key(run_id: int) -> str:
    return f"payroll:run-progress:{run_id}"


def progress_set(*, run_id: int, done: int, total: int) -> None:
    """Progress of a computation, in the cache (Redis in production): the run's own row is
    locked by the computing transaction, so the admin reads the progress from here."""
    cache.set(progress_key(run_id), (done, total), timeout=3600)


LINE_COLUMNS = (
    "run_id",
    "payslip_id",
    "position",
    "code",
    "kind",
    "label",
    "amount",
    "explanation",
)


def _locked(run: PayrollRun) -> PayrollRun:
    return PayrollRun.objects.select_for_update().get(pk=run.pk)


@transaction.atomic
def run_create(*, year: int, month: int, units=(), by=None) -> PayrollRun:
    """Open a draft run for a month, for all units or some of them (with their sub-units)."""
    if not 1 <= month <= 12:
        raise ValidationError(_("The month must be between 1 and 12."))
    run = PayrollRun(year=year, month=month, created_by=by)
    run.full_clean()
    run.save()
    if units:
        run.units.set(units)
    record_start(run, by=by)
    return run


@transaction.atomic
def run_request_compute(*, run: PayrollRun) -> PayrollRun:
    """Queue the computation of a draft run on a worker (in-process without a broker)."""
    run = _locked(run)
    if run.status != RunStatus.DRAFT:
        raise ValidationError(_("Only a draft payroll run can be computed."))
    try:
        inputs.rules_for(run.year, run.month)
    except inputs.MissingRules as exc:
        raise ValidationError(str(exc)) from exc
    job_request(COMPUTE_JOB, str(run.pk))  # refused while a live worker computes it
    run.compute_state = ComputeState.QUEUED
    run.save(update_fields=["compute_state"])
    transaction.on_commit(lambda: compute_enqueue(str(run.pk)))
    return run


def compute_enqueue(key: str) -> None:
    """Send the computation to a worker; without a broker it runs here and then. A failure is
    recorded on the run by the task (state "failed" and the message), not raised to the page.
    Also how the jobs sweep resumes a computation whose worker died."""
    from ..tasks import payroll_run_compute_task

    enqueue(payroll_run_compute_task, int(key))


def run_compute_job(*, run_id: int) -> int:
    """The worker's side of a requested computation: mark it running, compute, record a
    failure on the run. Safe to run again after an interruption (run_compute is one
    transaction that first removes what an earlier computation wrote)."""
    claimed = PayrollRun.objects.filter(pk=run_id, status=RunStatus.DRAFT).update(
        compute_state=ComputeState.RUNNING
    )
    if not claimed:
        return 0
    try:
        return run_compute(run=PayrollRun.objects.get(pk=run_id)).progress_done
    except OperationalError:
        raise  # the task retries; the lease tells the next delivery to take over
    except Exception as exc:
        run_mark_compute_failed(run_id=run_id, message=str(exc))
        raise


def compute_job_state(run: PayrollRun):
    """The lease of the run's computation (running, interrupted and resuming, or stopped)."""
    return job_state(COMPUTE_JOB, str(run.pk))


PAYSLIP_COLUMNS = (
    "id", "run_id", "employee_id", "unit_id", "nip", "name", "status", "golongan", "mkg_years",
    "position_name", "ptkp_status", "bank_name", "bank_account", "gross", "deductions", "net",
    "employer_contributions", "tpp", "pph21", "error", "warnings",
)  # fmt: skip


def _save_payslips(rows: list[tuple]) -> list[int]:
    """Insert payslips given as tuples in PAYSLIP_COLUMNS order without the id; return the ids.

    Postgres: ids drawn from the sequence in one query, then COPY; elsewhere bulk_create.
    """
    if connection.vendor != "postgresql":
        objs = []
        for row in rows:
            values = dict(zip(PAYSLIP_COLUMNS[1:], row, strict=True))
            values["warnings"] = json.loads(values["warnings"])
            objs.append(Payslip(**values))
        return [p.pk for p in Payslip.objects.bulk_create(objs, batch_size=2000)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('payroll_payslip', 'id')) "
            "FROM generate_series(1, %s)",
            [len(rows)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        columns = ", ".join(PAYSLIP_COLUMNS)
        with cursor.copy(f"COPY payroll_payslip ({columns}) FROM STDIN") as copy:
            for pk, row in zip(ids, rows, strict=True):
                copy.write_row((pk, *row))
    return ids


def _copy_lines(rows: list[tuple]) -> None:
    """Write lines with Postgres COPY (bulk_create elsewhere): the bulk of a run's rows."""
    if connection.vendor != "postgresql":
        PayslipLine.objects.bulk_create(
            [PayslipLine(**dict(zip(LINE_COLUMNS, row, strict=True))) for row in rows],
            batch_size=2000,
        )
        return
    with connection.cursor() as cursor:
        columns = ", ".join(LINE_COLUMNS)
        with cursor.copy(f"COPY payroll_payslipline ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


@transaction.atomic
def run_compute(*, run: PayrollRun) -> PayrollRun:
    """Compute (or recompute) every payslip of a draft run from the inputs of its month.

    Reads in a fixed number of set-based queries, computes in Python and writes with bulk
    operations. A payslip whose master data are wrong carries the error; the others are
    computed. The same inputs always give the same payslips.
    """
    run = _locked(run)
    if run.status != RunStatus.DRAFT:
        raise ValidationError(_("Only a draft payroll run can be computed."))
    timings, started = {}, time.monotonic()

    def lap(name):
        timings[name] = round(time.monotonic() - started - sum(timings.values()), 3)

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM payroll_payslipline WHERE run_id = %s", [run.pk])
        cursor.execute("DELETE FROM payroll_payslip WHERE run_id = %s", [run.pk])
    Adjustment.objects.filter(applied_in=run).update(applied_in=None)

    rules = inputs.rules_for(run.year, run.month)
    employees = inputs.employees_for_run(list(run.units.all()))
    data = inputs.gather(employees, run.year, run.month, rules, run=run)
    lap("read")

    no_account = json.dumps([_("No bank account number: paid outside the transfer file.")])
    heads, results = [], []
    total = len(data["snapshots"])
    progress_set(run_id=run.pk, done=0, total=total)
    for number, s in enumerate(data["snapshots"], start=1):
        if number % PROGRESS_EVERY == 0:
            progress_set(run_id=run.pk, done=number, total=total)
        name = f"{s['front_title']} {s['name']}".strip()
        if s["back_title"]:
            name = f"{name}, {s['back_title']}"
        try:
            result = compute_payslip(data["inputs"][s["id"]], rules)
        except PayrollInputError as exc:
            result, error, money = None, str(exc), (0, 0, 0, 0, 0, 0)
        else:
            error = ""
            money = (result.gross, result.deductions, result.net, result.employer, result.tpp,
                     result.pph21)  # fmt: skip
        warnings = no_account if result is not None and not s["bank_account"] else "[]"
        heads.append(
            (run.pk, s["id"], s["unit_id"], s["nip"], name, s["status"], s["rank__code"],
             s["mkg_years"], s["position__name"], s["ptkp_status"], s["bank_name"],
             s["bank_account"], *money, error, warnings)
        )  # fmt: skip
        results.append(result)

    progress_set(run_id=run.pk, done=total, total=total)
    lap("compute")
    ids = _save_payslips(heads)
    lap("write payslips")
    rows = []
    for payslip_id, result in zip(ids, results, strict=True):
        if result is None:
            continue
        for position, line in enumerate(result.lines):
            rows.append(
                (run.pk, payslip_id, position, line.code, line.kind, line.label, line.amount,
                 line.explanation)
            )  # fmt: skip
    _copy_lines(rows)
    lap("write lines")
    if data["adjustment_ids"]:
        Adjustment.objects.filter(pk__in=data["adjustment_ids"]).update(applied_in=run)

    run.progress_total = run.progress_done = len(heads)
    run.error_count = sum(1 for result in results if result is None)
    run.warnings = data["warnings"]
    run.compute_state = ComputeState.DONE
    run.computed_at = timezone.now()
    run.save(
        update_fields=[
            "progress_total",
            "progress_done",
            "error_count",
            "warnings",
            "compute_state",
            "computed_at",
        ]
    )
    run.timings = timings  # seconds per phase, for the benchmark
    return run


@transaction.atomic
def run_mark_compute_failed(*, run_id: int, message: str) -> None:
    PayrollRun.objects.filter(pk=run_id, status=RunStatus.DRAFT).update(
        compute_state=ComputeState.FAILED, warnings=[message]
    )


@transaction.atomic
def run_check(*, run: PayrollRun, by, note: str = "") -> PayrollRun:
    """The payroll officer has checked the computed draft (draft → checked)."""
    run = _locked(run)
    check_move(run, RunStatus.CHECKED, by=by)
    if run.compute_state != ComputeState.DONE:
        raise ValidationError(_("Compute the payroll run before checking it."))
    transition(
        run, RunStatus.CHECKED, by=by, note=note,
        changes={"checked_by": by, "checked_at": timezone.now()},
    )  # fmt: skip
    return run


@transaction.atomic
def run_reopen(*, run: PayrollRun, by, note: str = "") -> PayrollRun:
    """Send a checked run back to draft for corrections (checked → draft)."""
    run = _locked(run)
    transition(
        run, RunStatus.DRAFT, by=by, note=note, changes={"checked_by": None, "checked_at": None}
    )
    return run


@transaction.atomic
def run_approve(*, run: PayrollRun, by, note: str = "") -> PayrollRun:
    """Approve a checked run; from now on the database refuses any change to it."""
    run = _locked(run)
    check_move(run, RunStatus.APPROVED, by=by)
    if run.payslips.exclude(error="").exists():
        raise ValidationError(
            _("%(n)s payslips have errors: correct the master data and recompute first.")
            % {"n": run.payslips.exclude(error="").count()}
        )
    paid_twice = (
        Payslip.objects.filter(
            run__year=run.year, run__month=run.month, run__status__in=LOCKED_STATUSES
        )
        .exclude(run=run)
        .filter(employee_id__in=run.payslips.values("employee_id"))
    )
    if paid_twice.exists():
        raise ValidationError(
            _("Some employees of this run are already in an approved run of the same month; "
              "pay corrections as adjustments instead.")
        )  # fmt: skip
    transition(
        run, RunStatus.APPROVED, by=by, note=note,
        changes={"approved_by": by, "approved_at": timezone.now()},
    )  # fmt: skip
    return run


@transaction.atomic
def run_mark_paid(*, run: PayrollRun, by, note: str = "") -> PayrollRun:
    """Record that the bank transfer was made (approved → paid).

    Only status and paid_at may change on an approved run (database trigger); `transition`
    saves exactly those two fields.
    """
    run = _locked(run)
    transition(run, RunStatus.PAID, by=by, note=note, changes={"paid_at": timezone.now()})
    return run


@transaction.atomic
def adjustment_create(*, original: Payslip, amount: int, reason: str, by=None) -> Adjustment:
    """A correction of an approved or paid payslip; it is paid in the employee's next run."""
    if original.run.status not in LOCKED_STATUSES:
        raise ValidationError(
            _(
                "Only payslips of approved or paid runs are corrected by adjustment; "
                "recompute the draft instead."
            )
        )
    if not amount:
        raise ValidationError(_("An adjustment needs a non-zero amount."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the adjustment."))
    return Adjustment.objects.create(
        employee_id=original.employee_id,
        original=original,
        amount=amount,
        reason=reason.strip(),
        created_by=by,
    )


@transaction.atomic
def run_delete(*, run: PayrollRun, by=None) -> None:
    """Delete a run that is not approved yet (its payslips go with it; the audit log keeps it)."""
    run = _locked(run)
    if run.is_locked:
        raise ValidationError(_("An approved or paid payroll run cannot be deleted."))
    run.delete()
