"""Serving and showing private files: one response for every module's download views.

Who may download is decided by each module's own checks before it calls `private_file_response`.
The response's type comes from the type stored when the file was checked (see uploads.py),
never from the file's name; anything else is an opaque download.
"""

from __future__ import annotations

from django.contrib.admin.widgets import AdminFileWidget
from django.http import FileResponse, Http404
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .uploads import EXTENSIONS, VALIDATED_TYPES

OPAQUE = "application/octet-stream"


def private_file_response(
    field_file, *, content_type: str, filename: str = "", inline: bool = False
) -> FileResponse:
    """The file as a download that no browser will run: nosniff, sandboxed, never cached.

    `inline` is honoured only for validated PDFs and re-encoded images; any other stored type
    (including files kept before the upload policy) is served as application/octet-stream.
    """
    if not field_file:
        raise Http404
    validated = content_type in VALIDATED_TYPES
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    stem = (filename or "berkas").rsplit(".", 1)[0] if validated else (filename or "berkas")
    response = FileResponse(
        handle,
        content_type=content_type if validated else OPAQUE,
        as_attachment=not (inline and validated),
        filename=f"{stem}.{EXTENSIONS[content_type]}" if validated else stem,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def file_display_name(field_file, *, stem: str = "", content_type: str = "") -> str:
    """What the admin shows instead of the storage path: `stem` with the real extension, or the
    last part of the stored name."""
    if stem and content_type in VALIDATED_TYPES:
        return f"{stem}.{EXTENSIONS[content_type]}"
    return str(field_file.name or "").rsplit("/", 1)[-1]


def file_link(url: str, name: str):
    """An admin cell: the file's name linking to its authorised download view."""
    if not url:
        return "—"
    return format_html('<a href="{}">{}</a>', url, name or _("Download"))


class PrivateFileWidget(AdminFileWidget):
    """An admin file input that never asks private storage for a URL nor shows the path.

    The current file is linked through the model's `get_download_url()` (an authorised view).
    """

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None) and hasattr(value, "instance"))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value):
            instance = getattr(value, "instance", None)
            url = instance.get_download_url() if hasattr(instance, "get_download_url") else ""
            context["widget"]["value"] = _LinkedName(url, file_display_name(value))
        return context


class _LinkedName(str):
    """What the clearable-file template reads: `value.url` and the value as text."""

    def __new__(cls, url: str, name: str):
        obj = super().__new__(cls, name)
        obj.url = url
        return obj
