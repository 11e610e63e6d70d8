"""Celery tasks of payroll: thin, by id, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def payroll_run_compute_task(run_id: int) -> int:
    """Compute a requested draft run under a lease (asn_portal.common.jobs).

    A second delivery while a live worker computes does nothing; one after the worker died
    takes the job over and computes again (one transaction: nothing half-written remains); one
    after it finished does nothing. Returns the number of payslips computed.
    """
    from asn_portal.common.jobs import run_job

    from . import services

    _claim, computed = run_job(
        services.COMPUTE_JOB, str(run_id), lambda lease: services.run_compute_job(run_id=run_id)
    )
    return computed or 0


@shared_task
def attendance_discipline_task() -> int:
    """Daily: the imported attendance's unexcused days become proposed discipline cases.

    Payroll owns the attendance; rewards (a floor below) receives the days as plain data and
    proposes each threshold of the absence table once. Covers last month too, so a December
    import that arrives in January still counts for its year. Returns the cases proposed.
    """
    from asn_portal.common.calendar import add_months, today
    from rewards.services import cases_propose_from_absences

    from .inputs import unexcused_absences

    day = today()
    last_month = add_months(day, -1)
    through = {last_month.year: last_month.month}
    through[day.year] = day.month
    return sum(
        len(
            cases_propose_from_absences(
                year=year, absences=unexcused_absences(year, month), reported_on=day
            )
        )
        for year, month in through.items()
    )
