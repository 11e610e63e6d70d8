"""Portal and leadership pages: who may see what, clear 4xx on bad input, bounded queries."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from appraisal import services
from appraisal.models import Evaluation, FeedbackRequest, Plan
from asn_portal.accounts import roles
from tests import factories
from tests.files import HTML_AS_JPEG, pdf_bytes

from .factories import PlanResultFactory, answer, approved_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_plan(cycle, org):
    return Plan.objects.get(cycle=cycle, employee=org.staff[0])


@pytest.fixture
def staff_evaluation(staff_plan, org):
    approved_plan(staff_plan)
    return Evaluation.objects.get(employee=org.staff[0], period__kind="periodic", period__number=2)


@pytest.fixture
def operator_b(org):
    return factories.UserFactory(
        username="operator-b", unit=org.units["B"], role=roles.OPD_OPERATOR
    )


@pytest.fixture
def operator_a(org):
    return factories.UserFactory(
        username="operator-a", unit=org.units["A"], role=roles.OPD_OPERATOR
    )


def as_user(client, user):
    client.force_login(user)
    return client


# --- SKP page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "supervisor", "operator_of_the_unit", "bkd_officer"])
def test_the_skp_is_read_by_its_owner_supervisor_operator_and_bkd(
    client, org, staff_plan, operator_a, who
):
    user = {
        "owner": org.staff[0].user,
        "supervisor": org.chief.user,
        "operator_of_the_unit": operator_a,
        "bkd_officer": factories.UserFactory(role=roles.APPRAISAL_OFFICER),
    }[who]

    response = as_user(client, user).get(reverse("appraisal:plan", args=[staff_plan.pk]))

    assert response.status_code == 200
    assert org.staff[0].full_name in response.content.decode()


@pytest.mark.parametrize("who", ["peer", "supervisors_supervisor", "other_units_operator"])
def test_nobody_else_reads_another_employees_skp(client, org, staff_plan, operator_b, who):
    user = {
        "peer": org.staff[1].user,
        "supervisors_supervisor": org.head.user,
        "other_units_operator": operator_b,
    }[who]

    response = as_user(client, user).get(reverse("appraisal:plan", args=[staff_plan.pk]))

    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, staff_plan):
    response = client.get(reverse("appraisal:plan", args=[staff_plan.pk]))

    assert response.status_code == 302 and "/akun/masuk/" in response.url


def test_adding_a_result_without_a_target_is_a_400_with_a_message(client, org, cycle):
    head_plan = Plan.objects.get(cycle=cycle, employee=org.head)

    response = as_user(client, org.head.user).post(
        reverse("appraisal:result_add", args=[head_plan.pk]),
        {"description": "Indeks kepuasan layanan", "indicator": "IKM", "target": ""},
    )

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_submitting_an_empty_skp_is_a_400_with_the_reason(client, org, staff_plan):
    response = as_user(client, org.staff[0].user).post(
        reverse("appraisal:plan_move", args=[staff_plan.pk, "submit"])
    )

    assert response.status_code == 400
    assert "at least one expected result" in response.content.decode()


def test_approving_someone_elses_skp_is_refused_with_400(client, org, staff_plan):
    PlanResultFactory(plan=staff_plan)
    Plan.objects.filter(pk=staff_plan.pk).update(status="submitted")

    response = as_user(client, org.staff[0].user).post(
        reverse("appraisal:plan_move", args=[staff_plan.pk, "approve"])
    )

    assert response.status_code == 400
    assert Plan.objects.get(pk=staff_plan.pk).status == "submitted"


def test_an_unknown_move_is_not_found(client, org, staff_plan):
    response = as_user(client, org.staff[0].user).post(
        reverse("appraisal:plan_move", args=[staff_plan.pk, "explode"])
    )

    assert response.status_code == 404


def test_the_skp_page_runs_a_bounded_number_of_queries(
    client, org, staff_plan, django_assert_max_num_queries
):
    for _ in range(5):
        PlanResultFactory(plan=staff_plan)
    as_user(client, org.staff[0].user)

    with django_assert_max_num_queries(12):
        client.get(reverse("appraisal:plan", args=[staff_plan.pk]))


# --- Evaluation page, PDF, anonymity --------------------------------------------------------


def test_the_employee_reads_their_evaluation(client, org, staff_evaluation):
    response = as_user(client, org.staff[0].user).get(
        reverse("appraisal:evaluation", args=[staff_evaluation.pk])
    )

    assert response.status_code == 200


@pytest.mark.parametrize("who", ["peer", "other_units_operator"])
def test_nobody_else_reads_the_evaluation(client, org, staff_evaluation, operator_b, who):
    user = {"peer": org.staff[1].user, "other_units_operator": operator_b}[who]

    response = as_user(client, user).get(
        reverse("appraisal:evaluation", args=[staff_evaluation.pk])
    )

    assert response.status_code == 404


def test_the_evaluation_pdf_downloads_for_the_employee(client, org, staff_evaluation):
    response = as_user(client, org.staff[0].user).get(
        reverse("appraisal:evaluation_pdf", args=[staff_evaluation.pk])
    )

    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert org.staff[0].nip in text


def test_the_evaluation_pdf_is_refused_to_a_peer(client, org, staff_evaluation):
    response = as_user(client, org.staff[1].user).get(
        reverse("appraisal:evaluation_pdf", args=[staff_evaluation.pk])
    )

    assert response.status_code == 404


def test_an_invalid_rating_is_a_400_with_a_message(client, org, staff_evaluation):
    Evaluation.objects.filter(pk=staff_evaluation.pk).update(status="submitted")

    response = as_user(client, org.chief.user).post(
        reverse("appraisal:evaluation_move", args=[staff_evaluation.pk, "rate"]),
        {"rating_results": "superb", "rating_behaviour": "meets", "results_feedback": "ok"},
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


@pytest.fixture
def chief_evaluation(cycle, org):
    evaluation = Evaluation.objects.get(
        employee=org.chief, period__number=1, period__kind="periodic"
    )
    for request in evaluation.feedback_requests.filter(group="subordinate")[:3]:
        answer(request, 4, comment="Sangat membantu tim")
    services.feedback_release(evaluation=evaluation)  # the feedback window has closed
    return evaluation


@pytest.mark.parametrize("who", ["chief", "head"])
def test_the_evaluation_page_shows_subordinate_aggregates_without_names(
    client, org, chief_evaluation, who
):
    user = {"chief": org.chief.user, "head": org.head.user}[who]

    content = (
        as_user(client, user)
        .get(reverse("appraisal:evaluation", args=[chief_evaluation.pk]))
        .content.decode()
    )

    assert "4.0" in content or "4,0" in content
    assert not any(e.name in content or e.nip in content for e in org.staff)


def test_two_answers_are_not_shown_on_the_page(client, org, cycle):
    evaluation = Evaluation.objects.get(
        employee=org.chief, period__number=2, period__kind="periodic"
    )
    for request in evaluation.feedback_requests.filter(group="subordinate")[:2]:
        answer(request, 2)

    content = (
        as_user(client, org.chief.user)
        .get(reverse("appraisal:evaluation", args=[evaluation.pk]))
        .content.decode()
    )

    assert "2.0" not in content and "2,0" not in content
    assert "at least 3 raters" in content


def test_the_feedback_admin_is_closed_to_opd_operators(client, operator_a, chief_evaluation):
    response = as_user(client, operator_a).get(
        reverse("admin:appraisal_feedbackrequest_changelist")
    )

    assert response.status_code == 403


def test_the_feedback_admin_shows_raters_to_the_appraisal_officer(client, org, chief_evaluation):
    officer = factories.UserFactory(role=roles.APPRAISAL_OFFICER)

    response = as_user(client, officer).get(reverse("admin:appraisal_feedbackrequest_changelist"))

    assert response.status_code == 200


def test_the_opd_operator_reads_skps_of_their_unit_in_the_admin(client, operator_a, staff_plan):
    response = as_user(client, operator_a).get(reverse("admin:appraisal_plan_changelist"))

    assert response.status_code == 200
    assert staff_plan.employee.name in response.content.decode()


def test_the_opd_operator_does_not_see_other_units_skps_in_the_admin(
    client, operator_b, staff_plan
):
    response = as_user(client, operator_b).get(
        reverse("admin:appraisal_plan_change", args=[staff_plan.pk])
    )

    assert response.status_code == 302  # the admin's "does not exist" redirect


# --- 360° feedback page -------------------------------------------------------------------


def test_the_rater_answers_the_feedback_form(client, org, cycle):
    request = FeedbackRequest.objects.filter(rater=org.staff[1], group="peer").first()
    data = {value: 4 for value in ("service", "accountable", "competent", "harmonious")}
    data |= {"loyal": 5, "adaptive": 3, "collaborative": 4, "comment": "Rajin"}

    response = as_user(client, org.staff[1].user).post(
        reverse("appraisal:feedback", args=[request.pk]), data
    )

    request.refresh_from_db()
    assert response.status_code == 302
    assert (request.score_loyal, request.answered_at is not None) == (5, True)


def test_a_feedback_form_without_scores_is_a_400(client, org, cycle):
    request = FeedbackRequest.objects.filter(rater=org.staff[1], group="peer").first()

    response = as_user(client, org.staff[1].user).post(
        reverse("appraisal:feedback", args=[request.pk]), {"comment": "?"}
    )

    assert response.status_code == 400
    assert "score from 1 to 5" in response.content.decode()


def test_someone_elses_feedback_form_is_not_found(client, org, cycle):
    request = FeedbackRequest.objects.filter(rater=org.staff[1], group="peer").first()

    response = as_user(client, org.staff[2].user).get(
        reverse("appraisal:feedback", args=[request.pk])
    )

    assert response.status_code == 404


# --- Home, team and portal card ---------------------------------------------------------------


def test_the_supervisor_sees_each_subordinate_and_who_owes_the_next_step(client, org, cycle):
    Plan.objects.filter(cycle=cycle, employee=org.staff[0]).update(status="submitted")

    content = as_user(client, org.chief.user).get(reverse("appraisal:home")).content.decode()

    assert all(e.full_name in content for e in org.staff)
    assert "You: approve or return the SKP" in content
    assert "Employee: draft and submit the SKP" in content


def test_the_home_page_runs_a_bounded_number_of_queries(
    client, org, cycle, django_assert_max_num_queries
):
    as_user(client, org.chief.user)

    with django_assert_max_num_queries(12):
        client.get(reverse("appraisal:home"))


def test_the_home_page_needs_an_employee_account(client, db):
    response = as_user(client, factories.UserFactory(role=roles.APPRAISAL_OFFICER)).get(
        reverse("appraisal:home")
    )

    assert response.status_code == 403


def test_the_portal_shows_the_appraisal_card(client, org, cycle):
    content = as_user(client, org.staff[0].user).get(reverse("portal:dashboard")).content.decode()

    assert "Open my appraisal" in content


# --- Leadership dashboard ---------------------------------------------------------------------


def test_the_dashboard_shows_completion_per_opd_to_bkd(
    client, cycle, django_assert_max_num_queries
):
    client.force_login(factories.UserFactory(role=roles.APPRAISAL_OFFICER))

    with django_assert_max_num_queries(14):
        response = client.get(reverse("appraisal:dashboard"))

    content = response.content.decode()
    assert "Dinas Pendidikan" in content and "Dinas Kesehatan" in content
    assert "0/6" in content  # Dinas A: no SKP of six approved yet


def test_the_dashboard_flags_a_unit_outside_its_curve(client, org, cycle):
    from django.utils import timezone

    from appraisal.models import UnitAssessment

    annual = cycle.periods.get(kind="annual")
    Evaluation.objects.filter(period=annual).update(
        status="rated",
        rating_results="meets",
        rating_behaviour="meets",
        predikat="baik",
        rated_at=timezone.now(),
    )
    UnitAssessment.objects.create(period=annual, unit=org.units["A"], predikat="baik")
    client.force_login(factories.UserFactory(role=roles.APPRAISAL_OFFICER))

    content = client.get(reverse("appraisal:dashboard"), {"period": annual.pk}).content.decode()

    assert "Outside the curve" in content and "More than 70% Baik." in content
    assert "Baik (good)" in content


def test_the_dashboard_shows_the_operator_only_their_unit(client, cycle, operator_b):
    content = as_user(client, operator_b).get(reverse("appraisal:dashboard")).content.decode()

    assert "Dinas Kesehatan" in content and "Dinas Pendidikan" not in content


def test_the_dashboard_is_refused_to_an_employee(client, org, cycle):
    response = as_user(client, org.head.user).get(reverse("appraisal:dashboard"))

    assert response.status_code == 403


def test_the_dashboard_sends_anonymous_visitors_to_sign_in(client, cycle):
    assert client.get(reverse("appraisal:dashboard")).status_code == 302


# --- Evidence files ---------------------------------------------------------------------------


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


LAPORAN = pdf_bytes(author="Laporan")


def upload(client, evaluation, content=LAPORAN, name="laporan.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    result = evaluation.plan.results.first()
    return client.post(
        reverse("appraisal:realisation", args=[evaluation.pk, result.pk]),
        {"realisation": "12 laporan selesai", "evidence_file": SimpleUploadedFile(name, content)},
    )


def test_the_employee_uploads_evidence_and_downloads_it(
    client, org, staff_evaluation, private_media
):
    as_user(client, org.staff[0].user)
    upload(client, staff_evaluation)
    realisation = staff_evaluation.realisations.get()

    response = client.get(reverse("appraisal:evidence", args=[staff_evaluation.pk, realisation.pk]))

    assert b"".join(response.streaming_content) == LAPORAN
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert str(private_media) in realisation.evidence_file.path
    assert "laporan" not in realisation.evidence_file.name  # the uploader's name is not kept


def test_a_peer_cannot_download_the_evidence(client, org, staff_evaluation, private_media):
    upload(as_user(client, org.staff[0].user), staff_evaluation)
    realisation = staff_evaluation.realisations.get()

    response = as_user(client, org.staff[1].user).get(
        reverse("appraisal:evidence", args=[staff_evaluation.pk, realisation.pk])
    )

    assert response.status_code == 404


def test_evidence_over_5_mb_is_a_400(client, org, staff_evaluation, private_media):
    response = upload(
        as_user(client, org.staff[0].user), staff_evaluation, content=b"x" * (5 * 1024 * 1024 + 1)
    )

    assert response.status_code == 400
    assert "at most 5 MB" in response.content.decode()


def test_evidence_that_is_not_really_a_pdf_is_a_400(client, org, staff_evaluation, private_media):
    response = upload(
        as_user(client, org.staff[0].user), staff_evaluation, content=b"MZ\x90\x00", name="x.pdf"
    )

    assert response.status_code == 400
    assert not staff_evaluation.realisations.exclude(evidence_file="").exists()


def test_the_evaluation_page_runs_a_bounded_number_of_queries(
    client, org, chief_evaluation, django_assert_max_num_queries
):
    approved_plan(chief_evaluation.plan, results=4)
    as_user(client, org.chief.user)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("appraisal:evaluation", args=[chief_evaluation.pk]))

    assert "Berorientasi Pelayanan" in response.content.decode()


def test_the_employee_acknowledges_the_rated_result_on_the_page(client, org, staff_evaluation):
    from django.utils import timezone

    Evaluation.objects.filter(pk=staff_evaluation.pk).update(
        status="rated",
        rating_results="meets",
        rating_behaviour="meets",
        predikat="baik",
        rated_at=timezone.now(),
    )

    response = as_user(client, org.staff[0].user).post(
        reverse("appraisal:evaluation_move", args=[staff_evaluation.pk, "acknowledge"])
    )

    assert response.status_code == 302
    assert Evaluation.objects.get(pk=staff_evaluation.pk).status == "acknowledged"


def test_the_portal_card_runs_at_most_four_queries(org, cycle, rf, django_assert_max_num_queries):
    from appraisal.portal import appraisal_card

    with django_assert_max_num_queries(4):
        card = appraisal_card(rf.get("/portal/"), org.staff[0])

    assert card.context["plan"].employee == org.staff[0]


def test_the_annual_evaluation_page_lists_the_years_periodic_results(client, org, cycle):
    from django.utils import timezone

    Evaluation.objects.filter(
        employee=org.staff[0], period__kind="periodic", period__number=1
    ).update(
        status="rated",
        rating_results="above",
        rating_behaviour="above",
        predikat="sangat_baik",
        rated_at=timezone.now(),
    )
    annual = Evaluation.objects.get(employee=org.staff[0], period__kind="annual")

    response = as_user(client, org.chief.user).get(
        reverse("appraisal:evaluation", args=[annual.pk])
    )

    assert "Sangat Baik" in response.content.decode()


def test_html_behind_a_jpeg_header_is_a_400(client, org, staff_evaluation, private_media):
    response = upload(
        as_user(client, org.staff[0].user), staff_evaluation, content=HTML_AS_JPEG, name="x.jpg"
    )

    assert response.status_code == 400
    assert not staff_evaluation.realisations.exists()


def test_the_evaluation_admin_page_links_the_evidence_without_its_storage_path(
    client, org, staff_evaluation, private_media
):
    upload(as_user(client, org.staff[0].user), staff_evaluation)
    realisation = staff_evaluation.realisations.get()
    officer = factories.UserFactory(username="penilaian", role=roles.APPRAISAL_OFFICER)

    page = as_user(client, officer).get(
        reverse("admin:appraisal_evaluation_change", args=[staff_evaluation.pk])
    )

    assert page.status_code == 200
    assert realisation.get_download_url() in page.content.decode()
    assert realisation.evidence_file.name not in page.content.decode()
    assert client.get(realisation.get_download_url()).status_code == 200


def test_an_opd_operator_of_another_unit_cannot_download_the_evidence(
    client, org, staff_evaluation, private_media, operator_b
):
    upload(as_user(client, org.staff[0].user), staff_evaluation)
    realisation = staff_evaluation.realisations.get()

    assert as_user(client, operator_b).get(realisation.get_download_url()).status_code == 404


def test_the_portal_card_shows_the_skp_deadline_only_while_the_skp_can_be_submitted(
    client, org, cycle
):
    from appraisal.models import Plan

    user = org.staff[0].user
    due = "due 27 February 2026"
    assert due in as_user(client, user).get(reverse("portal:dashboard")).content.decode()

    Plan.objects.filter(cycle=cycle, employee=org.staff[0]).update(status=Plan.Status.SUBMITTED)
    assert due not in as_user(client, user).get(reverse("portal:dashboard")).content.decode()
