"""Celery tasks of the complaints module: thin, idempotent, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def reporter_email_task(email_id: int) -> bool:
    """Send one email to a reporter; a second run finds it sent."""
    return services.reporter_email_send(email_id=email_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def reporter_outbox_task() -> int:
    """Send every pending reporter email (after a broker outage, and periodically)."""
    return services.reporter_outbox_flush()


@shared_task
def complaint_sla_task() -> dict:
    """Daily: remind before deadlines, escalate overdue reports, close unanswered follow-ups."""
    return {
        "reminders": services.complaints_send_reminders(),
        "closed": services.complaints_auto_close(),
    }
