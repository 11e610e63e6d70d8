"""Production defaults: secure settings, a broker or an explicit opt-in, no secret in compose,
and an access log that keeps no client address for complaint submissions."""

import datetime as dt
import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from asn_portal.accesslog import PrivateComplaintsLogger

ROOT = Path(__file__).resolve().parents[2]
CITIZEN = "203.0.113.77"
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3Q9-tests-only-" + "aZ7xW2pL5mN8qR4vT6yB1cD0eF" * 2,
    "ALLOWED_HOSTS": "bkd.example.go.id",
}


def run_python(*args: str, **env: str) -> subprocess.CompletedProcess:
    """A fresh interpreter with only the given environment (no .env file, no pytest)."""
    base = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "HOME": str(ROOT)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def setting(name: str, **env: str) -> str:
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    result = run_python("-c", code, DJANGO_SETTINGS_MODULE="asn_portal.settings", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_check_deploy_with_only_debug_key_and_hosts_reports_no_issue():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_debug_off_turns_the_ssl_redirect_on_by_default():
    assert setting("SECURE_SSL_REDIRECT", **PRODUCTION) == "True"
    assert setting("SESSION_COOKIE_SECURE", **PRODUCTION) == "True"


def test_secure_0_is_the_explicit_opt_out_for_plain_http():
    assert setting("SECURE_SSL_REDIRECT", **PRODUCTION, SECURE="0") == "False"
    assert setting("SESSION_COOKIE_SECURE", **PRODUCTION, SECURE="0") == "False"


def test_the_test_suite_runs_without_the_ssl_redirect(settings):
    assert not settings.SECURE_SSL_REDIRECT


def test_the_web_server_refuses_to_start_without_a_broker_when_debug_is_off():
    result = run_python("-c", "import asn_portal.wsgi", **PRODUCTION)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "CELERY_BROKER_URL" in result.stderr


def test_the_asgi_server_refuses_too():
    result = run_python("-c", "import asn_portal.asgi", **PRODUCTION)

    assert "ImproperlyConfigured" in result.stderr


@pytest.mark.parametrize(
    "extra",
    [
        {"CELERY_BROKER_URL": "redis://127.0.0.1:1/0"},
        {"CELERY_ALLOW_EAGER": "1"},
        {"DEBUG": "1"},
    ],
    ids=["a broker", "eager mode allowed explicitly", "debug"],
)
def test_the_web_server_starts_with(extra):
    result = run_python("-c", "import asn_portal.wsgi", **{**PRODUCTION, **extra})

    assert result.returncode == 0, result.stderr


def test_docker_compose_has_no_well_known_secret_key():
    compose = (ROOT / "docker-compose.yml").read_text()

    assert "SECRET_KEY: ${SECRET_KEY:?" in compose
    assert "SECRET_KEY:-" not in compose


def test_the_containers_run_gunicorn_with_the_private_access_log():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    assert config["logger_class"] == "asn_portal.accesslog.PrivateComplaintsLogger"
    assert "-c gunicorn.conf.py" in (ROOT / "docker-compose.yml").read_text()
    assert '"-c", "gunicorn.conf.py"' in (ROOT / "Dockerfile").read_text()


def access_line(tmp_path, path: str) -> str:
    """What the access log writes for one request from CITIZEN (behind a proxy) to `path`."""
    log_file = tmp_path / "access.log"
    config = Config()
    config.set("accesslog", str(log_file))
    config.set(
        "access_log_format",
        '%(h)s %({x-forwarded-for}i)s %({x-real-ip}i)s %({remote_addr}e)s "%(r)s" %(s)s',
    )
    logger = PrivateComplaintsLogger(config)
    response = SimpleNamespace(status="201 Created", sent=512, headers=[])
    request = SimpleNamespace(
        headers=[("X-FORWARDED-FOR", CITIZEN), ("X-REAL-IP", CITIZEN), ("HOST", "bkd.example")]
    )
    environ = {
        "REMOTE_ADDR": CITIZEN,
        "REQUEST_METHOD": "POST",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    logger.access(response, request, environ, dt.timedelta(milliseconds=40))
    for handler in logger.access_log.handlers:
        handler.flush()
    return log_file.read_text()


def test_a_complaint_submission_is_logged_without_the_client_address(tmp_path):
    line = access_line(tmp_path, "/pengaduan/")

    assert "POST /pengaduan/ HTTP/1.1" in line
    assert CITIZEN not in line


def test_complaint_tracking_is_logged_without_the_client_address_either(tmp_path):
    assert CITIZEN not in access_line(tmp_path, "/pengaduan/lacak/")


def test_other_pages_keep_the_client_address_in_the_access_log(tmp_path):
    line = access_line(tmp_path, "/rekrutmen/")

    assert line.startswith(CITIZEN)
