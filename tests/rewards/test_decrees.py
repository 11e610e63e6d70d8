"""Decree PDFs under the agency's letterhead, printed from the admin by rewards officers."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from asn_portal.accounts import roles
from rewards.models import Nomination, SanctionKind
from tests import factories
from tests.rewards.factories import NominationFactory, SanctionFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def officer():
    return factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER)


def test_officer_prints_the_sanction_decree(client, officer, settings):
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6, decree_number="800/55/BKPSDM/2026")
    client.force_login(officer)
    response = client.get(reverse("admin:rewards_sanction_pdf", args=[sanction.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response)
    assert "800/55/BKPSDM/2026" in text
    assert sanction.case.employee.nip in text
    assert settings.AGENCY_NAME.split()[0].upper() in text.upper()


def test_other_staff_cannot_print_a_sanction_decree(client):
    sanction = SanctionFactory()
    client.force_login(factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER))
    response = client.get(reverse("admin:rewards_sanction_pdf", args=[sanction.pk]))
    assert response.status_code in (302, 403, 404)
    assert response.get("Content-Type") != "application/pdf"


def test_officer_prints_the_award_decree(client, officer):
    nomination = NominationFactory(
        status=Nomination.Status.APPROVED, sk_number="862/12/2026", sk_date=dt.date(2026, 8, 13)
    )
    client.force_login(officer)
    response = client.get(reverse("admin:rewards_nomination_pdf", args=[nomination.pk]))
    assert response.status_code == 200
    assert "862/12/2026" in _text(response)


def test_a_pending_nomination_has_no_decree(client, officer):
    nomination = NominationFactory()
    client.force_login(officer)
    response = client.get(reverse("admin:rewards_nomination_pdf", args=[nomination.pk]))
    assert response.status_code == 404
