from celery import shared_task

from . import notifications


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notification_email_task(notification_id: int) -> bool:
    """Email a notification; safe to run twice (the first run claims it)."""
    return notifications.notification_email(notification_id=notification_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notification_outbox_task(older_than_seconds: int = 0) -> int:
    """Email every pending notification (after bulk reminders, and periodically by beat)."""
    from datetime import timedelta

    return notifications.notification_outbox_flush(older_than=timedelta(seconds=older_than_seconds))


@shared_task
def ping_task(value: str) -> str:
    """Echo, used by the health check's deep mode and the worker test."""
    return value


@shared_task
def jobs_sweep_task() -> int:
    """Every minute: enqueue again the long jobs whose worker died (their lease expired)."""
    from . import jobs

    return jobs.jobs_sweep()
