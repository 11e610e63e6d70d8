"""Celery tasks of the recruitment module: thin, by id, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def publication_notify_task(publication_id: int) -> int:
    """Tell the applicants of a publication; notification keys make a second run send nothing."""
    return services.publication_notify(publication_id=publication_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def recruitment_reminders_task() -> int:
    """Daily: objections due for an answer (officers) and drafts when registration closes."""
    return services.recruitment_reminders_send()
