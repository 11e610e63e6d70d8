"""The shared serving function: private files are downloads no browser will run as a page."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from asn_portal.common.files import PrivateFileWidget, file_link, private_file_response
from asn_portal.common.storage import PrivateStorage
from tests.files import HTML_AS_PDF, pdf_bytes


@pytest.fixture
def stored(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    storage = PrivateStorage("test")

    def save(content: bytes, name: str):
        saved = storage.save(name, ContentFile(content))
        return _FieldFileLike(storage, saved)

    return save


class _FieldFileLike:
    def __init__(self, storage, name):
        self.storage, self.name = storage, name

    def __bool__(self):
        return bool(self.name)

    def open(self, mode="rb"):
        return self.storage.open(self.name, mode)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_validated_pdf_is_an_attachment_with_nosniff_and_a_sandbox(stored):
    response = private_file_response(
        stored(pdf_bytes(), "a.pdf"), content_type="application/pdf", filename="bukti"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="bukti.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in response["Cache-Control"]


def test_inline_is_allowed_only_for_a_validated_type(stored):
    pdf = private_file_response(
        stored(pdf_bytes(), "a.pdf"), content_type="application/pdf", inline=True
    )
    html = private_file_response(
        stored(HTML_AS_PDF, "a.html"), content_type="text/html", inline=True
    )
    assert pdf["Content-Disposition"].startswith("inline")
    assert html["Content-Disposition"].startswith("attachment;")


def test_a_file_of_unknown_stored_type_is_never_served_as_html(stored):
    """Files kept before the upload policy have no validated type: an opaque download."""
    response = private_file_response(
        stored(HTML_AS_PDF, "sertifikat.pdf"), content_type="", inline=True
    )
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _body(response) == HTML_AS_PDF


def test_the_type_is_never_taken_from_the_file_name(stored):
    response = private_file_response(
        stored(pdf_bytes(), "page.html"), content_type="application/pdf", filename="x.html"
    )
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="x.pdf"' in response["Content-Disposition"]


def test_a_missing_file_is_not_found(stored):
    gone = _FieldFileLike(PrivateStorage("test"), "nothing-here.pdf")
    with pytest.raises(Http404):
        private_file_response(gone, content_type="application/pdf")


def test_the_admin_widget_links_the_download_view_and_hides_the_storage_path():
    class Record:
        def get_download_url(self):
            return "/unduh/7/"

    class Value:
        name = "training/evidence/2026/rahasia-path.pdf"
        instance = Record()

        @property
        def url(self):  # private storage has no URL: asking for it is the old 500
            raise ValueError("This file is not accessible via a URL.")

    html = PrivateFileWidget().render("evidence", Value())
    assert 'href="/unduh/7/"' in html
    assert "rahasia-path.pdf" in html
    assert "training/evidence" not in html


def test_a_file_link_without_a_url_shows_a_dash():
    assert file_link("", "a.pdf") == "—"
