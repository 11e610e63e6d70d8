"""Checks made when a web server loads the application (wsgi.py, asgi.py), not on every command.

`manage.py check --deploy`, `collectstatic` and `migrate` keep working without a broker; serving
requests does not.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_eager_tasks_in_production() -> None:
    """With DEBUG off, no broker means every task would run inside the request: refuse."""
    if settings.DEBUG or settings.CELERY_BROKER_URL or settings.CELERY_ALLOW_EAGER:
        return
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL is not set while DEBUG is off: tasks (emails, payroll computation, "
        "notifications) would run inside web requests. Set CELERY_BROKER_URL (e.g. "
        "redis://127.0.0.1:6379/0), or CELERY_ALLOW_EAGER=1 to run them in-process on purpose."
    )
