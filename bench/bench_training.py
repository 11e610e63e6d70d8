"""Benchmark: priority seat allocation for a session with 5,000 requests, and the JP equity and
below-target reports over 50,000 employees.

    .venv/bin/python bench/bench_training.py [--employees 50000] [--requests 5000] [--keep]

Drops and recreates the database `asn_training_bench` (BENCH_POSTGRES_URL names the server,
default postgres://postgres@127.0.0.1:5432), migrates it and seeds the demo regency with
`--employees` employees (personnel demo only). Then:
1. credits JP to about two thirds of the employees (1–3 lines each, this and last year);
2. creates one session of 500 seats with `--requests` requests (distinct employees, random
   request times) and times `session_allocate_seats` (ranking, quotas, the explanation of every
   request, bulk update and one notification per participant with a login);
3. times `equity_report` and `below_target_by_unit` over all employees, and requests both report
   pages as the demo admin with Django's test client (SQL queries, median of 3 after a warm-up).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "asn_training_bench"
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def _admin_sql(statement: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(BENCH_DB)))


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings")
    os.environ["DATABASE_URL"] = f"{SERVER}/{BENCH_DB}"
    os.environ["DEBUG"] = "0"
    os.environ["SECURE"] = "0"  # plain-HTTP test client: no SSL redirect
    os.environ["SECRET_KEY"] = "bench-only-secret-key-not-for-production-0123456789abcdef"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def timed(func):
    started = time.perf_counter()
    result = func()
    return result, time.perf_counter() - started


def measure(client, url: str, requests: int = 3) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return queries, statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=5_000)
    parser.add_argument("--keep", action="store_true", help="Keep the bench database afterwards.")
    args = parser.parse_args()

    _admin_sql("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    _admin_sql("CREATE DATABASE {}")
    setup_django()
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from asn_portal.accounts.models import User
    from asn_portal.common.calendar import today
    from asn_portal.personnel.demo import demo_seed
    from asn_portal.personnel.models import Employee
    from tests.training.factories import ProgramFactory, TrainingSessionFactory
    from training import selectors, services
    from training.models import Enrolment, ExternalTraining, JpCredit

    call_command("migrate", verbosity=0)
    _result, seed_seconds = timed(lambda: demo_seed(employees=args.employees, seed=7))
    rng = random.Random(7)
    year = today().year
    ids = list(Employee.objects.values_list("pk", flat=True))

    # JP history: outside-training records validated in bulk (each credit needs a source).
    records, credits = [], []
    for pk in ids:
        for _i in range(rng.choice((0, 1, 1, 2, 3))):
            y = rng.choice((year, year, year - 1))
            end = dt.date(y, rng.randint(1, 9), rng.randint(1, 28))
            records.append(
                ExternalTraining(
                    employee_id=pk,
                    title="Bimtek",
                    kind="technical",
                    provider="BPSDM",
                    start_date=end,
                    end_date=end,
                    jp=rng.choice((4, 8, 12, 16, 24)),
                    evidence="training/evidence/bench.pdf",
                    status=ExternalTraining.Status.VALIDATED,
                )
            )
    ExternalTraining.objects.bulk_create(records, batch_size=5000)
    for r in records:
        credits.append(
            JpCredit(
                employee_id=r.employee_id,
                year=r.end_date.year,
                jp=r.jp,
                credited_on=r.end_date,
                description=r.title,
                external=r,
            )
        )
    JpCredit.objects.bulk_create(credits, batch_size=5000)

    start = today() + dt.timedelta(days=30)
    session = TrainingSessionFactory(
        program=ProgramFactory(title="Bench"),
        capacity=500,
        start_date=start,
        end_date=start + dt.timedelta(days=2),
        enrolment_opens=today() - dt.timedelta(days=10),
        enrolment_closes=today(),
    )
    now = timezone.now()
    requesters = rng.sample(ids, min(args.requests, len(ids)))
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                session=session,
                employee_id=pk,
                status=Enrolment.Status.REQUESTED if n < 500 else Enrolment.Status.WAITLISTED,
                requested_at=now - dt.timedelta(seconds=rng.randint(0, 864_000)),
            )
            for n, pk in enumerate(requesters)
        ],
        batch_size=5000,
    )
    # Emails of the new notifications are a worker's job (here Celery runs eagerly): the outer
    # transaction keeps that on_commit flush out of the timing.
    with transaction.atomic():
        allocation, allocate_seconds = timed(
            lambda: services.session_allocate_seats(session=session, by=None)
        )

    employees = Employee.objects.all()
    _r, equity_seconds = timed(lambda: selectors.equity_report(employees=employees, year=year))
    _r, below_seconds = timed(
        lambda: selectors.below_target_by_unit(employees=employees, year=year)
    )
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    equity_page = measure(client, "/pelatihan/laporan/pemerataan/")
    below_page = measure(client, "/pelatihan/laporan/di-bawah-target/")

    print(f"Database: Postgres {BENCH_DB}")
    print(
        f"demo regency: {Employee.objects.count()} employees in {seed_seconds:.1f} s; "
        f"{len(credits)} JP credits"
    )
    print(
        f"allocation of {len(requesters)} requests for 500 seats: {allocate_seconds:.2f} s "
        f"({allocation})"
    )
    print(f"equity_report over {employees.count()} employees: {equity_seconds:.2f} s")
    print(f"below_target_by_unit over {employees.count()} employees: {below_seconds:.2f} s")
    print(f"equity page: {equity_page[0]} queries, median {equity_page[1]:.0f} ms")
    print(f"below-target page: {below_page[0]} queries, median {below_page[1]:.0f} ms")

    from django.db import connections

    connections.close_all()
    if not args.keep:
        _admin_sql("DROP DATABASE IF EXISTS {} WITH (FORCE)")


if __name__ == "__main__":
    main()
