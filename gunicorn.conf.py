"""Gunicorn settings for the web container (Dockerfile, docker-compose.yml): `-c` this file."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
# The access log leaves out the client address on the public complaint pages (/pengaduan/).
logger_class = "asn_portal.accesslog.PrivateComplaintsLogger"
