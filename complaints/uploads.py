"""Checking and cleaning the reporter's attachments.

The type is decided by the file's content, never by its name or the browser's claim: JPEG and
PNG images are decoded and re-encoded by Pillow (which drops EXIF, GPS and other metadata), and a
PDF must start with the PDF signature and end with its end-of-file marker.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from asn_portal.common.uploads import sniff_content_type

from . import conf

MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str


def _clean_image(data: bytes, content_type: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("The image is too large."))
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if content_type == "image/jpeg":
                image.convert("RGB").save(out, format="JPEG", quality=90)
            else:
                if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                    image = image.convert("RGBA")
                image.save(out, format="PNG")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The image could not be read.")) from exc
    return out.getvalue()


def attachment_clean(upload) -> CleanFile:
    """Return the file's cleaned content and its real type, or raise a ValidationError."""
    limit = conf.get("MAX_ATTACHMENT_BYTES")
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is larger than %(mb)s MB.")
            % {"name": upload.name, "mb": limit // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read()
    content_type = sniff_content_type(data[:16]) or ""
    if not content_type:
        raise ValidationError(
            _("%(name)s is not a JPEG or PNG image or a PDF document.") % {"name": upload.name}
        )
    if content_type == "application/pdf":
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(
                _("%(name)s is not a complete PDF document.") % {"name": upload.name}
            )
        return CleanFile(data, content_type)
    return CleanFile(_clean_image(data, content_type), content_type)
