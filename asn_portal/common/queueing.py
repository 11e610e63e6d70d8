"""Handing work to Celery from a request: best-effort, never waiting on the broker.

The data a task works on is always committed first (the outbox: notifications, reporter emails,
queued payroll runs…), and a periodic sweep delivers whatever a lost message left behind. So a
request only *tries* to publish: one attempt, with the short connection timeouts of the Celery
settings, no retries, no subscription to a result; a failure is logged, never raised to the user.
Without a broker (development, tests) the task runs eagerly, here and now.
"""

from __future__ import annotations

import logging

from celery import Task

logger = logging.getLogger(__name__)


def enqueue(task: Task, *args, **kwargs) -> bool:
    """Publish `task(*args, **kwargs)` once; True when it was handed over (or ran eagerly)."""
    try:
        task.apply_async(args=args, kwargs=kwargs, retry=False, ignore_result=True)
    except Exception:  # broker down or slow, or the eager task failed: the outbox delivers later
        logger.warning(
            "Could not enqueue %s%r; the outbox or the periodic sweep will deliver it",
            task.name,
            args,
            exc_info=True,
        )
        return False
    return True


def enqueue_on_commit(task: Task, *args, **kwargs) -> None:
    """Enqueue once the current transaction commits (immediately outside one)."""
    from django.db import transaction

    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))
