"""Benchmark: the daily appraisal reminder job over a large regency (default 50,000 employees).

    .venv/bin/python bench/bench_appraisal_reminders.py [--employees 50000] [--keep]

Drops and recreates the database `asn_appraisal_bench` (BENCH_POSTGRES_URL names the server,
default postgres://postgres@127.0.0.1:5432), migrates it, seeds the demo regency, opens a
quarterly 2026 cycle on 10 February (SKPs, Q1 and annual evaluations, 360° raters), then runs the
daily job (`appraisal.reminders.appraisal_daily`, what the beat task calls):

- 20 February: the SKP deadline (13 February) has passed for everyone: an overdue reminder per
  employee, escalations to OPD operators, and the opening notices of the cycle and of Q1;
- the same day again: nothing new may be sent (idempotency);
- 10 April: Q2 opens (evaluations and raters for everyone; timed apart, it is what the job does
  first on 1 April) and the whole of Q1 (self-assessment, 360° feedback) is overdue as well as
  the SKP: the worst day of the year; then the same day again.

For each run: wall time, SQL queries and reminders created. The emails are not part of the
job (a worker sends them from the notification outbox afterwards), so they are not timed here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "asn_appraisal_bench"
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
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()


def timed(label: str, func):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = func()
        seconds = time.perf_counter() - started
    print(f"{label:<44} {seconds:>8.1f} s {len(queries):>8} queries   {result}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--keep", action="store_true", help="Keep the bench database afterwards.")
    args = parser.parse_args()

    fresh_database()
    setup_django()
    from django.core.management import call_command

    from appraisal import services
    from appraisal.models import Evaluation, FeedbackRequest, Plan
    from appraisal.reminders import appraisal_daily, cycle_reminders
    from asn_portal.common import reminders as shared_reminders
    from asn_portal.common.models import Notification
    from asn_portal.personnel import demo

    shared_reminders.enqueue_outbox_flush = lambda: None  # the worker's job, not timed here
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    demo.demo_seed(employees=args.employees, seed=2026)
    print(f"migrate + demo_seed({args.employees}): {time.perf_counter() - started:.1f} s")
    print()

    cycle = services.cycle_create(year=2026, frequency="quarterly", plan_due=dt.date(2026, 2, 13))
    timed(
        "open the cycle (10 Feb): SKPs, Q1 + annual",
        lambda: services.cycle_open(cycle=cycle, on_date=dt.date(2026, 2, 10)),
    )
    print(
        f"  {Plan.objects.count()} SKPs, {Evaluation.objects.count()} evaluations, "
        f"{FeedbackRequest.objects.count()} 360° requests"
    )
    timed(
        "daily job, 20 Feb (SKP overdue, notices)",
        lambda: appraisal_daily(on_date=dt.date(2026, 2, 20)),
    )
    timed("daily job, 20 Feb again", lambda: appraisal_daily(on_date=dt.date(2026, 2, 20)))
    timed(
        "open Q2 (what the 1 Apr job does first)",
        lambda: services.periods_open_due(on_date=dt.date(2026, 4, 10)),
    )
    timed(
        "daily job, 10 Apr (Q1 and the SKP overdue)",
        lambda: appraisal_daily(on_date=dt.date(2026, 4, 10)),
    )
    timed("daily job, 10 Apr again", lambda: appraisal_daily(on_date=dt.date(2026, 4, 10)))
    timed(
        "  of which collecting who owes what",
        lambda: len(cycle_reminders(cycle=cycle, day=dt.date(2026, 4, 10))),
    )
    print(f"  {Notification.objects.count()} notifications in the table")

    from django.db import connections

    connections.close_all()
    if not args.keep:
        drop_database()


if __name__ == "__main__":
    main()
