"""Benchmark: a payroll run for 50,000 employees on Postgres, and the insert-only floor.

    .venv/bin/python bench/bench_payroll.py [--employees 50000] [--keep]

Drops and recreates the database `asn_portal_bench_payroll` (BENCH_POSTGRES_URL names the
server, default postgres://postgres@127.0.0.1:5432) and migrates it; inserts N employees in 40
units with realistic spread (golongan, MKG, kelas jabatan, spouses and children, some PPPK and
CPNS, a month of attendance with lateness for a third of them). Then it times:

1. `payroll.services.run_compute` on a new draft run: loading the rules and every input in a
   fixed number of set-based queries, computing every payslip in Python, writing the payslips
   (bulk_create) and lines (COPY), in one transaction;
2. the insert-only floor: writing the same payslip and line rows into another draft run
   (bulk_create + COPY) without computing anything.

Prints SQL query counts, payslips, lines and seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "asn_portal_bench_payroll"
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
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings")
    os.environ["DATABASE_URL"] = f"{SERVER}/{BENCH_DB}"
    os.environ["DEBUG"] = "0"
    os.environ["SECURE"] = "0"  # plain-HTTP test client: no SSL redirect
    os.environ["SECRET_KEY"] = "bench-only-secret-key-not-for-production-0123456789abcdef"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def populate(n: int, seed: int = 7) -> None:
    """N employees with families and a month of attendance, inserted in bulk (not timed)."""
    from django.core.management import call_command

    from asn_portal.personnel.models import Employee, FamilyMember, OrgUnit, Position, Rank
    from payroll.models import AttendanceRecord

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    units = [OrgUnit.add_root(code=f"B{i:03d}", name=f"Dinas Bench {i}") for i in range(40)]
    positions = Position.objects.bulk_create(
        [
            Position(name=f"Jabatan {k}", kind="executor", level="pelaksana", kelas_jabatan=k)
            for k in range(1, 18)
        ]
    )
    pns = list(Rank.objects.filter(scheme="PNS"))
    pppk = list(Rank.objects.filter(scheme="PPPK", code__in=["IX", "X", "XI", "XII"]))
    employees = []
    for i in range(n):
        status = rng.choices(["PNS", "CPNS", "PPPK"], weights=[80, 5, 15])[0]
        rank = rng.choice(pppk if status == "PPPK" else pns)
        married = rng.random() < 0.7
        employees.append(
            Employee(
                nip=f"{198001012005011000 + i:018d}",
                nik=f"{1504010101800000 + i:016d}",
                name=f"Pegawai {i}",
                sex="1",
                birth_date=dt.date(1980, 1, 1),
                birth_place="Jambi",
                status=status,
                tmt_cpns=dt.date(2005, 1, 1),
                tmt_pns=None if status == "PPPK" else dt.date(2006, 1, 1),
                rank=rank,
                rank_tmt=dt.date(2006, 1, 1),
                mkg_years=rng.randint(3, min(rank.max_mkg, 32)),
                position=rng.choice(positions),
                position_tmt=dt.date(2006, 1, 1),
                unit=rng.choice(units),
                education_level="S1",
                marital_status="married" if married else "single",
                ptkp_status=rng.choice(["K/0", "K/1", "K/2", "K/3"] if married else ["TK/0"]),
                bank_name="Bank Jambi",
                bank_account=f"{1000000000 + i}",
            )
        )
    employees = Employee.objects.bulk_create(employees, batch_size=5000)
    family, attendance = [], []
    for e in employees:
        if e.marital_status == "married":
            family.append(
                FamilyMember(
                    employee=e,
                    relation="spouse",
                    name="Pasangan",
                    sex="2",
                    birth_date=dt.date(1982, 1, 1),
                )
            )
            for c in range(rng.randint(0, 3)):
                family.append(
                    FamilyMember(
                        employee=e,
                        relation="child",
                        name=f"Anak {c}",
                        sex="1",
                        birth_date=dt.date(2008 + c * 3, 1, 1),
                    )
                )
        if rng.random() < 0.33:
            for day in rng.sample(range(2, 27), 3):
                attendance.append(
                    AttendanceRecord(
                        employee=e,
                        date=dt.date(2026, 2, day),
                        minutes_late=rng.randint(1, 120),
                        missed_assembly=rng.random() < 0.2,
                    )
                )
    FamilyMember.objects.bulk_create(family, batch_size=10000)
    AttendanceRecord.objects.bulk_create(attendance, batch_size=10000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    fresh_database()
    setup_django()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from payroll import services
    from payroll.models import Payslip, PayslipLine

    started = time.perf_counter()
    populate(args.employees)
    print(f"setup: {args.employees} employees in {time.perf_counter() - started:.1f} s")

    run = services.run_create(year=2026, month=2)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        run = services.run_compute(run=run)
        compute_seconds = time.perf_counter() - started
    print(f"phases before commit (s): {run.timings}")
    payslips = Payslip.objects.filter(run=run).count()
    lines = PayslipLine.objects.filter(run=run).count()
    print(
        f"compute + save: {payslips} payslips, {lines} lines, {len(captured)} SQL queries, "
        f"{compute_seconds:.2f} s ({compute_seconds / payslips * 1000:.3f} ms per payslip)"
    )

    # Insert-only floor: the same rows written again into another draft run.
    floor_run = services.run_create(year=2026, month=3)
    columns = services.PAYSLIP_COLUMNS[2:]
    rows = list(Payslip.objects.filter(run=run).order_by("id").values_list("id", *columns))
    line_rows = list(
        PayslipLine.objects.filter(run=run)
        .order_by("payslip_id", "position")
        .values_list("payslip_id", *services.LINE_COLUMNS[2:])
    )
    heads = [(floor_run.pk, *row[1:-1], json.dumps(row[-1])) for row in rows]
    started = time.perf_counter()
    with transaction.atomic():
        ids = services._save_payslips(heads)
        id_map = {row[0]: pk for row, pk in zip(rows, ids, strict=True)}
        services._copy_lines([(floor_run.pk, id_map[row[0]], *row[1:]) for row in line_rows])
        before_commit = time.perf_counter() - started
    floor_seconds = time.perf_counter() - started
    print(
        f"insert only (floor): {floor_seconds:.2f} s "
        f"({floor_seconds - before_commit:.2f} s of it at commit: deferred foreign-key checks)"
    )
    connection.close()
    if not args.keep:
        drop_database()


if __name__ == "__main__":
    main()
