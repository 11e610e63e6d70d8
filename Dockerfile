FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install -e .
COPY . .
RUN DEBUG=1 python manage.py compilemessages -v 0 \
    && SECRET_KEY=build-only DEBUG=0 python manage.py collectstatic --noinput -v 0

RUN useradd --create-home --uid 1000 asn && mkdir -p /app/media /app/private_media \
    && chown -R asn /app/media /app/private_media
USER asn
EXPOSE 8000
# gunicorn.conf.py: bind, workers, and an access log without client addresses on /pengaduan/.
CMD ["gunicorn", "asn_portal.wsgi", "-c", "gunicorn.conf.py"]
