"""Benchmark: a public complaint submission with the Celery broker down, beside the same
submission with the broker up (the floor).

    .venv/bin/python bench/bench_broker_down.py [--submissions 15] [--keep]

Drops and recreates the database `asn_portal_bench_broker` (BENCH_POSTGRES_URL names the
server, default postgres://postgres@127.0.0.1:5432) and migrates it; creates a category and a
complaints officer with an email address, so a submission enqueues the reporter's receipt and
the officer's notification email. With Django's test client (production settings: DEBUG off,
Argon2 PIN hashing) it then posts N complaints with the broker up (Redis at BENCH_REDIS_URL,
default redis://127.0.0.1:6379/14; the queued messages are purged afterwards) and N with the
broker down (Redis URL on a closed port, the production Celery settings unchanged), after one
warm-up each. It prints the median and slowest request of each and the ratio down/up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "asn_portal_bench_broker"
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
BROKER_UP = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
BROKER_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def recreate_database(create: bool = True) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "asn_portal.settings"
    os.environ["DATABASE_URL"] = f"{SERVER}/{BENCH_DB}"
    os.environ["DEBUG"] = "0"
    os.environ["SECURE"] = "0"  # plain-HTTP test client: no SSL redirect
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECRET_KEY"] = "bench-only-secret-key-not-for-production-0123456789abcdef"
    os.environ["LOG_LEVEL"] = "ERROR"  # the failed publishes are logged as warnings
    os.environ["CELERY_BROKER_URL"] = BROKER_UP
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["COMPLAINTS_SUBMIT_LIMIT"] = "1000000"
    os.environ["PRIVATE_MEDIA_ROOT"] = "/tmp/asn_broker_bench_media"
    os.environ.pop("REDIS_URL", None)
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def populate() -> int:
    from django.conf import settings
    from django.core.management import call_command

    from asn_portal.accounts import roles
    from complaints.models import Category
    from tests import factories

    call_command("migrate", verbosity=0)
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    factories.UserFactory(
        username="petugas.pengaduan", email="petugas@example.com", role=roles.COMPLAINTS_OFFICER
    )
    return Category.objects.get_or_create(name="Pendidikan")[0].pk


def use_broker(url: str) -> None:
    """Point the Celery app at `url` (broker and result backend, as production does)."""
    import kombu.pools

    from asn_portal.celery import app

    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


def submit(client, category: int) -> float:
    from complaints import forms

    data = {
        "classification": "complaint",
        "category": category,
        "reported_unit": "",
        "subject": "Guru sering tidak hadir",
        "description": "Di SD Negeri 3 guru kelas 4 sering tidak hadir tanpa pengganti.",
        "privacy": "confidential",
        "reporter_name": "Rina",
        "reporter_email": "rina@example.com",
        "reporter_phone": "",
        "consent": "on",
        "website": "",
        "issued": forms.issue_stamp(),
        "submission_token": str(uuid.uuid4()),
    }
    started = time.perf_counter()
    response = client.post("/pengaduan/", data)
    elapsed = time.perf_counter() - started
    if response.status_code != 201:
        sys.exit(f"submission answered {response.status_code}")
    return elapsed * 1000


def measure(label: str, url: str, category: int, n: int) -> float:
    from django.test import Client

    use_broker(url)
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    submit(client, category)  # warm-up
    times = [submit(client, category) for _ in range(n)]
    median = statistics.median(times)
    print(f"{label:<28} {median:9.1f} {max(times):9.1f}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=15)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    import redis

    try:
        redis.Redis.from_url(BROKER_UP, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        sys.exit(f"the floor needs a running Redis at {BROKER_UP} (BENCH_REDIS_URL): {error}")
    recreate_database()
    setup_django()
    try:
        category = populate()
        print(f"{args.submissions} complaint submissions each (test client, DEBUG off)")
        print(f"{'':<28} {'median ms':>9} {'max ms':>9}")
        floor = measure("broker up (floor)", BROKER_UP, category, args.submissions)
        down = measure("broker down", BROKER_DOWN, category, args.submissions)
        print(f"ratio down/up: {down / floor:.2f}")
        from complaints.models import Complaint, ReporterEmail

        stored, kept = Complaint.objects.count(), ReporterEmail.objects.count()
        print(f"stored: {stored} complaints, {kept} receipts in the outbox (no worker ran)")
    finally:
        use_broker(BROKER_UP)
        from asn_portal.celery import app

        app.control.purge()
        from django.db import connections

        connections.close_all()
        if not args.keep:
            recreate_database(create=False)


if __name__ == "__main__":
    main()
