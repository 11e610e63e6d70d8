"""Periodic work of the rewards app; thin and safe to run twice."""

from celery import shared_task

from asn_portal.common.calendar import today

from . import services


@shared_task
def dismissals_apply_task() -> int:
    """Daily: employees whose dismissal has taken effect leave the service."""
    return len(services.dismissals_apply(on_date=today()))
