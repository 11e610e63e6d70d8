"""OPD operators see only that a case exists in their units; the case admin shows linked
citizen complaints by tracking code and status, never the reporter."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from asn_portal.accounts import roles
from complaints.models import Privacy
from rewards.selectors import remedy_policy_on
from tests import factories
from tests.complaints.factories import ComplaintFactory
from tests.rewards.factories import DisciplinaryCaseFactory, ExaminationFactory

pytestmark = pytest.mark.django_db

SECRET_VIOLATION = "Menerima gratifikasi dari rekanan proyek jalan"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def case(unit_tree):
    employee = factories.EmployeeFactory(unit=unit_tree["A1"], name="Dedi Terperiksa")
    case = DisciplinaryCaseFactory(employee=employee, violation=SECRET_VIOLATION)
    ExaminationFactory(case=case, summary="BAP: mengakui menerima uang")
    return case


def _operator(unit, username="op"):
    return factories.UserFactory(username=username, unit=unit, role=roles.OPD_OPERATOR)


def test_operator_sees_that_a_case_exists_for_an_employee_of_their_units(client, case, unit_tree):
    client.force_login(_operator(unit_tree["A"]))
    response = client.get(reverse("rewards:unit_cases"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dedi Terperiksa" in page
    assert "Reported" in page


def test_operator_sees_no_violation_or_examination_details(client, case, unit_tree):
    client.force_login(_operator(unit_tree["A"]))
    page = client.get(reverse("rewards:unit_cases")).content.decode()
    assert SECRET_VIOLATION not in page
    assert case.legal_article not in page
    assert "mengakui" not in page


def test_another_units_operator_sees_nothing(client, case, unit_tree):
    client.force_login(_operator(unit_tree["B"]))
    page = client.get(reverse("rewards:unit_cases")).content.decode()
    assert "Dedi Terperiksa" not in page
    assert "No cases in your units." in page


def test_a_sub_units_operator_does_not_see_a_case_in_the_unit_above(client, unit_tree):
    DisciplinaryCaseFactory(employee=factories.EmployeeFactory(unit=unit_tree["A"], name="Atas"))
    client.force_login(_operator(unit_tree["A1"]))
    assert "Atas" not in client.get(reverse("rewards:unit_cases")).content.decode()


def test_an_employee_cannot_open_the_operators_case_list(client, case):
    client.force_login(factories.EmployeeUserFactory(employee=case.employee))
    assert client.get(reverse("rewards:unit_cases")).status_code == 403


def test_anonymous_cannot_open_the_operators_case_list(client, case):
    assert client.get(reverse("rewards:unit_cases")).status_code == 302


def test_operators_case_list_queries_do_not_grow_with_cases(
    client, unit_tree, django_assert_max_num_queries
):
    for _ in range(20):
        DisciplinaryCaseFactory(employee=factories.EmployeeFactory(unit=unit_tree["A1"]))
    client.force_login(_operator(unit_tree["A"]))
    client.get(reverse("rewards:unit_cases"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("rewards:unit_cases")).status_code == 200


@pytest.fixture
def officer_client(client):
    client.force_login(factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER))
    return client


def test_case_admin_shows_the_complaints_public_code_kept_on_the_case(officer_client, case):
    case.complaint_code = "ADU-7K3M9Q"
    case.save(update_fields=["complaint_code"])
    page = officer_client.get(
        reverse("admin:rewards_disciplinarycase_change", args=[case.pk])
    ).content.decode()
    assert "ADU-7K3M9Q" in page


def test_nothing_in_rewards_imports_complaints():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "rewards"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "from complaints" in p.read_text() or "import complaints" in p.read_text()
    ]
    assert offenders == []


def test_case_admin_never_shows_the_reporters_identity(officer_client, case):
    ComplaintFactory(
        discipline_case=case,
        privacy=Privacy.CONFIDENTIAL,
        reporter_name="Pelapor Rahasia",
        reporter_email="rahasia@example.com",
        reporter_phone="081234567890",
    )
    page = officer_client.get(
        reverse("admin:rewards_disciplinarycase_change", args=[case.pk])
    ).content.decode()
    assert "Pelapor Rahasia" not in page
    assert "rahasia@example.com" not in page
    assert "081234567890" not in page


def test_case_admin_leaves_out_complaints_of_other_cases(officer_client, case):
    other = ComplaintFactory(discipline_case=DisciplinaryCaseFactory())
    page = officer_client.get(
        reverse("admin:rewards_disciplinarycase_change", args=[case.pk])
    ).content.decode()
    assert other.tracking_code not in page


def test_bkd_edits_the_filing_windows_in_the_admin(officer_client):
    response = officer_client.post(
        reverse("admin:rewards_remedypolicy_add"),
        {"effective_from": "2027-01-01", "objection_days": "21", "appeal_days": "14"},
    )
    assert response.status_code == 302
    assert remedy_policy_on(dt.date(2027, 1, 1)).objection_days == 21


def test_the_filing_window_admin_refuses_a_zero_day_window(officer_client):
    response = officer_client.post(
        reverse("admin:rewards_remedypolicy_add"),
        {"effective_from": "2027-01-01", "objection_days": "0", "appeal_days": "14"},
    )
    assert response.status_code == 200
    assert "A filing window is at least one day." in response.content.decode()
