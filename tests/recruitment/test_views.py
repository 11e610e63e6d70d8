"""Recruitment pages: public pages, the applicant's own pages, documents and staff pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from asn_portal.accounts import roles
from recruitment import services
from recruitment.models import Application, ApplicationDocument
from tests import factories as core

from .factories import (
    HTML_BYTES,
    PDF_BYTES,
    ApplicantFactory,
    ApplicationFactory,
    FormasiFactory,
    SelectionFactory,
    eligible,
)

pytestmark = pytest.mark.django_db
WIB = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def published(officer):
    """A selection with 30 formasi and an administrative publication of 60 rows."""
    selection = SelectionFactory(slug="cpns-2026", name="Seleksi CPNS 2026")
    for i in range(30):
        formasi = FormasiFactory(selection=selection, code=f"F{i:02d}", quota=1)
        ApplicationFactory(formasi=formasi, status=Application.Status.ELIGIBLE)
        ApplicationFactory(formasi=formasi, status=Application.Status.INELIGIBLE)
    publication = services.publication_publish(
        selection=selection, kind="administrative", by=officer, notify=False
    )
    return selection, publication


def test_the_index_lists_announced_selections_but_not_drafts(client):
    SelectionFactory(name="Seleksi Terbuka")
    SelectionFactory(name="Seleksi Rahasia", status="draft", rules_published_at=None)

    content = client.get(reverse("recruitment:index")).content.decode()

    assert "Seleksi Terbuka" in content and "Seleksi Rahasia" not in content


def test_the_index_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(10):
        FormasiFactory()

    with django_assert_max_num_queries(4):
        assert client.get(reverse("recruitment:index")).status_code == 200


def test_the_selection_page_shows_formasi_rules_and_fingerprints(client, published):
    selection, publication = published

    content = client.get(reverse("recruitment:selection", args=[selection.slug])).content.decode()

    assert "F29" in content and "166" in content and publication.fingerprint in content


def test_the_selection_page_runs_a_bounded_number_of_queries(
    client, published, django_assert_max_num_queries
):
    selection, _publication = published

    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("recruitment:selection", args=[selection.slug])).status_code == 200
        )


def test_a_draft_selection_page_is_not_found(client):
    selection = SelectionFactory(status="draft", rules_published_at=None)

    assert client.get(reverse("recruitment:selection", args=[selection.slug])).status_code == 404


def test_the_publication_page_shows_masked_names_and_the_fingerprint(
    client, published, django_assert_max_num_queries
):
    selection, publication = published
    url = reverse("recruitment:publication", args=[selection.slug, "administrative", 1])

    with django_assert_max_num_queries(8):
        response = client.get(url)

    content = response.content.decode()
    assert publication.fingerprint in content
    assert publication.entries.first().masked_name in content


def test_the_publication_page_filters_by_formasi(client, published):
    selection, _publication = published
    url = reverse("recruitment:publication", args=[selection.slug, "administrative", 1])

    response = client.get(url, {"formasi": "F07"})

    assert [e.formasi_code for e in response.context["page"]] == ["F07", "F07"]


def test_an_unknown_version_is_not_found(client, published):
    selection, _publication = published
    url = reverse("recruitment:publication", args=[selection.slug, "administrative", 9])

    assert client.get(url).status_code == 404


def test_the_downloaded_snapshot_hashes_to_the_published_fingerprint(client, published):
    selection, publication = published
    url = reverse("recruitment:publication_payload", args=[selection.slug, "administrative", 1])

    body = client.get(url).content

    assert hashlib.sha256(body).hexdigest() == publication.fingerprint


def test_the_announcement_pdf_carries_the_fingerprint(client, published):
    selection, publication = published
    url = reverse("recruitment:publication_pdf", args=[selection.slug, "administrative", 1])

    response = client.get(url, {"formasi": "F01"})

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert publication.fingerprint[:16] in text.replace("\n", "")


def test_the_public_page_shows_the_version_history_with_reasons(client, published, officer):
    selection, _first = published
    services.publication_publish(
        selection=selection,
        kind="administrative",
        by=officer,
        reason="Sanggah diterima",
        notify=False,
    )
    url = reverse("recruitment:publication", args=[selection.slug, "administrative", 2])

    content = client.get(url).content.decode()

    assert "Sanggah diterima" in content and "v1" in content


# --- registration and sign-in -------------------------------------------------------------


def test_registration_with_a_mismatched_nik_shows_a_message_and_400(client):
    response = client.post(
        reverse("recruitment:register"),
        {
            "nik": "1504011705990012",
            "name": "Siti",
            "sex": "M",
            "birth_date": "1999-05-18",
            "email": "s@example.com",
            "password1": "Kata-Sandi-Kuat-99",
            "password2": "Kata-Sandi-Kuat-99",
        },
    )

    assert response.status_code == 400
    assert "does not match" in response.content.decode()


def test_registration_then_confirmation_lets_the_applicant_sign_in(client):
    response = client.post(
        reverse("recruitment:register"),
        {
            "nik": "1504011705990012",
            "name": "Budi",
            "sex": "M",
            "birth_date": "1999-05-17",
            "email": "b@example.com",
            "password1": "Kata-Sandi-Kuat-99",
            "password2": "Kata-Sandi-Kuat-99",
        },
    )
    assert response.status_code == 302
    from recruitment.models import Applicant

    user = Applicant.objects.get(nik="1504011705990012").user
    token = services.applications.confirmation_token(user)
    client.get(reverse("recruitment:confirm", args=[token]))

    response = client.post(
        reverse("recruitment:login"),
        {"username": "1504011705990012", "password": "Kata-Sandi-Kuat-99"},
    )
    assert response.status_code == 302 and response.url == reverse("recruitment:dashboard")


def test_a_bad_confirmation_link_gives_400(client):
    assert client.get(reverse("recruitment:confirm", args=["nonsense"])).status_code == 400


# --- applicant pages ----------------------------------------------------------------------


@pytest.fixture
def own(client):
    application = ApplicationFactory(status=Application.Status.DRAFT)
    client.force_login(application.applicant.user)
    return client, application


def test_anonymous_visitors_are_sent_to_the_applicant_sign_in(client):
    response = client.get(reverse("recruitment:dashboard"))

    assert response.status_code == 302 and response.url.startswith(reverse("recruitment:login"))


def test_an_employee_without_an_applicant_account_is_refused(client):
    client.force_login(core.EmployeeUserFactory())

    assert client.get(reverse("recruitment:dashboard")).status_code == 403


def test_the_dashboard_shows_the_applicants_applications(own, django_assert_max_num_queries):
    client, application = own

    with django_assert_max_num_queries(12):
        response = client.get(reverse("recruitment:dashboard"))

    assert application.registration_number in response.content.decode()


def test_another_applicants_application_is_not_found(own):
    client, _application = own
    other = ApplicationFactory()

    assert client.get(reverse("recruitment:application", args=[other.pk])).status_code == 404


def test_uploading_to_another_applicants_application_is_not_found(own):
    client, _application = own
    other = ApplicationFactory(status=Application.Status.DRAFT)
    upload = SimpleUploadedFile("a.pdf", PDF_BYTES, content_type="application/pdf")

    response = client.post(
        reverse("recruitment:document_upload", args=[other.pk]), {"kind": "ktp", "file": upload}
    )

    assert response.status_code == 404 and not ApplicationDocument.objects.exists()


def test_a_forged_pdf_upload_is_refused_with_a_message(own):
    client, application = own
    upload = SimpleUploadedFile("ijazah.pdf", HTML_BYTES, content_type="application/pdf")

    response = client.post(
        reverse("recruitment:document_upload", args=[application.pk]),
        {"kind": "diploma", "file": upload},
    )

    assert response.status_code == 400
    assert "real PDF file" in response.content.decode()


def test_a_valid_upload_redirects_to_the_application(own):
    client, application = own
    upload = SimpleUploadedFile("ijazah.pdf", PDF_BYTES, content_type="application/pdf")

    response = client.post(
        reverse("recruitment:document_upload", args=[application.pk]),
        {"kind": "diploma", "file": upload},
    )

    assert response.status_code == 302 and application.documents.count() == 1


def test_submitting_without_documents_shows_a_message_and_400(own, registration_time):
    client, application = own

    response = client.post(reverse("recruitment:application_submit", args=[application.pk]))

    assert response.status_code == 400 and "Upload these documents" in response.content.decode()


def test_applying_for_an_unknown_formasi_is_a_400(client, registration_time):
    applicant = ApplicantFactory()
    selection = SelectionFactory()
    client.force_login(applicant.user)

    response = client.post(reverse("recruitment:apply", args=[selection.slug]), {"formasi": 999})

    assert response.status_code == 400


def test_applying_through_the_page_creates_the_application(client, registration_time):
    formasi = FormasiFactory()
    applicant = ApplicantFactory()
    client.force_login(applicant.user)

    response = client.post(
        reverse("recruitment:apply", args=[formasi.selection.slug]), {"formasi": formasi.pk}
    )

    assert response.status_code == 302
    assert Application.objects.filter(applicant=applicant).count() == 1


def test_an_objection_after_the_window_is_refused_with_a_message(client, officer, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 25, 15, 0, tzinfo=WIB), tick=False)
    application = ApplicationFactory(status=Application.Status.INELIGIBLE)
    services.publication_publish(
        selection=application.selection, kind="administrative", by=officer, notify=False
    )
    time_machine.move_to(dt.datetime(2026, 3, 29, 8, 0, tzinfo=WIB), tick=False)
    client.force_login(application.applicant.user)

    response = client.post(
        reverse("recruitment:objection_file", args=[application.pk]), {"text": "Mohon ditinjau."}
    )

    assert response.status_code == 400
    assert "no longer accepted" in response.content.decode()


def test_scores_appear_to_the_applicant_only_once_published(client, officer):
    formasi = FormasiFactory(quota=1)
    application = eligible(formasi, twk=111, tiu=122, tkp=177)
    client.force_login(application.applicant.user)
    url = reverse("recruitment:application", args=[application.pk])
    assert "111" not in client.get(url).content.decode()
    services.selection_rank_skd(selection=formasi.selection)
    services.publication_publish(selection=formasi.selection, kind="skd", by=officer, notify=False)

    assert "TWK 111" in client.get(url).content.decode()


# --- documents ----------------------------------------------------------------------------


@pytest.fixture
def document():
    application = ApplicationFactory(status=Application.Status.DRAFT)
    return services.document_upload(
        application=application,
        kind="diploma",
        upload=SimpleUploadedFile("i.pdf", PDF_BYTES, content_type="application/pdf"),
    )


def test_the_applicant_downloads_their_own_document(client, document):
    client.force_login(document.application.applicant.user)

    response = client.get(reverse("recruitment:document", args=[document.pk]))

    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_the_application_admin_page_links_documents_without_their_storage_path(
    client, document, officer
):
    client.force_login(officer)

    response = client.get(
        reverse("admin:recruitment_application_change", args=[document.application.pk])
    )

    assert response.status_code == 200
    assert document.get_download_url() in response.content.decode()
    assert document.file.name not in response.content.decode()


def test_another_applicant_cannot_download_the_document(client, document):
    client.force_login(ApplicantFactory().user)

    assert client.get(reverse("recruitment:document", args=[document.pk])).status_code == 404


def test_a_recruitment_officer_downloads_any_document(client, document, officer):
    client.force_login(officer)

    assert client.get(reverse("recruitment:document", args=[document.pk])).status_code == 200


def test_an_opd_operator_cannot_download_applicant_documents(client, document, unit_tree):
    operator = core.UserFactory(username="operator-a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    client.force_login(operator)

    assert client.get(reverse("recruitment:document", args=[document.pk])).status_code == 404


def test_an_employee_cannot_download_applicant_documents(client, document):
    client.force_login(core.EmployeeUserFactory())

    assert client.get(reverse("recruitment:document", args=[document.pk])).status_code == 404


def test_an_anonymous_visitor_cannot_download_a_document(client, document):
    response = client.get(reverse("recruitment:document", args=[document.pk]))

    assert response.status_code == 302 and "next=" in response.url


# --- staff pages ----------------------------------------------------------------------------


def test_the_verification_page_is_refused_to_applicants(client):
    application = ApplicationFactory()
    client.force_login(application.applicant.user)

    assert client.get(reverse("recruitment:verification_queue")).status_code == 403


def test_the_verification_page_is_refused_to_other_officers(client):
    client.force_login(core.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER))

    assert client.get(reverse("recruitment:verification_queue")).status_code == 403


def test_a_verifier_sees_only_applications_assigned_to_them(client, officer, officer2):
    mine = ApplicationFactory(verifier=officer)
    ApplicationFactory(verifier=officer2)
    client.force_login(officer)

    response = client.get(reverse("recruitment:verification_queue"))

    assert list(response.context["applications"]) == [mine]


def test_a_verifier_cannot_open_an_application_assigned_to_another(client, officer, officer2):
    theirs = ApplicationFactory(verifier=officer2)
    client.force_login(officer)

    assert client.get(reverse("recruitment:verification_form", args=[theirs.pk])).status_code == 404


def test_the_verification_form_records_the_decision(client, officer):
    application = ApplicationFactory(verifier=officer)
    client.force_login(officer)
    data = {f"{r}_verdict": "ms" for r in ("identity", "education", "grade", "age", "documents")}
    data["documents_verdict"], data["documents_reason"] = "tms", "KTP buram"

    response = client.post(reverse("recruitment:verification_form", args=[application.pk]), data)

    application.refresh_from_db()
    assert response.status_code == 302 and application.status == Application.Status.INELIGIBLE


def test_a_tms_without_reason_in_the_form_is_a_400(client, officer):
    application = ApplicationFactory(verifier=officer)
    client.force_login(officer)
    data = {f"{r}_verdict": "tms" for r in ("identity", "education", "grade", "age", "documents")}

    response = client.post(reverse("recruitment:verification_form", args=[application.pk]), data)

    assert response.status_code == 400 and "reason" in response.content.decode()


def test_officers_export_a_formasis_results_to_xlsx(client, officer):
    formasi = FormasiFactory()
    application = eligible(formasi, twk=100, tiu=100, tkp=200)
    client.force_login(officer)

    response = client.get(reverse("recruitment:formasi_export", args=[formasi.pk]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == application.registration_number and rows[1][6] == 400


def test_the_export_is_refused_to_applicants(client):
    formasi = FormasiFactory()
    client.force_login(ApplicantFactory().user)

    assert client.get(reverse("recruitment:formasi_export", args=[formasi.pk])).status_code == 403


def test_the_application_page_runs_a_bounded_number_of_queries(own, django_assert_max_num_queries):
    client, application = own

    with django_assert_max_num_queries(14):
        response = client.get(reverse("recruitment:application", args=[application.pk]))

    assert response.status_code == 200


def test_an_anonymous_visitor_is_sent_to_sign_in_from_an_application(client):
    application = ApplicationFactory()

    response = client.get(reverse("recruitment:application", args=[application.pk]))

    assert response.status_code == 302 and response.url.startswith(reverse("recruitment:login"))


@pytest.mark.parametrize("name", ["recruitment:dashboard", "recruitment:profile"])
def test_applicant_pages_refuse_recruitment_officers_without_an_applicant_account(
    client, officer, name
):
    client.force_login(officer)

    assert client.get(reverse(name)).status_code == 403


def test_the_apply_page_refuses_an_employee(client):
    selection = SelectionFactory()
    client.force_login(core.EmployeeUserFactory())

    assert client.get(reverse("recruitment:apply", args=[selection.slug])).status_code == 403


def test_the_applicant_sign_in_asks_for_the_nik(client):
    content = client.get(reverse("recruitment:login")).content.decode()

    assert 'inputmode="numeric"' in content and "NIK" in content
