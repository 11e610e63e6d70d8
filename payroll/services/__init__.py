"""Writes of payroll, one module per workflow: `runs` (computation, transitions, adjustments)
and `attendance` (the fingerprint import)."""

from .attendance import (
    ATTENDANCE_HEADERS,
    ImportRejected,
    attendance_import,
    attendance_parse,
    attendance_store,
    attendance_validate,
)
from .runs import (
    LINE_COLUMNS,
    PAYSLIP_COLUMNS,
    _copy_lines,
    _save_payslips,
    adjustment_create,
    progress_key,
    progress_set,
    run_approve,
    run_check,
    run_compute,
    run_create,
    run_delete,
    run_mark_compute_failed,
    run_mark_paid,
    run_reopen,
    run_request_compute,
)

__all__ = [
    "ATTENDANCE_HEADERS",
    "LINE_COLUMNS",
    "PAYSLIP_COLUMNS",
    "ImportRejected",
    "_copy_lines",
    "_save_payslips",
    "adjustment_create",
    "attendance_import",
    "attendance_parse",
    "attendance_store",
    "attendance_validate",
    "progress_key",
    "progress_set",
    "run_approve",
    "run_check",
    "run_compute",
    "run_create",
    "run_delete",
    "run_mark_compute_failed",
    "run_mark_paid",
    "run_reopen",
    "run_request_compute",
]
