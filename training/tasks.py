"""Periodic training tasks: thin, idempotent, calling one service."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def below_target_reminders_task() -> int:
    """Daily in the last quarter: reminders to employees below 20 JP and their supervisors."""
    return services.below_target_reminders_send()
