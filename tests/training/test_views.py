"""Training pages: who may see what, bad input answered with a message, bounded queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from asn_portal.accounts import roles
from tests import factories
from tests.files import HTML_AS_JPEG, HTML_AS_PDF, jpeg_bytes, pdf_bytes
from tests.training.conftest import JAKARTA
from tests.training.factories import (
    EligibilityRuleFactory,
    EnrolmentFactory,
    ExternalTrainingFactory,
    JpCreditFactory,
    ProgramFactory,
    TrainingSessionFactory,
)
from training import services
from training.models import Certificate, Enrolment, ExternalTraining
from training.portal import training_card

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_window")]
S = Enrolment.Status


@pytest.fixture
def enrolment(session, team):
    return services.enrolment_request(session=session, employee=team["staff"][0])


def _login(client, user):
    client.force_login(user)
    return client


# --- Catalogue ---------------------------------------------------------------------------------


def test_anonymous_visitor_sees_the_catalogue(client, session):
    response = client.get(reverse("training:catalogue"))

    assert response.status_code == 200
    assert session.program.title in response.content.decode()


def test_catalogue_search_finds_by_title_and_hides_others(client):
    wanted = TrainingSessionFactory(program=ProgramFactory(title="Pelatihan Arsip Digital"))
    other = TrainingSessionFactory(program=ProgramFactory(title="Bimtek Keuangan"))

    page = client.get(reverse("training:catalogue"), {"q": "arsip"}).content.decode()

    assert wanted.program.title in page
    assert other.program.title not in page


def test_catalogue_filters_by_kind(client):
    latsar = TrainingSessionFactory(program=ProgramFactory(title="Latsar CPNS", kind="latsar"))
    seminar = TrainingSessionFactory(program=ProgramFactory(title="Seminar SPBE", kind="seminar"))

    page = client.get(reverse("training:catalogue"), {"kind": "latsar"}).content.decode()

    assert latsar.program.title in page
    assert seminar.program.title not in page


def test_catalogue_ignores_an_unknown_filter_value_with_a_message(client, session):
    response = client.get(reverse("training:catalogue"), {"kind": "<script>"})

    assert response.status_code == 200
    assert "kind" in response.context["form"].errors


def test_catalogue_hides_ended_and_cancelled_sessions(client):
    ended = TrainingSessionFactory(
        program=ProgramFactory(title="Sudah Selesai"),
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 1, 9),
        enrolment_opens=dt.date(2025, 12, 1),
        enrolment_closes=dt.date(2026, 1, 2),
    )
    cancelled = TrainingSessionFactory(
        program=ProgramFactory(title="Dibatalkan"), is_cancelled=True
    )

    page = client.get(reverse("training:catalogue")).content.decode()

    assert ended.program.title not in page
    assert cancelled.program.title not in page


def test_catalogue_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for _i in range(25):
        TrainingSessionFactory()

    with django_assert_max_num_queries(4):
        assert client.get(reverse("training:catalogue")).status_code == 200


def test_session_page_tells_an_ineligible_employee_why(client, team):
    session = TrainingSessionFactory()
    EligibilityRuleFactory(program=session.program, status="CPNS", description="Khusus CPNS")

    page = _login(client, team["staff"][0].user).get(reverse("training:session", args=[session.pk]))

    assert "Khusus CPNS: status must be CPNS" in page.content.decode()
    assert 'id="request-seat"' not in page.content.decode()


def test_session_page_of_an_unknown_session_is_404(client):
    assert client.get(reverse("training:session", args=[999999])).status_code == 404


# --- Requesting and approving ------------------------------------------------------------------


def test_employee_requests_a_seat_from_the_session_page(client, session, team):
    employee = team["staff"][0]

    response = _login(client, employee.user).post(reverse("training:enrol", args=[session.pk]))

    enrolment = Enrolment.objects.get(employee=employee)
    assert response.status_code == 302
    assert response.url == reverse("training:enrolment", args=[enrolment.pk])


def test_refused_request_shows_the_reason_and_creates_nothing(client, team):
    session = TrainingSessionFactory(enrolment_closes=dt.date(2026, 2, 9))

    response = _login(client, team["staff"][0].user).post(
        reverse("training:enrol", args=[session.pk]), follow=True
    )

    assert "Enrolment is open from" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_anonymous_request_is_sent_to_sign_in(client, session):
    response = client.post(reverse("training:enrol", args=[session.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_staff_without_an_employee_record_cannot_request(client, session, officer):
    assert (
        _login(client, officer).post(reverse("training:enrol", args=[session.pk])).status_code
        == 403
    )


def test_supervisor_approves_from_the_approvals_page(client, enrolment, team):
    client = _login(client, team["head"].user)
    assert enrolment.employee.name in client.get(reverse("training:approvals")).content.decode()

    client.post(reverse("training:approve", args=[enrolment.pk]))

    enrolment.refresh_from_db()
    assert enrolment.supervisor_approved_at is not None


def test_supervisor_decline_without_a_reason_is_refused(client, enrolment, team):
    response = _login(client, team["head"].user).post(
        reverse("training:decline", args=[enrolment.pk]), {"reason": ""}, follow=True
    )

    enrolment.refresh_from_db()
    assert enrolment.status == S.REQUESTED
    assert "Give the reason for declining" in response.content.decode()


def test_another_employee_cannot_approve(client, enrolment, team):
    response = _login(client, team["staff"][1].user).post(
        reverse("training:approve", args=[enrolment.pk])
    )

    enrolment.refresh_from_db()
    assert response.status_code == 404
    assert enrolment.supervisor_approved_at is None


def test_approvals_page_runs_a_bounded_number_of_queries(
    client, team, django_assert_max_num_queries
):
    for _i in range(5):
        employee = factories.EmployeeFactory(unit=team["head"].unit)
        services.enrolment_request(session=TrainingSessionFactory(), employee=employee)
    client = _login(client, team["head"].user)

    with django_assert_max_num_queries(6):
        assert client.get(reverse("training:approvals")).status_code == 200


def test_employee_cancels_their_request(client, enrolment):
    _login(client, enrolment.employee.user).post(reverse("training:cancel", args=[enrolment.pk]))

    enrolment.refresh_from_db()
    assert enrolment.status == S.CANCELLED


# --- Who sees an enrolment ---------------------------------------------------------------------


def _detail(client, user, enrolment):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("training:enrolment", args=[enrolment.pk]))


def test_employee_sees_their_enrolment(client, enrolment):
    assert _detail(client, enrolment.employee.user, enrolment).status_code == 200


def test_supervisor_sees_the_enrolment(client, enrolment, team):
    assert _detail(client, team["head"].user, enrolment).status_code == 200


def test_bkd_training_officer_sees_the_enrolment(client, enrolment, officer):
    assert _detail(client, officer, enrolment).status_code == 200


def test_another_employee_cannot_see_the_enrolment(client, enrolment, team):
    assert _detail(client, team["staff"][1].user, enrolment).status_code == 404


def test_operator_of_the_employees_unit_sees_the_enrolment(client, enrolment, unit_tree):
    # The access matrix gives OPD operators their unit subtree's training data (as the reports).
    operator = factories.UserFactory(unit=unit_tree["A"], role=roles.OPD_OPERATOR)

    assert _detail(client, operator, enrolment).status_code == 200


def test_operator_of_another_unit_cannot_see_the_enrolment(client, enrolment, unit_tree):
    operator = factories.UserFactory(unit=unit_tree["B"], role=roles.OPD_OPERATOR)

    assert _detail(client, operator, enrolment).status_code == 404


@pytest.mark.parametrize(
    "role", [roles.PAYROLL_OFFICER, roles.APPRAISAL_OFFICER, roles.COMPLAINTS_OFFICER]
)
def test_officers_of_other_modules_cannot_see_the_enrolment(client, enrolment, role):
    assert _detail(client, factories.UserFactory(role=role), enrolment).status_code == 404


def test_anonymous_cannot_see_an_enrolment(client, enrolment):
    response = _detail(client, None, enrolment)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# --- My training and the portal card ------------------------------------------------------------


def test_my_training_shows_progress_to_20_jp(client, team):
    employee = team["staff"][0]
    JpCreditFactory(employee=employee, year=2026, jp=12, description="Bimtek SAKIP")

    page = _login(client, employee.user).get(reverse("training:mine")).content.decode()

    assert "12 / 20 JP" in page
    assert "Bimtek SAKIP" in page


def test_my_training_runs_a_bounded_number_of_queries(client, team, django_assert_max_num_queries):
    employee = team["staff"][0]
    for _i in range(5):
        JpCreditFactory(employee=employee, year=2026)
        EnrolmentFactory(employee=employee)
    client = _login(client, employee.user)

    with django_assert_max_num_queries(9):
        assert client.get(reverse("training:mine")).status_code == 200


def test_portal_card_shows_jp_and_runs_two_queries(rf, team, django_assert_num_queries):
    employee = team["staff"][0]
    JpCreditFactory(employee=employee, year=2026, jp=5)

    with django_assert_num_queries(2):
        card = training_card(rf.get("/portal/"), employee)

    assert card.context["jp"] == 5
    assert card.context["percent"] == 25


def test_portal_dashboard_shows_the_training_card(client, team):
    page = _login(client, team["staff"][0].user).get(reverse("portal:dashboard")).content.decode()

    assert reverse("training:mine") in page
    assert reverse("training:catalogue") in page


# --- Certificates -----------------------------------------------------------------------------


@pytest.fixture
def certificate(team):
    session = TrainingSessionFactory(program=ProgramFactory(title="Pelatihan Kearsipan", jp=24))
    enrolment = EnrolmentFactory(session=session, employee=team["staff"][0], status=S.COMPLETED)
    return Certificate.objects.create(enrolment=enrolment)


def test_public_page_confirms_a_genuine_certificate_with_only_the_essentials(client, certificate):
    employee = certificate.enrolment.employee

    response = client.get(reverse("training:certificate_verify", args=[certificate.code]))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-verdict="genuine"' in page
    assert employee.full_name in page
    assert "Pelatihan Kearsipan" in page
    assert "24" in page
    assert employee.nip not in page
    assert employee.nik not in page


def test_public_page_of_an_unknown_code_is_404_with_a_message(client):
    response = client.get(reverse("training:certificate_verify", args=["ZZZZZZZZZZZZ"]))

    assert response.status_code == 404
    assert 'data-verdict="unknown"' in response.content.decode()


def test_public_page_says_a_revoked_certificate_is_revoked(client, certificate, officer):
    services.certificate_revoke(certificate=certificate, by=officer, reason="Salah nama")

    page = client.get(reverse("training:certificate_verify", args=[certificate.code])).content

    assert b'data-verdict="revoked"' in page
    assert b'data-verdict="genuine"' not in page


def test_lookup_form_redirects_to_the_code_in_capitals(client, certificate):
    response = client.get(
        reverse("training:certificate_lookup"), {"code": certificate.code.lower()}
    )

    assert response.url == reverse("training:certificate_verify", args=[certificate.code])


def test_employee_downloads_their_certificate_pdf_with_the_code(client, certificate):
    response = _login(client, certificate.enrolment.employee.user).get(
        reverse("training:certificate_pdf", args=[certificate.enrolment_id])
    )

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert certificate.code in text


def test_another_employee_cannot_download_the_certificate(client, certificate, team):
    response = _login(client, team["staff"][1].user).get(
        reverse("training:certificate_pdf", args=[certificate.enrolment_id])
    )

    assert response.status_code == 404


# --- Training done elsewhere ------------------------------------------------------------------


def test_employee_records_outside_training_with_evidence(client, team):
    employee = team["staff"][0]
    evidence = SimpleUploadedFile("sertifikat.pdf", pdf_bytes(), "application/pdf")

    response = _login(client, employee.user).post(
        reverse("training:external_new"),
        {
            "title": "Workshop SPBE",
            "kind": "seminar",
            "provider": "Kominfo",
            "start_date": "2026-01-20",
            "end_date": "2026-01-21",
            "jp": "16",
            "evidence": evidence,
        },
    )

    assert response.status_code == 302
    assert ExternalTraining.objects.get(employee=employee).status == "submitted"


def test_outside_training_with_an_executable_as_evidence_is_refused(client, team):
    evidence = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")

    response = _login(client, team["staff"][0].user).post(
        reverse("training:external_new"),
        {
            "title": "X",
            "kind": "seminar",
            "provider": "Y",
            "start_date": "2026-01-20",
            "end_date": "2026-01-19",
            "jp": "0",
            "evidence": evidence,
        },
    )

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"evidence", "end_date", "jp"}


def _external_form(evidence):
    return {
        "title": "Workshop SPBE",
        "kind": "seminar",
        "provider": "Kominfo",
        "start_date": "2026-01-20",
        "end_date": "2026-01-21",
        "jp": "16",
        "evidence": evidence,
    }


@pytest.mark.parametrize("forged", [HTML_AS_PDF, HTML_AS_JPEG], ids=["pdf", "jpeg"])
def test_html_disguised_as_a_certificate_is_refused(client, team, forged):
    evidence = SimpleUploadedFile("sertifikat.pdf", forged, "application/pdf")

    response = _login(client, team["staff"][0].user).post(
        reverse("training:external_new"), _external_form(evidence)
    )

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"evidence"}
    assert not ExternalTraining.objects.exists()


def test_a_photo_of_the_certificate_is_stored_re_encoded_without_exif(client, team):
    employee = team["staff"][0]
    evidence = SimpleUploadedFile("foto.jpg", jpeg_bytes(exif=True), "image/jpeg")

    _login(client, employee.user).post(reverse("training:external_new"), _external_form(evidence))

    record = ExternalTraining.objects.get(employee=employee)
    assert record.evidence_content_type == "image/jpeg"
    assert record.evidence.name.endswith(".jpg")
    with record.evidence.open("rb") as fh:
        assert b"KameraRahasia" not in fh.read()


def test_evidence_is_served_as_its_validated_type_with_nosniff_and_a_sandbox(client, team):
    record = ExternalTrainingFactory(employee=team["staff"][0])

    response = _login(client, team["staff"][0].user).get(record.get_download_url())

    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in response["Cache-Control"]


def test_evidence_kept_before_the_upload_policy_is_never_served_as_a_page(client, team, officer):
    """The old hole: an HTML page with a %PDF header was served inline as text/html."""
    record = ExternalTrainingFactory(
        employee=team["staff"][0],
        evidence=ContentFile(HTML_AS_PDF, name="sertifikat.html"),
        evidence_content_type="",
    )

    response = _login(client, officer).get(record.get_download_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_evidence_is_served_to_its_owner_only(client, team, officer):
    record = ExternalTrainingFactory(employee=team["staff"][0])
    url = reverse("training:external_evidence", args=[record.pk])

    assert _login(client, team["staff"][0].user).get(url).status_code == 200
    assert _login(client, team["staff"][1].user).get(url).status_code == 404
    assert _login(client, officer).get(url).status_code == 200


def test_evidence_is_refused_to_bkd_staff_of_another_module(client, team):
    record = ExternalTrainingFactory(employee=team["staff"][0])
    payroll = factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER)

    response = _login(client, payroll).get(reverse("training:external_evidence", args=[record.pk]))

    assert response.status_code == 404


# --- Check-in and reports ----------------------------------------------------------------------


def test_training_officer_checks_a_participant_in_by_qr(client, officer):
    enrolment = EnrolmentFactory(status=S.CONFIRMED)

    with time_machine.travel(dt.datetime(2026, 3, 2, 8, 0, tzinfo=JAKARTA)):
        _login(client, officer).post(
            reverse("training:check_in", args=[enrolment.attendance_token])
        )

    assert enrolment.attendance.get().date == dt.date(2026, 3, 2)


def test_an_employee_cannot_check_anyone_in(client, team):
    enrolment = EnrolmentFactory(status=S.CONFIRMED, employee=team["staff"][0])

    response = _login(client, team["staff"][0].user).post(
        reverse("training:check_in", args=[enrolment.attendance_token])
    )

    assert response.status_code == 403


def test_participant_gets_an_svg_qr_code(client, team):
    enrolment = EnrolmentFactory(status=S.CONFIRMED, employee=team["staff"][0])

    response = _login(client, team["staff"][0].user).get(
        reverse("training:attendance_qr", args=[enrolment.pk])
    )

    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


@pytest.mark.parametrize("name", ["training:report_below", "training:report_equity"])
def test_reports_are_refused_to_an_employee(client, team, name):
    assert _login(client, team["staff"][0].user).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ["training:report_below", "training:report_equity"])
def test_reports_send_anonymous_visitors_to_sign_in(client, name):
    assert client.get(reverse(name)).status_code == 302


def test_operator_sees_only_their_units_in_the_below_target_report(client, team, unit_tree):
    factories.EmployeeFactory(unit=unit_tree["B"])
    operator = factories.UserFactory(unit=unit_tree["A"], role=roles.OPD_OPERATOR)

    rows = _login(client, operator).get(reverse("training:report_below")).context["rows"]

    assert [r["unit"].name for r in rows] == ["Dinas Pendidikan"]


def test_operator_cannot_list_another_units_employees(client, team, unit_tree):
    operator = factories.UserFactory(unit=unit_tree["A"], role=roles.OPD_OPERATOR)

    response = _login(client, operator).get(
        reverse("training:report_below"), {"unit": unit_tree["B"].pk}
    )

    assert response.status_code == 404


def test_equity_report_runs_a_bounded_number_of_queries(
    client, officer, unit_tree, django_assert_max_num_queries
):
    for i in range(30):
        employee = factories.EmployeeFactory(unit=unit_tree["A" if i % 2 else "B"])
        if i % 3:
            JpCreditFactory(employee=employee, year=2026, jp=i)
    client = _login(client, officer)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("training:report_equity"), {"year": "abc"})

    assert response.status_code == 200
    assert "<svg" in response.content.decode()


# --- Refusals, page by page ---------------------------------------------------------------------


@pytest.fixture
def personal_pages(team):
    """Pages with one employee's personal data, each with the owner's object."""
    employee = team["staff"][0]
    enrolment = EnrolmentFactory(employee=employee, status=S.COMPLETED)
    Certificate.objects.create(enrolment=enrolment)
    confirmed = EnrolmentFactory(
        employee=employee,
        status=S.CONFIRMED,
        session=TrainingSessionFactory(
            start_date=dt.date(2026, 4, 6), end_date=dt.date(2026, 4, 8)
        ),
    )
    record = ExternalTrainingFactory(employee=employee)
    return {
        "enrolment": reverse("training:enrolment", args=[enrolment.pk]),
        "certificate": reverse("training:certificate_pdf", args=[enrolment.pk]),
        "qr": reverse("training:attendance_qr", args=[confirmed.pk]),
        "evidence": reverse("training:external_evidence", args=[record.pk]),
        "check_in": reverse("training:check_in", args=[confirmed.attendance_token]),
    }


PAGES = ["enrolment", "certificate", "qr", "evidence", "check_in"]


@pytest.mark.parametrize("page", PAGES)
def test_another_employee_is_refused_every_personal_page(client, team, personal_pages, page):
    response = _login(client, team["staff"][1].user).get(personal_pages[page])

    assert response.status_code in (403, 404)


@pytest.mark.parametrize("page", ["qr", "evidence", "check_in"])
def test_operator_of_the_unit_is_refused_the_participants_own_pages(
    client, unit_tree, personal_pages, page
):
    operator = factories.UserFactory(unit=unit_tree["A"], role=roles.OPD_OPERATOR)

    assert _login(client, operator).get(personal_pages[page]).status_code in (403, 404)


@pytest.mark.parametrize("page", ["enrolment", "certificate"])
def test_operator_of_the_unit_reads_its_employees_enrolment_and_certificate(
    client, unit_tree, personal_pages, page
):
    # The access matrix: OPD operators see their unit subtree's training data.
    operator = factories.UserFactory(unit=unit_tree["A"], role=roles.OPD_OPERATOR)

    assert _login(client, operator).get(personal_pages[page]).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_operator_of_another_unit_is_refused_every_personal_page(
    client, unit_tree, personal_pages, page
):
    operator = factories.UserFactory(unit=unit_tree["B"], role=roles.OPD_OPERATOR)

    assert _login(client, operator).get(personal_pages[page]).status_code in (403, 404)


@pytest.mark.parametrize("page", PAGES)
def test_payroll_officer_is_refused_every_personal_training_page(client, personal_pages, page):
    officer = factories.UserFactory(role=roles.PAYROLL_OFFICER)

    assert _login(client, officer).get(personal_pages[page]).status_code in (403, 404)


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_sign_in_from_every_personal_page(client, personal_pages, page):
    response = client.get(personal_pages[page])

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["training:mine", "training:approvals", "training:external_new"])
def test_portal_pages_refuse_a_user_without_an_employee_record(client, unit_tree, name):
    operator = factories.UserFactory(unit=unit_tree["A"], role=roles.OPD_OPERATOR)

    assert _login(client, operator).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ["training:mine", "training:approvals", "training:external_new"])
def test_portal_pages_send_anonymous_visitors_to_sign_in(client, name):
    assert client.get(reverse(name)).status_code == 302


def test_approvals_page_lists_only_requests_the_user_must_decide(client, enrolment, team):
    page = _login(client, team["staff"][1].user).get(reverse("training:approvals")).content

    assert enrolment.employee.name.encode() not in page


def test_employee_sees_why_they_got_or_did_not_get_a_seat(client, officer, team):
    session = TrainingSessionFactory(capacity=1)
    enrolment = services.enrolment_request(session=session, employee=team["staff"][0])
    services.session_allocate_seats(session=session, by=officer)

    page = _login(client, team["staff"][0].user).get(
        reverse("training:enrolment", args=[enrolment.pk])
    )

    assert "Priority 1 of 1: 0 JP this year" in page.content.decode()


def test_portal_card_counts_the_requests_waiting_for_the_supervisor(rf, enrolment, team):
    assert training_card(rf.get("/portal/"), team["head"]).context["approvals"] == 1


def test_certificate_pdf_carries_the_verification_address(client, certificate):
    response = _login(client, certificate.enrolment.employee.user).get(
        reverse("training:certificate_pdf", args=[certificate.enrolment_id])
    )

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert f"/sertifikat/{certificate.code}/" in text.replace("\n", "")


def test_waitlisted_employee_sees_their_place_in_line(client, team):
    session = TrainingSessionFactory(capacity=1)
    services.enrolment_request(session=session, employee=team["staff"][0])
    waiting = services.enrolment_request(session=session, employee=team["staff"][1])

    page = _login(client, team["staff"][1].user).get(
        reverse("training:enrolment", args=[waiting.pk])
    )

    assert "number 1 in line" in page.content.decode()
