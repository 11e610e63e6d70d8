"""Writes of payroll, one module per workflow: `runs` (computation, transitions, adjustments)
and `attendance` (the fingerprint import)."""

from .attendance import ATTENDANCE_HEADERS, ImportRejected, attendance_import
from .runs import (
    ALLOWED_TRANSITIONS,
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
    run_mark_compute_failed,
    run_mark_paid,
    run_reopen,
    run_request_compute,
)

__all__ = [
    "ALLOWED_TRANSITIONS",
    "ATTENDANCE_HEADERS",
    "LINE_COLUMNS",
    "PAYSLIP_COLUMNS",
    "ImportRejected",
    "_copy_lines",
    "_save_payslips",
    "adjustment_create",
    "attendance_import",
    "progress_key",
    "progress_set",
    "run_approve",
    "run_check",
    "run_compute",
    "run_create",
    "run_mark_compute_failed",
    "run_mark_paid",
    "run_reopen",
    "run_request_compute",
]
