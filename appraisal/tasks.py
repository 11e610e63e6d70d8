from celery import shared_task

from . import reminders


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def appraisal_daily_task(on_date: str | None = None) -> dict[str, int]:
    """Open due periods and send the day's appraisal reminders; safe to run twice."""
    import datetime as dt

    day = dt.date.fromisoformat(on_date) if on_date else None
    return reminders.appraisal_daily(on_date=day)


@shared_task
def cycle_open_task(cycle_id: int, by_id: int | None = None) -> int:
    """Open a cycle (one SKP per employee, the started periods) off the request, under a lease:
    a worker that dies leaves nothing (one transaction) and the next delivery or the jobs sweep
    opens it; a second run finds the cycle open and does nothing."""
    from django.core.exceptions import ValidationError

    from asn_portal.accounts.models import User
    from asn_portal.common.jobs import run_job

    from .models import Cycle
    from .services import cycle_open
    from .services.cycles import OPEN_JOB

    def work(lease):
        cycle = Cycle.objects.filter(pk=cycle_id, status=Cycle.Status.DRAFT).first()
        if cycle is None:
            return 0
        by = User.objects.filter(pk=by_id).first() if by_id else None
        try:
            return cycle_open(cycle=cycle, by=by)  # one transaction: a kill leaves nothing
        except ValidationError:
            return 0

    _claim, opened = run_job(OPEN_JOB, str(cycle_id), work)
    return opened or 0
