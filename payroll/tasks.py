"""Celery tasks of payroll: thin, by id, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from .models import ComputeState, PayrollRun, RunStatus


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def payroll_run_compute_task(run_id: int) -> int:
    """Compute a queued draft run; a second delivery finds it no longer queued and does nothing.

    A lost database connection puts the run back in the queue for the retry; any other error
    marks the computation failed, with the message shown on the run. Returns the number of
    payslips computed.
    """
    from . import services

    claimed = PayrollRun.objects.filter(
        pk=run_id, status=RunStatus.DRAFT, compute_state=ComputeState.QUEUED
    ).update(compute_state=ComputeState.RUNNING)
    if not claimed:
        return 0
    run = PayrollRun.objects.get(pk=run_id)
    try:
        run = services.run_compute(run=run)
    except OperationalError:
        PayrollRun.objects.filter(pk=run_id, compute_state=ComputeState.RUNNING).update(
            compute_state=ComputeState.QUEUED
        )
        raise
    except Exception as exc:
        services.run_mark_compute_failed(run_id=run_id, message=str(exc))
        raise
    return run.progress_done


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
