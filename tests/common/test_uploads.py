"""Uploaded documents are checked by content and size, whatever their name says."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from asn_portal.common.uploads import JPEG, PDF, PNG, document_check, sniff_content_type

PDF_BYTES = b"%PDF-1.7\n%bukti\n"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(
    ("head", "expected"),
    [(PDF_BYTES, PDF), (JPEG_BYTES, JPEG), (PNG_BYTES, PNG), (b"MZ\x90\x00", None), (b"", None)],
)
def test_the_type_comes_from_the_bytes(head, expected):
    assert sniff_content_type(head) == expected


def test_a_real_pdf_passes_and_is_left_at_its_start():
    upload = SimpleUploadedFile("bukti.pdf", PDF_BYTES)
    assert document_check(upload) == PDF
    assert upload.read(5) == b"%PDF-"


def test_an_executable_named_pdf_is_refused():
    upload = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError) as exc:
        document_check(upload)
    assert exc.value.code == "type"


def test_a_pdf_where_only_images_are_allowed_is_refused():
    upload = SimpleUploadedFile("foto.jpg", PDF_BYTES)
    with pytest.raises(ValidationError):
        document_check(upload, allowed=frozenset({JPEG, PNG}))


def test_the_size_limit_is_inclusive():
    exactly = SimpleUploadedFile("a.pdf", PDF_BYTES + b"x" * (1024 - len(PDF_BYTES)))
    assert document_check(exactly, max_bytes=1024) == PDF
    one_more = SimpleUploadedFile("b.pdf", PDF_BYTES + b"x" * (1025 - len(PDF_BYTES)))
    with pytest.raises(ValidationError) as exc:
        document_check(one_more, max_bytes=1024)
    assert exc.value.code == "too_large"
