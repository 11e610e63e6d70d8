"""Evidence files: stored outside the web root, served only to those who may see the case."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from asn_portal.accounts import roles
from asn_portal.common.workflow import status_history
from rewards import services
from rewards.models import DisciplinaryCase
from tests import factories
from tests.files import HTML_AS_PDF, pdf_bytes, png_bytes
from tests.rewards.factories import DisciplinaryCaseFactory

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "public"
    return settings.PRIVATE_MEDIA_ROOT


def _add(case, name="surat-keterangan.pdf", content=PDF):
    return services.evidence_add(
        case=case, file=SimpleUploadedFile(name, content), description="Rekap absensi"
    )


def test_evidence_is_stored_in_the_private_root_under_a_random_name(private_root):
    evidence = _add(DisciplinaryCaseFactory())
    assert evidence.file.path.startswith(str(private_root))
    assert "surat-keterangan" not in evidence.file.name
    assert evidence.original_name == "surat-keterangan.pdf"


def test_an_executable_is_refused():
    with pytest.raises(ValidationError):
        _add(DisciplinaryCaseFactory(), name="virus.exe", content=b"MZ\x90\x00\x03 program")


def test_a_real_pdf_is_stored_under_its_real_type_whatever_its_name():
    evidence = _add(DisciplinaryCaseFactory(), name="rekap.exe")
    assert evidence.content_type == "application/pdf"
    assert evidence.file.name.endswith(".pdf")


def test_a_closed_case_takes_no_more_evidence():
    case = DisciplinaryCaseFactory(
        status=DisciplinaryCase.Status.CLOSED, closing_reason="Tidak terbukti"
    )
    with pytest.raises(ValidationError):
        _add(case)


def test_officer_downloads_the_evidence(client):
    evidence = _add(DisciplinaryCaseFactory())
    client.force_login(factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER))
    response = client.get(evidence.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "surat-keterangan.pdf" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", [roles.PAYROLL_OFFICER, roles.OPD_OPERATOR])
def test_other_staff_cannot_download_the_evidence(client, role, unit_tree):
    case = DisciplinaryCaseFactory(employee=factories.EmployeeFactory(unit=unit_tree["A"]))
    evidence = _add(case)
    client.force_login(factories.UserFactory(username="lain", unit=unit_tree["A"], role=role))
    response = client.get(evidence.get_download_url())
    assert response.status_code in (302, 403, 404)
    assert not getattr(response, "streaming", False)


def test_evidence_of_another_case_is_not_served_under_this_case(client):
    evidence = _add(DisciplinaryCaseFactory())
    other = DisciplinaryCaseFactory()
    client.force_login(factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER))
    filename = evidence.file.name.rsplit("/", 1)[1]
    url = reverse("admin:rewards_disciplinarycase_evidence", args=[other.pk, filename])
    assert client.get(url).status_code == 404


def test_officer_uploads_evidence_in_the_admin(client):
    case = DisciplinaryCaseFactory()
    client.force_login(factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER))
    response = client.post(
        reverse("admin:rewards_disciplinarycase_change", args=[case.pk]),
        {
            "violation": case.violation,
            "legal_article": case.legal_article,
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "0",
            "evidence-0-file": SimpleUploadedFile("foto.png", png_bytes()),
            "evidence-0-description": "Foto daftar hadir",
            "examinations-TOTAL_FORMS": "0",
            "examinations-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert case.evidence.get().description == "Foto daftar hadir"
    page = client.get(reverse("admin:rewards_disciplinarycase_change", args=[case.pk]))
    evidence = case.evidence.get()
    assert page.status_code == 200
    assert evidence.get_download_url() in page.content.decode()
    assert evidence.file.name not in page.content.decode()
    assert evidence.content_type == "image/png"


def test_a_refused_inline_undoes_the_rest_of_the_admin_post(client):
    case = DisciplinaryCaseFactory()
    client.force_login(factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER))
    response = client.post(
        reverse("admin:rewards_disciplinarycase_change", args=[case.pk]),
        {
            "violation": case.violation,
            "legal_article": case.legal_article,
            "start_examination_on": "2026-06-02",
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "0",
            "evidence-0-file": SimpleUploadedFile("virus.exe", b"MZ"),
            "evidence-0-description": "Berkas",
            "examinations-TOTAL_FORMS": "0",
            "examinations-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == DisciplinaryCase.Status.REPORTED
    assert not status_history(case).exists()


def test_evidence_that_is_not_really_a_pdf_is_refused(private_root):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _add(DisciplinaryCaseFactory(), name="rekap.pdf", content=b"MZ\x90\x00 program")


def test_html_behind_a_pdf_header_is_refused_as_evidence():
    with pytest.raises(ValidationError):
        _add(DisciplinaryCaseFactory(), name="rekap.pdf", content=HTML_AS_PDF)
