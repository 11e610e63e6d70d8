"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings")
application = get_asgi_application()

from asn_portal.startup import refuse_eager_tasks_in_production  # noqa: E402 (settings first)

refuse_eager_tasks_in_production()
