"""The one upload policy of every module: what a file may be, decided by its content.

Each purpose has an allow-list of types and one size limit. A PDF must parse as a PDF (pypdf), an
image must decode completely (Pillow) and is stored re-encoded, which drops EXIF, GPS and any
bytes that are not the picture. The name the uploader gave and the browser's claim are never
trusted. Files kept for data imports (CSV, XLSX) are checked too but never served.
"""

from __future__ import annotations

import io
import uuid
import warnings
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SIGNATURES = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", CSV: "csv", XLSX: "xlsx"}
DOCUMENT_TYPES = frozenset({PDF, JPEG, PNG})
# Types whose content was parsed and (for images) re-encoded here: the only ones ever served inline.
VALIDATED_TYPES = frozenset({PDF, JPEG, PNG})
KB = 1024
MB = 1024 * KB
# An image larger than this is refused before it is decoded (a decompression bomb: a small PNG
# that would take gigabytes once decoded). 40 million pixels is a 7,700 x 5,200 photo.
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class UploadPolicy:
    """What one kind of upload may be: its types, size limit and how it is cleaned."""

    key: str
    label: str | Promise
    types: frozenset[str]
    max_bytes: int
    max_pixels: int = MAX_IMAGE_PIXELS
    # Rewrite a PDF without its document information (/Info) and XMP metadata.
    strip_pdf_metadata: bool = False

    @property
    def accept(self) -> str:
        """The value of an <input type=file accept=…> for this purpose."""
        return ",".join(sorted(self.types))

    @property
    def type_names(self) -> str:
        return ", ".join(sorted(EXTENSIONS[t].upper() for t in self.types))


# The purposes, each defined once; README.md "Uploads" lists them.
EVIDENCE = UploadPolicy("evidence", gettext_lazy("evidence"), DOCUMENT_TYPES, 5 * MB)
CASE_EVIDENCE = UploadPolicy(
    "case_evidence", gettext_lazy("disciplinary case evidence"), DOCUMENT_TYPES, 10 * MB
)
COMPLAINT_ATTACHMENT = UploadPolicy(
    "complaint_attachment",
    gettext_lazy("complaint attachment"),
    DOCUMENT_TYPES,
    5 * MB,
    strip_pdf_metadata=True,
)
IDENTITY_CARD = UploadPolicy("identity_card", gettext_lazy("identity card"), DOCUMENT_TYPES, MB)
ACADEMIC_RECORD = UploadPolicy(
    "academic_record", gettext_lazy("diploma or transcript"), frozenset({PDF}), 2 * MB
)
LETTER = UploadPolicy("letter", gettext_lazy("signed letter"), frozenset({PDF}), MB)
PHOTO = UploadPolicy("photo", gettext_lazy("photo"), frozenset({JPEG, PNG}), 512 * KB)
DATA_IMPORT = UploadPolicy(
    "data_import", gettext_lazy("data import"), frozenset({CSV, XLSX}), 10 * MB
)
POLICIES = (
    EVIDENCE,
    CASE_EVIDENCE,
    COMPLAINT_ATTACHMENT,
    IDENTITY_CARD,
    ACADEMIC_RECORD,
    LETTER,
    PHOTO,
    DATA_IMPORT,
)


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed its policy: the bytes to store and the type they really are."""

    content: bytes
    content_type: str
    original_name: str = ""

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]

    def as_file(self, stem: str = "") -> ContentFile:
        """The content under a name of our making: a random (or given) stem, the real extension."""
        return ContentFile(self.content, name=f"{stem or uuid.uuid4().hex}.{self.extension}")


def format_size(n: int) -> str:
    return f"{n / MB:g} MB" if n >= MB else f"{n / KB:g} KB"


def sniff_content_type(head: bytes) -> str | None:
    """The type the first bytes claim (PDF, JPEG or PNG), or None; only a first guess."""
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def upload_check(upload, *, policy: UploadPolicy) -> CheckedFile:
    """Refuse a file that is too large or is not really one of the policy's types.

    Returns what to store: a validated PDF (rewritten without metadata where the policy says
    so) or a re-encoded image. A CheckedFile passes through unchanged.
    """
    if isinstance(upload, CheckedFile):
        return upload
    name = str(getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:200]
    display = name or _("The file")
    if upload.size > policy.max_bytes:
        raise ValidationError(
            _("%(name)s is too large: at most %(size)s.")
            % {"name": display, "size": format_size(policy.max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    content_type = _claimed_type(data, policy)
    if content_type not in policy.types:
        raise ValidationError(
            _("%(name)s is not a real %(types)s file.")
            % {"name": display, "types": policy.type_names},
            code="type",
        )
    if content_type == PDF:
        content = _checked_pdf(data, display, strip=policy.strip_pdf_metadata)
    elif content_type in (JPEG, PNG):
        content = _reencoded_image(data, content_type, display, policy.max_pixels)
    else:
        content = _checked_table(data, content_type, display)
    return CheckedFile(content, content_type, name)


def _claimed_type(data: bytes, policy: UploadPolicy) -> str | None:
    sniffed = sniff_content_type(data[:16])
    if sniffed or not policy.types & {CSV, XLSX}:
        return sniffed
    if data.startswith(b"PK\x03\x04"):
        return XLSX
    return CSV


def _type_error(display: str, kind: str) -> ValidationError:
    return ValidationError(
        _("%(name)s is not a real %(types)s file.") % {"name": display, "types": kind}, code="type"
    )


def _checked_pdf(data: bytes, display: str, *, strip: bool) -> bytes:
    from pypdf import PdfReader, PdfWriter

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ValidationError(
                    _("%(name)s is protected by a password; upload it without one.")
                    % {"name": display},
                    code="encrypted",
                )
            if len(reader.pages) < 1:
                raise _type_error(display, "PDF")
            if not strip:
                return data
            writer = PdfWriter(clone_from=reader)
            writer.metadata = None
            for node in (writer.root_object, *writer.pages):
                if "/Metadata" in node:
                    del node["/Metadata"]
            writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
            out = io.BytesIO()
            writer.write(out)
            return out.getvalue()
    except ValidationError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on a broken file
        raise _type_error(display, "PDF") from exc


def _reencoded_image(data: bytes, content_type: str, display: str, max_pixels: int) -> bytes:
    fmt = "JPEG" if content_type == JPEG else "PNG"
    too_big = ValidationError(
        _("%(name)s is too large an image: at most %(mp)s megapixels.")
        % {"name": display, "mp": f"{max_pixels / 1_000_000:g}"},
        code="too_many_pixels",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[fmt]) as image:
                if image.width * image.height > max_pixels:
                    raise too_big
                image.load()
                image = ImageOps.exif_transpose(image)
                image.info.clear()
                out = io.BytesIO()
                if fmt == "JPEG":
                    image.convert("RGB").save(out, format="JPEG", quality=90)
                else:
                    if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                        image = image.convert("RGBA")
                    image.save(out, format="PNG")
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_big from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _type_error(display, fmt) from exc
    return out.getvalue()


def _checked_table(data: bytes, content_type: str, display: str) -> bytes:
    if content_type == XLSX:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "xl/workbook.xml" not in archive.namelist():
                    raise _type_error(display, "XLSX")
        except zipfile.BadZipFile as exc:
            raise _type_error(display, "XLSX") from exc
    elif b"\x00" in data[:65536]:
        raise _type_error(display, "CSV")
    return data
