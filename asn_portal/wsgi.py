"""WSGI entry point (gunicorn asn_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings")
application = get_wsgi_application()

from asn_portal.startup import refuse_eager_tasks_in_production  # noqa: E402 (settings first)

refuse_eager_tasks_in_production()
