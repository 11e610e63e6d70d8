"""Shared helpers of the complaints tests: submitting a report and frozen Jakarta clocks."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from PIL import Image

from complaints import services
from complaints.models import Classification, Privacy
from tests.files import pdf_bytes

from .factories import CategoryFactory

JAKARTA = ZoneInfo("Asia/Jakarta")


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=JAKARTA)


def submit(**overrides) -> services.Submitted:
    data = {
        "classification": Classification.COMPLAINT,
        "category": CategoryFactory(),
        "subject": "Pungutan liar di kantor kecamatan",
        "description": "Petugas meminta uang tambahan untuk pembuatan KTP elektronik.",
        "privacy": Privacy.PUBLIC,
        "consent": True,
        "reporter_name": "Andi Wijaya",
        "reporter_email": "andi@example.com",
        "reporter_phone": "081234567890",
    }
    data.update(overrides)
    return services.complaint_submit(**data)


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (20, 10), "red")
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x8825] = {2: (6.0, 10.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, format="PNG")
    return out.getvalue()


PDF_BYTES = pdf_bytes()
