"""Benchmark: concurrent public complaint submissions against gunicorn on Postgres.

    .venv/bin/python bench/bench_complaints.py [--submissions 200] [--workers 3] [--threads 8]

Drops and recreates the database `asn_complaints_bench` (BENCH_POSTGRES_URL names the server,
default postgres://postgres@127.0.0.1:5432) and migrates it, starts gunicorn (production
settings: DEBUG off, Argon2 PIN hashing) on 127.0.0.1:8765, then gives each of N simulated
citizens their own session: each opens the form (CSRF cookie, form stamp, submission token),
and after the form's minimum filling time all N send their report at once. It reports how many
were stored, whether every tracking code is unique, the throughput and the latency percentiles,
then drops the database unless `--keep` is given.
The per-address submission limit is raised for the run (all clients share 127.0.0.1).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "asn_complaints_bench"
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
HOST = "127.0.0.1:8765"
FIELD_RE = {
    name: re.compile(rf'name="{name}" value="([^"]+)"')
    for name in ("csrfmiddlewaretoken", "issued", "submission_token")
}
CATEGORY_RE = re.compile(r'<option value="(\d+)"')


def fresh_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))


def server_env() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{BENCH_DB}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "CELERY_BROKER_URL": "",
        "CELERY_ALLOW_EAGER": "1",  # no broker on purpose: receipts are sent in-process
        "SECURE": "0",  # plain HTTP on 127.0.0.1
        "REDIS_URL": "",
        "COMPLAINTS_SUBMIT_LIMIT": "1000000",
        "PRIVATE_MEDIA_ROOT": "/tmp/asn_complaints_bench_media",
        "LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",
    }


class Citizen:
    """One browser: its own cookies, the form it was given, and its submission's timing."""

    def __init__(self, index: int):
        self.index = index
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.fields: dict = {}
        self.latency = 0.0
        self.status = 0

    def open_form(self) -> None:
        html = self.opener.open(f"http://{HOST}/pengaduan/", timeout=60).read().decode()
        self.fields = {name: rx.search(html).group(1) for name, rx in FIELD_RE.items()}
        self.fields["category"] = CATEGORY_RE.search(html).group(1)

    def submit(self) -> None:
        data = urllib.parse.urlencode(
            {
                **self.fields,
                "classification": "complaint",
                "reported_unit": "",
                "subject": f"Laporan uji beban nomor {self.index}",
                "description": "Antrean pelayanan terlalu lama dan petugas tidak ramah.",
                "privacy": ["public", "confidential", "anonymous"][self.index % 3],
                "reporter_name": f"Warga {self.index}",
                "reporter_email": f"warga{self.index}@example.com",
                "consent": "on",
                "website": "",
            }
        ).encode()
        request = urllib.request.Request(
            f"http://{HOST}/pengaduan/", data=data, headers={"Referer": f"http://{HOST}/"}
        )
        start = time.perf_counter()
        try:
            self.status = self.opener.open(request, timeout=120).status
        except urllib.error.HTTPError as exc:
            self.status = exc.code
        self.latency = time.perf_counter() - start


def wait_for_server(proc) -> None:
    for _attempt in range(100):
        if proc.poll() is not None:
            sys.exit("gunicorn exited")
        try:
            urllib.request.urlopen(f"http://{HOST}/healthz/", timeout=10)
            return
        except OSError:  # refused, reset or timed out while the workers boot
            time.sleep(0.5)
    sys.exit("gunicorn did not start")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    fresh_database()
    env = server_env()
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    proc = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "asn_portal.wsgi",
            "--bind",
            HOST,
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_server(proc)
        citizens = [Citizen(i) for i in range(args.submissions)]
        with ThreadPoolExecutor(max_workers=32) as pool:
            list(pool.map(Citizen.open_form, citizens))
        time.sleep(3.2)  # the form's minimum filling time
        barrier = threading.Barrier(len(citizens))

        def go(citizen: Citizen) -> None:
            barrier.wait()
            citizen.submit()

        threads = [threading.Thread(target=go, args=(c,)) for c in citizens]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)

    with psycopg.connect(f"{SERVER}/{BENCH_DB}") as conn:
        stored, unique = conn.execute(
            "SELECT count(*), count(DISTINCT tracking_code) FROM complaints_complaint"
        ).fetchone()
    latencies = [c.latency for c in citizens]
    statuses: dict[int, int] = {}
    for c in citizens:
        statuses[c.status] = statuses.get(c.status, 0) + 1
    setup = f"gunicorn {args.workers} workers x {args.threads} threads"
    print(f"submissions sent      {len(citizens)} (all at once; {setup})")
    print(f"HTTP statuses         {dict(sorted(statuses.items()))}")
    print(f"stored in Postgres    {stored}")
    print(f"unique tracking codes {unique}")
    print(f"wall time             {elapsed:.2f} s")
    print(f"throughput            {len(citizens) / elapsed:.1f} submissions/s")
    print(
        f"latency               median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms"
    )
    if not args.keep:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
            )
    if stored != len(citizens) or unique != stored:
        sys.exit("FAILED: not every submission was stored with a unique code")


if __name__ == "__main__":
    main()
