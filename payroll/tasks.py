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
