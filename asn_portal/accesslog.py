"""Gunicorn's access log without the client address of public complaint submissions.

A citizen may report anonymously: the report keeps no identity, and neither may the web server's
log. For paths under /pengaduan/ every atom that could carry the client's address (REMOTE_ADDR,
X-Forwarded-For, X-Real-IP, Forwarded, in headers or the WSGI environ) is logged as "-". The
submission rate limit still uses the address, in memory only (complaints/ratelimit.py).
Used through gunicorn.conf.py (`logger_class`).
"""

from __future__ import annotations

from gunicorn.glogging import Logger

PRIVATE_PREFIXES = ("/pengaduan/",)
ADDRESS_HEADERS = (
    "x-forwarded-for",
    "x-real-ip",
    "forwarded",
    "true-client-ip",
    "cf-connecting-ip",
)
ADDRESS_ATOMS = (
    "h",
    *(f"{{{name}}}i" for name in ADDRESS_HEADERS),
    "{remote_addr}e",
    "{remote_port}e",
    *(f"{{http_{name.replace('-', '_')}}}e" for name in ADDRESS_HEADERS),
)


def is_private_path(path: str) -> bool:
    return path == "/pengaduan" or path.startswith(PRIVATE_PREFIXES)


class PrivateComplaintsLogger(Logger):
    """Gunicorn's logger; on complaint paths the client address never reaches the log."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if is_private_path(environ.get("PATH_INFO") or ""):
            for key in ADDRESS_ATOMS:
                if key in atoms:
                    atoms[key] = "-"
        return atoms
