"""Health of the dependencies: the database and, when configured, the Celery broker."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from kombu import Connection


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def broker_status() -> str:
    """ "ok", "down", or "eager" when no broker is configured (tasks run in-process)."""
    url = settings.CELERY_BROKER_URL
    if not url:
        return "eager"
    try:
        with Connection(url, connect_timeout=2, transport_options={"socket_timeout": 2}) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        return "down"


def stuck_jobs() -> int:
    """Long jobs whose worker died and that nobody took over (see common.jobs)."""
    from .jobs import jobs_stuck

    try:
        return jobs_stuck().count()
    except Exception:
        return 0
