"""ASN Portal: the personnel lifecycle system of a regional civil-service agency (BKD/BKPSDM)."""

from .celery import app as celery_app

__all__ = ("celery_app",)
