"""The Celery application; tasks run eagerly in-process when no broker URL is configured."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings")

app = Celery("asn_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
