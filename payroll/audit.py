"""Payroll decisions in the audit trail (django-auditlog): runs and adjustments.

A run's status changes are logged by `transition` with the acting user and the note. Payslips
and their lines are written in bulk (COPY / bulk_create) and are not logged one by one: the run
they belong to is, and an approved run's rows are frozen by the database.
"""

from auditlog.registry import auditlog

from .models import Adjustment, PayrollRun

auditlog.register(
    PayrollRun,
    exclude_fields=[
        "compute_state", "progress_done", "progress_total", "error_count", "warnings",
        "computed_at",
    ],
)  # fmt: skip
auditlog.register(Adjustment)
