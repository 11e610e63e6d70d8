"""PDF documents rendered from HTML templates under the agency's letterhead (WeasyPrint).

Templates extend `pdf/letterhead.html`; payslips, decrees, certificates and announcements
use this one function.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone


def _logo_uri() -> str:
    found = finders.find(settings.AGENCY_LOGO)
    return Path(found).resolve().as_uri() if found else ""


def render_pdf(template_name: str, context: dict | None = None) -> bytes:
    """Render a template to PDF bytes, with the letterhead context filled in."""
    from weasyprint import HTML  # imported here: it loads Pango, which only PDFs need

    ctx = {
        "AGENCY_NAME": settings.AGENCY_NAME,
        "AGENCY_REGION": settings.AGENCY_REGION,
        "AGENCY_ADDRESS": settings.AGENCY_ADDRESS,
        "logo_uri": _logo_uri(),
        "printed_at": timezone.localtime(),
        **(context or {}),
    }
    html = render_to_string(template_name, ctx)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
