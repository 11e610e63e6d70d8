import signal

import psycopg
import pytest
import redis
from django.db import connection

from asn_portal.celery import app
from tests.celery_support import forget_broker_connections

TEST_TIMEOUT = 150  # seconds: a worker that hangs fails the test instead of the run
CONF_KEYS = ("broker_url", "result_backend", "task_always_eager", "worker_hijack_root_logger")


@pytest.fixture
def hang_guard():
    def _timeout(signum, frame):
        raise TimeoutError(f"Worker recovery test took longer than {TEST_TIMEOUT} s")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(TEST_TIMEOUT)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def broker(redis_url, hang_guard):
    """This process publishes to Redis (not eagerly), as the web does in production."""
    redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    saved = {key: app.conf[key] for key in CONF_KEYS}
    app.conf.update(
        broker_url=redis_url,
        result_backend=None,
        task_always_eager=False,
        worker_hijack_root_logger=False,
    )
    forget_broker_connections()
    app.control.purge()
    yield redis_url
    app.control.purge()
    app.conf.update(saved)
    forget_broker_connections()


@pytest.fixture
def table_lock():
    """Hold a lock on a table from another connection, so a worker stops mid-job, inside its
    transaction, exactly where we want to kill it."""
    s = connection.settings_dict
    held = []

    def lock(table: str):
        conn = psycopg.connect(
            host=s.get("HOST") or "127.0.0.1",
            port=s.get("PORT") or 5432,
            user=s.get("USER") or "postgres",
            password=s.get("PASSWORD") or None,
            dbname=s["NAME"],
        )
        conn.execute(f"LOCK TABLE {table} IN SHARE MODE")  # inside the implicit transaction
        held.append(conn)
        return conn

    yield lock
    for conn in held:
        conn.rollback()
        conn.close()
