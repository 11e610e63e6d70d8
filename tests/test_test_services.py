"""scripts/test_services.py: what `make test` runs around pytest."""

import importlib.util
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("test_services", ROOT / "scripts/test_services.py")
test_services = importlib.util.module_from_spec(spec)
spec.loader.exec_module(test_services)


def test_a_closed_port_is_not_reachable():
    assert not test_services.reachable("postgres://postgres@127.0.0.1:1/asn_portal", 5432)


def test_a_listening_port_is_reachable():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert test_services.reachable(f"redis://127.0.0.1:{port}/15", 6379)


def test_the_embedded_server_keeps_the_database_name_and_user():
    url = test_services.with_address("postgres://bob@10.0.0.9:5432/asn_portal", 41234, "postgres")

    assert url == "postgres://postgres@127.0.0.1:41234/asn_portal"


def test_the_embedded_redis_keeps_the_database_number():
    assert test_services.with_address("redis://10.0.0.9:6379/15", 40000) == (
        "redis://127.0.0.1:40000/15"
    )


def test_a_run_that_collects_no_tests_fails_with_a_message():
    result = subprocess.run(
        [
            sys.executable,
            "scripts/test_services.py",
            "-p",
            "no:cacheprovider",
            "--no-migrations",
            "tests/test_test_services.py",
            "-k",
            "no_test_has_this_name",
        ],
        cwd=ROOT,
        env={**os.environ, "TEST_DATABASE_URL": os.environ.get("DATABASE_URL", "")},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 5
    assert "pytest ran no tests" in result.stderr
