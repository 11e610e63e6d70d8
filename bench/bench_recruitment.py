"""Benchmark: rank and publish a selection of 100,000 applicants over 500 formasi.

    .venv/bin/python bench/bench_recruitment.py [--applicants 100000] [--formasi 500] [--keep]

Drops and recreates the database `asn_recruitment_bench` (BENCH_POSTGRES_URL names the server,
default postgres://postgres@127.0.0.1:5432) and migrates it. Bulk-inserts the applicants as
verified (MS) applications, then times, through the real services: the administrative
publication, the SKD import from a 100,000-row CSV, the SKD ranking (passing grades, 3 x quota
to SKB), the SKD publication, the SKB import, the final ranking and the final publication.
Each publication's fingerprint is checked against its payload.
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
from decimal import Decimal
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "asn_recruitment_bench"
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def _admin(statement: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(BENCH_DB)))


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "asn_portal.settings"
    os.environ["DATABASE_URL"] = f"{SERVER}/{BENCH_DB}"
    os.environ["DEBUG"] = "0"
    os.environ["SECURE"] = "0"  # plain-HTTP test client: no SSL redirect
    os.environ["SECRET_KEY"] = "bench-only-secret-key-not-for-production-0123456789abcdef"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


class Timer:
    def __init__(self):
        self.rows: list[tuple[str, float, str]] = []

    def run(self, label: str, func, note=lambda result: ""):
        started = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - started
        self.rows.append((label, elapsed, note(result)))
        print(f"{label:<34} {elapsed:8.2f} s  {note(result)}", flush=True)
        return result


def populate(applicants: int, formasi_count: int, rng: random.Random):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from asn_portal.personnel.models import OrgUnit
    from recruitment import services
    from recruitment.models import Applicant, Application, Formasi, Selection

    unit = OrgUnit.objects.add_root(create_kwargs={"code": "BENCH", "name": "Dinas Uji Beban"})
    quotas = [rng.choice([1, 1, 2, 3]) for _ in range(formasi_count)]
    selection = services.selection_create(
        name="Seleksi CPNS Uji Beban",
        slug="uji-beban",
        kind="CPNS",
        approved_quota=sum(quotas),
        age_reference_date=dt.date(2026, 3, 20),
        # Stages already held, so their results may be published now.
        timeline={
            stage: (timezone.localdate() - dt.timedelta(days=days), timezone.localdate())
            for stage, days in (("administrative", 30), ("skd", 20), ("final", 10))
        },
    )
    Formasi.objects.bulk_create(
        Formasi(
            selection=selection,
            code=f"F{i:04d}",
            position_name="Analis",
            unit=unit,
            education_level="S1",
            quota=quota,
            category=["umum", "umum", "cumlaude", "disabilitas"][i % 4],
        )
        for i, quota in enumerate(quotas)
    )
    Selection.objects.filter(pk=selection.pk).update(
        status=Selection.Status.ANNOUNCED, rules_published_at=timezone.now()
    )
    formasi = list(Formasi.objects.filter(selection=selection).order_by("code"))
    User = get_user_model()
    User.objects.bulk_create(
        (User(username=f"99{i:014d}", password="!") for i in range(applicants)), batch_size=5000
    )
    users = dict(User.objects.filter(username__startswith="99").values_list("username", "pk"))
    Applicant.objects.bulk_create(
        (
            Applicant(
                user_id=users[f"99{i:014d}"],
                nik=f"99{i:014d}",
                name=f"Pelamar Uji {i}",
                sex="M",
                birth_date=dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(4000)),
                education_level="S1",
                major="Informatika",
                ipk=Decimal(rng.randint(250, 400)) / 100,
            )
            for i in range(applicants)
        ),
        batch_size=5000,
    )
    people = Applicant.objects.values_list("pk", "name", "birth_date", "ipk").order_by("pk")
    Application.objects.bulk_create(
        (
            Application(
                selection=selection,
                formasi=formasi[i % formasi_count],
                applicant_id=pk,
                registration_number=f"26{i + 1:010d}",
                status=Application.Status.ELIGIBLE,
                name=name,
                birth_date=born,
                grade=ipk,
            )
            for i, (pk, name, born, ipk) in enumerate(people.iterator(chunk_size=10000))
        ),
        batch_size=5000,
    )
    return selection


def pages(selection, requests: int = 5) -> None:
    """Public pages over the 100,000-row publications: queries, median and fastest ms."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    base = f"/rekrutmen/{selection.slug}/"
    urls = [
        ("selection page (all formasi)", base),
        ("SKD results, first page", f"{base}hasil/skd/v1/"),
        ("SKD results, page 500", f"{base}hasil/skd/v1/?page=500"),
        ("SKD results of one formasi", f"{base}hasil/skd/v1/?formasi=F0007"),
        ("SKD snapshot download", f"{base}hasil/skd/v1/snapshot.json"),
    ]
    print(f"{'page':<30} queries  median ms  min ms      KiB")
    for label, url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = len(captured)
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"{label:<30} {queries:7d} {statistics.median(timings):10.1f} {min(timings):7.1f}"
            f" {len(response.content) // 1024:8d}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=100_000)
    parser.add_argument("--formasi", type=int, default=500)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    _admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    _admin("CREATE DATABASE {}")
    setup_django()
    from django.core.management import call_command

    from asn_portal.accounts.models import User
    from recruitment import selectors, services
    from recruitment.models import Application, Publication

    call_command("migrate", verbosity=0, skip_checks=True)
    rng = random.Random(7)
    timer = Timer()
    officer = User.objects.create(username="bench-officer", is_staff=True, is_superuser=True)
    selection = timer.run(
        f"insert {args.applicants} applications",
        lambda: populate(args.applicants, args.formasi, rng),
    )

    def publish(kind):
        return services.publication_publish(
            selection=selection, kind=kind, by=officer, notify=False
        )

    rows = lambda p: f"{p.row_count} rows, sha256 {p.fingerprint[:16]}…"  # noqa: E731
    timer.run("publish administrative results", lambda: publish("administrative"), rows)
    numbers = Application.objects.filter(selection=selection).values_list(
        "registration_number", flat=True
    )
    skd_csv = "NO_PESERTA,TWK,TIU,TKP\n" + "".join(
        f"{n},{rng.randint(40, 150)},{rng.randint(50, 175)},{rng.randint(120, 225)}\n"
        for n in numbers.iterator(chunk_size=10000)
    )
    imported = lambda r: f"{r.imported} rows, {len(r.errors)} errors"  # noqa: E731
    timer.run(
        "import SKD (CSV)",
        lambda: services.scores_import(
            selection=selection, kind="skd", data=skd_csv.encode(), filename="skd.csv"
        ),
        imported,
    )
    timer.run("rank SKD", lambda: services.selection_rank_skd(selection=selection), str)
    timer.run("publish SKD results", lambda: publish("skd"), rows)
    skb_csv = "NO_PESERTA,SKB_CAT,WAWANCARA,LAINNYA\n" + "".join(
        f"{n},{rng.randint(40, 100)},{rng.randint(50, 100)},{rng.randint(50, 100)}\n"
        for n in numbers.filter(to_skb=True).iterator()
    )
    timer.run(
        "import SKB (CSV)",
        lambda: services.scores_import(
            selection=selection, kind="skb", data=skb_csv.encode(), filename="skb.csv"
        ),
        imported,
    )
    timer.run("rank final", lambda: services.selection_rank_final(selection=selection), str)
    timer.run("publish final results", lambda: publish("final"), rows)
    intact = all(
        selectors.publication_is_intact(p) for p in Publication.objects.filter(selection=selection)
    )
    total = sum(seconds for label, seconds, _note in timer.rows[1:])
    print(f"{'ranking and publishing, total':<34} {total:8.2f} s  fingerprints intact: {intact}")
    pages(selection)
    if not args.keep:
        from django.db import connections

        connections.close_all()
        _admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


if __name__ == "__main__":
    main()
