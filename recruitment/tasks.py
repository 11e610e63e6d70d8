"""Celery tasks of the recruitment module: thin, by id, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def publication_notify_task(publication_id: int) -> int:
    """Tell the applicants of a publication, under a lease: a second delivery while a worker is
    on it, or after it finished, does nothing; after the worker died it resumes, and the
    notification keys make the resumed run skip everyone already told."""
    from asn_portal.common.jobs import run_job

    from .services.publications import NOTIFY_JOB

    _claim, sent = run_job(
        NOTIFY_JOB,
        str(publication_id),
        lambda lease: services.publication_notify(publication_id=publication_id),
    )
    return sent or 0


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def recruitment_reminders_task() -> int:
    """Daily: objections due for an answer (officers) and drafts when registration closes."""
    return services.recruitment_reminders_send()
