"""Uploads in a real browser: an employee records training done elsewhere with a photo of the
certificate, and the training officer opens the record in the admin and downloads the evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from asn_portal.accounts import roles
from asn_portal.common.calendar import today
from tests import factories
from tests.files import HTML_AS_PDF, jpeg_bytes
from training.models import ExternalTraining

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _sign_in(browser, live_server, username, path="/akun/masuk/", width=1366):
    context = browser.new_context(locale="id-ID", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}{path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("form [type=submit]").last.click()
    return page


def _fill(page, *, title: str, evidence: dict):
    end = today() - dt.timedelta(days=3)
    page.fill("#id_title", title)
    page.select_option("#id_kind", "seminar")
    page.fill("#id_provider", "Kementerian Komunikasi dan Digital")
    page.fill("#id_start_date", (end - dt.timedelta(days=1)).isoformat())
    page.fill("#id_end_date", end.isoformat())
    page.fill("#id_jp", "16")
    page.set_input_files("#id_evidence", files=[evidence])
    page.locator("main form button[type=submit]").click()


def test_a_certificate_photo_is_checked_stored_and_opened_by_the_officer(live_server, browser):
    staff = factories.EmployeeUserFactory(employee__name="Dewi Lestari")
    factories.UserFactory(username="pelatihan", role=roles.TRAINING_OFFICER)

    # An HTML page disguised as a PDF is refused with a message on the field.
    page = _sign_in(browser, live_server, staff.username)
    page.goto(f"{live_server.url}/pelatihan/eksternal/baru/")
    forged = {"name": "sertifikat.pdf", "mimeType": "application/pdf", "buffer": HTML_AS_PDF}
    _fill(page, title="Workshop SPBE", evidence=forged)
    expect(page.locator("#id_evidence")).to_have_class("form-control is-invalid")
    assert not ExternalTraining.objects.exists()

    # A real photo of the certificate is accepted.
    photo = {"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(exif=True)}
    _fill(page, title="Workshop SPBE", evidence=photo)
    expect(page).to_have_url(f"{live_server.url}/pelatihan/saya/")
    record = ExternalTraining.objects.get()
    assert record.evidence_content_type == "image/jpeg"

    # The officer opens the record in the admin: the evidence by name, no storage path.
    for width in (1366, 375):
        admin = _sign_in(browser, live_server, "pelatihan", "/admin/login/", width=width)
        admin.goto(f"{live_server.url}/admin/training/externaltraining/{record.pk}/change/")
        link = admin.locator(f"a[href='{record.get_download_url()}']")
        expect(link).to_be_visible()
        assert "training/evidence" not in admin.content()
        admin.screenshot(path=f"/tmp/uploads-admin-{width}.png", full_page=True)

    response = admin.request.get(f"{live_server.url}{record.get_download_url()}")
    assert response.status == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"].startswith("sandbox")
    assert b"KameraRahasia" not in response.body()


def test_the_discipline_officer_sees_case_evidence_by_name_and_downloads_it(live_server, browser):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rewards import services
    from tests.files import pdf_bytes
    from tests.rewards.factories import DisciplinaryCaseFactory

    factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER)
    case = DisciplinaryCaseFactory()
    evidence = services.evidence_add(
        case=case,
        file=SimpleUploadedFile("rekap-absensi-juni.pdf", pdf_bytes()),
        description="Rekap absensi Juni",
    )

    for width in (1366, 375):
        admin = _sign_in(browser, live_server, "disiplin", "/admin/login/", width=width)
        admin.goto(f"{live_server.url}/admin/rewards/disciplinarycase/{case.pk}/change/")
        link = admin.get_by_role("link", name="rekap-absensi-juni.pdf")
        expect(link).to_be_visible()
        assert evidence.file.name not in admin.content()
        admin.screenshot(path=f"/tmp/uploads-case-{width}.png", full_page=True)

    response = admin.request.get(f"{live_server.url}{evidence.get_download_url()}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
