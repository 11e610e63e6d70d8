"""Cases are confidential: discipline officers, BKD administrators and the employee concerned."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from asn_portal.accounts import roles
from asn_portal.portal.cards import cards_for
from rewards import services
from rewards.models import DisciplinaryCase, Examination, Nomination, Sanction, SanctionKind
from rewards.permissions import cases_visible_to
from rewards.portal import rewards_card
from tests import factories
from tests.rewards.factories import (
    DisciplinaryCaseFactory,
    NominationFactory,
    SanctionFactory,
    examined_case,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sanction(unit_tree):
    employee = factories.EmployeeFactory(unit=unit_tree["A"])
    return SanctionFactory(
        case__employee=employee, kind=SanctionKind.TPP_CUT_6, decree_number="800/RAHASIA/2026"
    )


@pytest.fixture
def officer():
    return factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER)


def test_discipline_officer_and_bkd_admin_see_every_case(sanction, officer):
    other = DisciplinaryCaseFactory()
    admin = factories.UserFactory(username="bkd", role=roles.BKD_ADMIN)
    assert set(cases_visible_to(officer)) == {sanction.case, other}
    assert set(cases_visible_to(admin)) == {sanction.case, other}


def test_employee_sees_only_their_own_case(sanction):
    DisciplinaryCaseFactory()
    user = factories.EmployeeUserFactory(employee=sanction.case.employee)
    assert list(cases_visible_to(user)) == [sanction.case]


def test_an_examiner_sees_the_case_they_examine_and_no_other(sanction):
    examiner = factories.EmployeeUserFactory()
    case = DisciplinaryCaseFactory(status=DisciplinaryCase.Status.EXAMINATION)
    services.examination_record(
        case=case,
        kind=Examination.Kind.RECORD,
        held_on=dt.date(2026, 6, 8),
        examiners=[examiner.employee],
    )
    assert list(cases_visible_to(examiner)) == [case]


def test_other_bkd_roles_see_no_case(sanction):
    recruiter = factories.UserFactory(username="rekrut", role=roles.RECRUITMENT_OFFICER)
    assert not cases_visible_to(recruiter).exists()


def test_operator_of_the_employees_unit_sees_no_case(sanction, unit_tree):
    operator = factories.UserFactory(username="op-a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    assert not cases_visible_to(operator).exists()


def test_anonymous_sees_no_case(sanction):
    assert not cases_visible_to(AnonymousUser()).exists()


def test_employee_sees_their_sanction_in_the_portal(client, sanction):
    client.force_login(factories.EmployeeUserFactory(employee=sanction.case.employee))
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "800/RAHASIA/2026" in page


def test_another_employee_cannot_see_the_case_in_the_portal(client, sanction, unit_tree):
    colleague = factories.EmployeeUserFactory(
        employee=factories.EmployeeFactory(unit=unit_tree["A"])
    )
    client.force_login(colleague)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    assert "800/RAHASIA/2026" not in response.content.decode()


def test_employee_sees_their_awards_in_the_portal(client, employee_user):
    NominationFactory(
        employee=employee_user.employee,
        status=Nomination.Status.APPROVED,
        sk_number="862/PENGHARGAAN/2026",
        sk_date=dt.date(2026, 8, 13),
    )
    client.force_login(employee_user)
    assert "862/PENGHARGAAN/2026" in client.get(reverse("portal:dashboard")).content.decode()


def test_portal_card_runs_two_queries_whatever_the_history(
    employee_user, django_assert_num_queries
):
    for _ in range(4):
        SanctionFactory(case__employee=employee_user.employee)
        NominationFactory(
            employee=employee_user.employee,
            status=Nomination.Status.APPROVED,
            sk_number="1/2026",
            sk_date=dt.date(2026, 8, 13),
        )
    request = RequestFactory().get("/")
    request.user = employee_user
    with django_assert_num_queries(2):
        card = rewards_card(request, employee_user.employee)
        html = render_to_string(card.template, {"card": card})
    assert html.count("1/2026") == 4


def test_rewards_card_is_registered_on_the_portal(employee_user):
    SanctionFactory(case__employee=employee_user.employee)
    request = RequestFactory().get("/")
    request.user = employee_user
    templates = [c.template for c in cards_for(request, employee_user.employee)]
    assert "rewards/portal_card.html" in templates


def test_officer_sees_the_case_list(client, sanction, officer):
    client.force_login(officer)
    response = client.get(reverse("admin:rewards_disciplinarycase_changelist"))
    assert response.status_code == 200
    assert sanction.case.employee.nip in response.content.decode()


def test_other_bkd_staff_cannot_open_the_case_list(client, sanction):
    client.force_login(factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER))
    response = client.get(reverse("admin:rewards_disciplinarycase_changelist"))
    assert response.status_code == 403


def test_operator_cannot_open_a_case(client, sanction, unit_tree):
    operator = factories.UserFactory(username="op-a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    client.force_login(operator)
    response = client.get(reverse("admin:rewards_disciplinarycase_change", args=[sanction.case.pk]))
    assert response.status_code in (302, 403)
    assert (
        sanction.decree_number
        not in client.get(reverse("admin:rewards_sanction_changelist")).content.decode()
    )


def _inline(prefix):
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}


def test_officer_records_a_case_decides_a_medium_sanction_and_the_employee_sees_it(client, officer):
    employee_user = factories.EmployeeUserFactory()
    employee = employee_user.employee
    client.force_login(officer)
    response = client.post(
        reverse("admin:rewards_disciplinarycase_add"),
        {
            "employee": employee.pk,
            "violation": "Tidak masuk kerja 12 hari",
            "legal_article": "PP 94/2021 Pasal 4 huruf f",
            "source": DisciplinaryCase.Source.ATTENDANCE,
            "reported_on": "2026-07-01",
            **_inline("examinations"),
            **_inline("evidence"),
            **_inline("events"),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    case = DisciplinaryCase.objects.get(employee=employee)
    assert case.created_by == officer

    response = client.post(
        reverse("admin:rewards_disciplinarycase_change", args=[case.pk]),
        {
            "violation": case.violation,
            "legal_article": case.legal_article,
            "start_examination_on": "2026-07-06",
            **_inline("examinations"),
            **_inline("evidence"),
            **_inline("events"),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    case.refresh_from_db()
    assert case.status == DisciplinaryCase.Status.EXAMINATION

    response = client.post(
        reverse("admin:rewards_disciplinarycase_change", args=[case.pk]),
        {
            "violation": case.violation,
            "legal_article": case.legal_article,
            "examinations-TOTAL_FORMS": "1",
            "examinations-INITIAL_FORMS": "0",
            "examinations-0-kind": "record",
            "examinations-0-held_on": "2026-07-08",
            "examinations-0-document_number": "BAP/7/2026",
            "examinations-0-summary": "Mengakui tidak masuk kerja",
            **_inline("evidence"),
            **_inline("events"),
        },
    )
    assert response.status_code == 302, [
        f.formset.errors for f in response.context["inline_admin_formsets"]
    ]
    assert case.examinations.get().document_number == "BAP/7/2026"

    response = client.post(
        reverse("admin:rewards_sanction_add"),
        {
            "case": case.pk,
            "level": "medium",
            "kind": SanctionKind.TPP_CUT_6,
            "decree_number": "800/77/BKPSDM/2026",
            "decree_date": "2026-07-27",
            "official_name": "Ir. Bupati Contoh",
            "official_title": "Bupati Contoh",
            "delivered_on": "2026-08-03",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    sanction = Sanction.objects.get(case=case)
    assert sanction.effective_from == dt.date(2026, 8, 26)

    client.force_login(employee_user)
    assert "800/77/BKPSDM/2026" in client.get(reverse("portal:dashboard")).content.decode()


def test_admin_form_shows_an_invalid_level_and_type_as_an_error(client, officer):
    case = examined_case()
    client.force_login(officer)
    response = client.post(
        reverse("admin:rewards_sanction_add"),
        {
            "case": case.pk,
            "level": "light",
            "kind": SanctionKind.DISMISSAL,
            "decree_number": "800/78/2026",
            "decree_date": "2026-07-27",
            "official_name": "A",
            "official_title": "B",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Sanction.objects.exists()


def test_admin_shows_a_refused_decision_on_the_form(client, officer):
    case = DisciplinaryCaseFactory(status=DisciplinaryCase.Status.EXAMINATION)
    client.force_login(officer)
    response = client.post(
        reverse("admin:rewards_sanction_add"),
        {
            "case": case.pk,
            "level": "light",
            "kind": SanctionKind.VERBAL_REPRIMAND,
            "decree_number": "800/79/2026",
            "decree_date": "2026-07-27",
            "official_name": "A",
            "official_title": "B",
        },
    )
    assert response.status_code == 200
    assert "BAP" in str(response.context["adminform"].form.non_field_errors())
    assert not Sanction.objects.exists()


def test_an_examiner_sees_the_open_case_in_their_portal(client):
    examiner = factories.EmployeeUserFactory()
    case = DisciplinaryCaseFactory(
        status=DisciplinaryCase.Status.EXAMINATION, legal_article="PP 94/2021 Pasal 5 huruf a"
    )
    services.examination_record(
        case=case,
        kind=Examination.Kind.SUMMONS,
        held_on=dt.date(2026, 6, 8),
        examiners=[examiner.employee],
    )
    client.force_login(examiner)
    assert "Pasal 5 huruf a" in client.get(reverse("portal:dashboard")).content.decode()
    client.force_login(factories.EmployeeUserFactory())
    assert "Pasal 5 huruf a" not in client.get(reverse("portal:dashboard")).content.decode()
