"""Benchmark: seed the demo regency into a fresh Postgres database, then time the busiest pages.

    .venv/bin/python bench/bench_seed_demo.py [--employees 5000] [--requests 5] [--keep]

Drops and recreates the database `asn_portal_bench` (BENCH_POSTGRES_URL names the server,
default postgres://postgres@127.0.0.1:5432), migrates it, times `seed_demo`, then requests
the employee admin changelist as the demo admin (plain, searched by NIP, filtered by unit) and
the portal dashboard as the demo employee with Django's test client: SQL queries per request and
the median (and fastest) time of the timed requests, after one warm-up request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from io import StringIO
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "asn_portal_bench"
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def fresh_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))


def drop_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "asn_portal.settings"
    os.environ["DATABASE_URL"] = f"{SERVER}/{BENCH_DB}"
    os.environ["DEBUG"] = "0"
    os.environ["SECURE"] = "0"  # plain-HTTP test client: no SSL redirect
    os.environ["SECRET_KEY"] = "bench-only-secret-key-not-for-production-0123456789abcdef"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic
    import django

    django.setup()


def measure(client, url: str, requests: int) -> tuple[int, float, float, int]:
    """Queries of one request, median and fastest milliseconds, response size; after a warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # read now: the next request clears the query log
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return queries, statistics.median(timings), min(timings), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="Keep the bench database afterwards.")
    args = parser.parse_args()

    fresh_database()
    setup_django()
    from django.core.management import call_command
    from django.test import Client

    from asn_portal.accounts import roles
    from asn_portal.accounts.models import User
    from asn_portal.personnel.models import Employee, FamilyMember, OrgUnit

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - started

    output = StringIO()
    started = time.perf_counter()
    call_command("seed_demo", employees=args.employees, stdout=output)
    seed_seconds = time.perf_counter() - started

    admin = User.objects.get(username="admin")
    demo_nip = next(
        line.split()[0] for line in output.getvalue().splitlines() if roles.EMPLOYEE in line
    )
    employee_user = User.objects.get(username=demo_nip)
    unit = OrgUnit.objects.get(code="DISDIK")
    some_nip = Employee.objects.order_by("nip").values_list("nip", flat=True)[args.employees // 2]

    staff_client, portal_client = Client(), Client()
    staff_client.force_login(admin)
    portal_client.force_login(employee_user)
    changelist = "/admin/personnel/employee/"
    pages = [
        ("admin changelist", staff_client, changelist),
        ("admin search by NIP", staff_client, f"{changelist}?q={some_nip}"),
        ("admin filter by unit", staff_client, f"{changelist}?unit__id__exact={unit.pk}"),
        ("portal dashboard", portal_client, "/portal/"),
    ]
    results = [(label, url, *measure(client, url, args.requests)) for label, client, url in pages]

    print(f"Database: Postgres {BENCH_DB}; migrate {migrate_seconds:.1f} s")
    print(
        f"seed_demo --employees {args.employees}: {seed_seconds:.1f} s "
        f"({Employee.objects.count()} employees, {FamilyMember.objects.count()} family members, "
        f"{User.objects.count()} users, {OrgUnit.objects.count()} units)"
    )
    print()
    print(f"{'page':<22} {'queries':>7} {'median ms':>10} {'min ms':>7} {'KiB':>5}  url")
    for label, url, queries, median, fastest, size in results:
        print(
            f"{label:<22} {queries:>7} {median:>10.1f} {fastest:>7.1f} {size / 1024:>5.0f}  {url}"
        )
    print(f"(median of {args.requests} requests after one warm-up)")

    from django.db import connections

    connections.close_all()
    if not args.keep:
        drop_database()


if __name__ == "__main__":
    main()
