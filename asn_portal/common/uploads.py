"""Uploaded documents: the type is decided by the file's content, never by its name.

Every module that accepts personal documents (applicants' files, evidence, attachments) checks
them here: PDF, JPEG or PNG by their signatures, and a size limit.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
SIGNATURES = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
DOCUMENT_TYPES = frozenset({PDF, JPEG, PNG})
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def sniff_content_type(head: bytes) -> str | None:
    """The type the bytes really are (PDF, JPEG or PNG), or None."""
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def document_check(
    upload, *, allowed: frozenset[str] = DOCUMENT_TYPES, max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """Refuse a file that is too large or is not really one of the allowed types.

    Returns the real content type; the file is left at its start.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB.") % {"mb": f"{max_bytes / 2**20:g}"},
            code="too_large",
        )
    upload.seek(0)
    content_type = sniff_content_type(upload.read(16))
    upload.seek(0)
    if content_type not in allowed:
        names = ", ".join(sorted(EXTENSIONS[t].upper() for t in allowed))
        raise ValidationError(
            _("The file is not a real %(types)s document.") % {"types": names}, code="type"
        )
    return content_type
