"""PDFs rendered with WeasyPrint under the agency letterhead."""

import io

import pytest
from django.conf import settings
from pypdf import PdfReader

from asn_portal.common.pdf import render_pdf
from asn_portal.personnel import selectors
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile_pdf():
    employee = factories.EmployeeFactory(name="Siti Aminah")
    pdf = render_pdf(
        "portal/profile_pdf.html",
        {
            "employee": employee,
            "rank_history": selectors.rank_history_for(employee),
            "position_history": selectors.position_history_for(employee),
            "family": selectors.family_of(employee),
        },
    )
    return employee, pdf


def _text(pdf: bytes) -> str:
    """The PDF's text with line breaks and runs of spaces folded into single spaces."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_profile_renders_as_a_pdf(profile_pdf):
    _, pdf = profile_pdf
    assert pdf.startswith(b"%PDF")


def test_letterhead_shows_the_agency_name_in_capitals(profile_pdf):
    # The letterhead's CSS (text-transform: uppercase) changes the glyphs, so the text is upper.
    _, pdf = profile_pdf
    assert settings.AGENCY_NAME.upper() in _text(pdf)


def test_profile_pdf_shows_the_employee_nip(profile_pdf):
    employee, pdf = profile_pdf
    assert employee.nip in _text(pdf)
