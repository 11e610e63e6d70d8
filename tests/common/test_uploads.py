"""The shared upload policy: files are checked by their whole content, per purpose, whatever their
name says; images are re-encoded and complaint PDFs lose their metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from asn_portal.common import uploads
from asn_portal.common.uploads import (
    COMPLAINT_ATTACHMENT,
    DATA_IMPORT,
    EVIDENCE,
    JPEG,
    PDF,
    PNG,
    POLICIES,
    sniff_content_type,
    upload_check,
)
from tests.files import HTML_AS_JPEG, HTML_AS_PDF, XMP, jpeg_bytes, pdf_bytes, png_bomb, png_bytes

FILE_POLICIES = [p for p in POLICIES if p is not DATA_IMPORT]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n", PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", PNG),
        (b"MZ\x90\x00", None),
        (b"", None),
    ],
)
def test_the_first_guess_of_the_type_comes_from_the_bytes(head, expected):
    assert sniff_content_type(head) == expected


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.key)
@pytest.mark.parametrize("forged", [HTML_AS_PDF, HTML_AS_JPEG], ids=["pdf-header", "jpeg-header"])
def test_html_behind_a_pdf_or_jpeg_header_is_refused_for_every_purpose(policy, forged):
    with pytest.raises(ValidationError) as exc:
        upload_check(SimpleUploadedFile("sertifikat.pdf", forged), policy=policy)
    assert exc.value.code == "type"


@pytest.mark.parametrize("policy", FILE_POLICIES, ids=lambda p: p.key)
@pytest.mark.parametrize(
    ("make", "content_type"),
    [(pdf_bytes, PDF), (jpeg_bytes, JPEG), (png_bytes, PNG)],
    ids=["pdf", "jpeg", "png"],
)
def test_a_valid_file_is_accepted_where_its_type_is_allowed(policy, make, content_type):
    upload = SimpleUploadedFile("berkas", make())
    if content_type not in policy.types:
        with pytest.raises(ValidationError):
            upload_check(upload, policy=policy)
        return
    checked = upload_check(upload, policy=policy)
    assert checked.content_type == content_type
    assert checked.as_file().name.endswith("." + checked.extension)


def test_a_valid_pdf_is_stored_as_uploaded_where_metadata_may_stay():
    data = pdf_bytes(author="Budi Santoso")
    assert upload_check(SimpleUploadedFile("a.pdf", data), policy=EVIDENCE).content == data


def test_an_executable_named_pdf_is_refused():
    with pytest.raises(ValidationError) as exc:
        upload_check(SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf"), policy=EVIDENCE)
    assert exc.value.code == "type"


def test_a_truncated_image_with_a_jpeg_signature_is_refused():
    forged = SimpleUploadedFile("foto.jpg", jpeg_bytes()[:40])
    with pytest.raises(ValidationError):
        upload_check(forged, policy=EVIDENCE)


def test_a_png_decompression_bomb_is_refused_with_an_indonesian_message():
    bomb = png_bomb(20_000)
    assert len(bomb) < 100_000
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        upload_check(SimpleUploadedFile("peta.png", bomb), policy=COMPLAINT_ATTACHMENT)
    assert exc.value.code == "too_many_pixels"
    assert "terlalu besar" in exc.value.messages[0]


def test_an_image_over_the_policys_pixel_limit_is_refused_before_decoding():
    policy = uploads.UploadPolicy("t", "t", frozenset({PNG}), uploads.MB, max_pixels=100)
    with pytest.raises(ValidationError) as exc:
        upload_check(SimpleUploadedFile("a.png", png_bytes((11, 10))), policy=policy)
    assert exc.value.code == "too_many_pixels"


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.key)
def test_each_purpose_has_its_own_size_limit_inclusive(policy):
    make = pdf_bytes if PDF in policy.types else None
    if make is None:
        return _size_limit_of_images_or_tables(policy)
    exactly = SimpleUploadedFile("a.pdf", pdf_bytes(pad=policy.max_bytes))
    assert exactly.size == policy.max_bytes
    assert upload_check(exactly, policy=policy).content_type == PDF
    one_more = SimpleUploadedFile("b.pdf", pdf_bytes(pad=policy.max_bytes + 1))
    with pytest.raises(ValidationError) as exc:
        upload_check(one_more, policy=policy)
    assert exc.value.code == "too_large"
    assert uploads.format_size(policy.max_bytes) in exc.value.messages[0]


def _size_limit_of_images_or_tables(policy):
    too_big = SimpleUploadedFile("a", b"0" * (policy.max_bytes + 1))
    with pytest.raises(ValidationError) as exc:
        upload_check(too_big, policy=policy)
    assert exc.value.code == "too_large"


def test_the_size_limits_per_purpose_are_those_documented():
    limits = {p.key: p.max_bytes for p in POLICIES}
    assert limits == {
        "evidence": 5 * 2**20,
        "case_evidence": 10 * 2**20,
        "complaint_attachment": 5 * 2**20,
        "identity_card": 2**20,
        "academic_record": 2 * 2**20,
        "letter": 2**20,
        "photo": 512 * 2**10,
        "data_import": 10 * 2**20,
    }


def test_complaint_pdf_attachment_loses_author_producer_and_xmp():
    data = pdf_bytes(author="Budi Pelapor", producer="budi@example.com", xmp=XMP)
    checked = upload_check(SimpleUploadedFile("a.pdf", data), policy=COMPLAINT_ATTACHMENT)
    reader = PdfReader(io.BytesIO(checked.content))
    assert len(reader.pages) == 1
    assert not reader.metadata
    assert reader.xmp_metadata is None
    assert b"Budi" not in checked.content
    assert b"budi@example.com" not in checked.content


def test_a_jpeg_is_re_encoded_without_exif_or_gps():
    checked = upload_check(SimpleUploadedFile("f.jpg", jpeg_bytes(exif=True)), policy=EVIDENCE)
    with Image.open(io.BytesIO(checked.content)) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (20, 10)
    assert b"KameraRahasia" not in checked.content


def test_a_checked_file_passes_a_second_check_unchanged():
    checked = upload_check(SimpleUploadedFile("f.png", png_bytes()), policy=EVIDENCE)
    assert upload_check(checked, policy=EVIDENCE) is checked


def test_a_csv_import_is_accepted_and_a_binary_one_refused():
    good = SimpleUploadedFile("a.csv", b"NIP,DATE\n199001012020011001,01-03-2026\n")
    assert upload_check(good, policy=DATA_IMPORT).content_type == uploads.CSV
    with pytest.raises(ValidationError):
        upload_check(SimpleUploadedFile("a.csv", b"MZ\x00\x00\x90"), policy=DATA_IMPORT)


def test_a_zip_that_is_not_a_workbook_is_refused_as_xlsx():
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("evil.html", "<script></script>")
    with pytest.raises(ValidationError):
        upload_check(SimpleUploadedFile("a.xlsx", out.getvalue()), policy=DATA_IMPORT)
