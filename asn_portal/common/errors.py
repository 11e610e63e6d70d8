"""Error pages in the agency's layout and in Bahasa Indonesia (handler400/403/404/500, 429)."""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# The last resort when even the template engine fails: plain HTML, no database, no request.
FALLBACK_500 = (
    '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Kesalahan server</title>'
    "</head><body><h1>Terjadi kesalahan pada server</h1><p>Silakan coba lagi beberapa saat lagi."
    '</p><p><a href="/">Kembali ke beranda</a></p></body></html>'
)


def _agency() -> dict:
    return {
        "AGENCY_NAME": settings.AGENCY_NAME,
        "AGENCY_REGION": settings.AGENCY_REGION,
        "AGENCY_ADDRESS": settings.AGENCY_ADDRESS,
        "AGENCY_LOGO": settings.AGENCY_LOGO,
    }


def _render(request, template: str, status: int, context: dict | None = None) -> HttpResponse:
    """The page with the request's context; without it (no database, say) when that fails."""
    try:
        return render(request, template, context or {}, status=status)
    except Exception:
        logger.exception("Rendering %s with the request context failed", template)
        body = render_to_string(template, {**_agency(), **(context or {})})
        return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return _render(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _render(request, "403.html", 403)


def csrf_failure(request, reason=""):
    """A refused form (expired page, cookies off): the 403 page with a hint to reload."""
    return _render(request, "403.html", 403, {"csrf_failure": True})


def page_not_found(request, exception=None):
    return _render(request, "404.html", 404)


def too_many_requests(request, message: str = "") -> HttpResponse:
    """The 429 page; rate limits pass their own explanation."""
    return _render(request, "429.html", 429, {"message": message})


def server_error(request):
    """Rendered without the request or the database: either may be what failed."""
    try:
        body = render_to_string("500.html", _agency())
    except Exception:
        logger.exception("Rendering 500.html failed")
        body = FALLBACK_500
    return HttpResponse(body, status=500)
