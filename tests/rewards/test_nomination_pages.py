"""Nomination by a supervisor (their direct subordinates) or an OPD operator (their units)."""

import datetime as dt

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from asn_portal.accounts import roles
from asn_portal.portal.cards import cards_for
from rewards.models import Nomination
from rewards.portal import nominate_card
from tests import factories
from tests.rewards.factories import AwardTypeFactory, SanctionFactory, award_type

pytestmark = pytest.mark.django_db

JUSTIFICATION = "Memimpin digitalisasi layanan perizinan sehingga antrean berkurang separuh."


@pytest.fixture(autouse=True)
def _english_on_1_september_2026(settings):
    """Assertions read the English source strings; eligibility is checked on 1 Sep 2026."""
    settings.LANGUAGE_CODE = "en"
    with (
        translation.override("en"),
        time_machine.travel(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC), tick=False),
    ):
        yield


@pytest.fixture
def people(unit_tree):
    """The head of unit A (a supervisor), a staff member of A, and staff of unit B."""
    head = factories.EmployeeFactory(unit=unit_tree["A"], position=unit_tree["A"].head_position)
    return {
        "head": factories.EmployeeUserFactory(employee=head),
        "staff": factories.EmployeeFactory(unit=unit_tree["A"], name="Rina Staf"),
        "other": factories.EmployeeFactory(unit=unit_tree["B"], name="Budi Lain"),
    }


@pytest.fixture
def appreciation():
    return AwardTypeFactory(name="Piagam Inovasi Layanan")


def _post(client, employee, award, **extra):
    data = {"award_type": award.pk, "year": 2026, "justification": JUSTIFICATION, **extra}
    return client.post(reverse("rewards:nominate", args=[employee.pk]), data)


def test_supervisor_nominates_their_subordinate(client, people, appreciation):
    client.force_login(people["head"])
    response = _post(client, people["staff"], appreciation)
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.employee, nomination.nominated_by, nomination.justification) == (
        people["staff"],
        people["head"],
        JUSTIFICATION,
    )
    assert nomination.status == Nomination.Status.SUBMITTED


def test_supervisor_cannot_nominate_someone_elses_subordinate(client, people, appreciation):
    client.force_login(people["head"])
    assert _post(client, people["other"], appreciation).status_code == 404
    assert not Nomination.objects.exists()


def test_supervisor_cannot_open_the_form_for_someone_elses_subordinate(client, people):
    client.force_login(people["head"])
    response = client.get(reverse("rewards:nominate", args=[people["other"].pk]))
    assert response.status_code == 404


def test_an_employee_cannot_nominate_a_colleague_who_is_not_their_subordinate(
    client, people, appreciation
):
    client.force_login(factories.EmployeeUserFactory(employee=people["staff"]))
    colleague = factories.EmployeeFactory(unit=people["staff"].unit)
    assert _post(client, colleague, appreciation).status_code == 404


def test_supervisor_cannot_nominate_themselves(client, people, appreciation):
    client.force_login(people["head"])
    assert _post(client, people["head"].employee, appreciation).status_code == 404


def test_the_form_shows_the_eligibility_result_and_reason_before_submitting(client, people):
    client.force_login(people["head"])
    page = client.get(reverse("rewards:nominate", args=[people["staff"].pk])).content.decode()
    # TMT CPNS 1 March 2005: 21 whole years on 1 September 2026.
    assert "21 years of service from TMT CPNS; requirements met." in page
    assert award_type("slks-xxx").name in page
    assert "21 years of service from TMT CPNS; 30 years are required." in page


def test_the_form_shows_a_sanction_in_force_as_the_reason(client, people):
    SanctionFactory(case__employee=people["staff"])  # TPP cut from 26 Aug 2026
    client.force_login(people["head"])
    page = client.get(reverse("rewards:nominate", args=[people["staff"].pk])).content.decode()
    assert "medium or heavy disciplinary sanction" in page


def test_operator_nominates_an_employee_of_a_sub_unit(client, unit_tree, appreciation):
    operator = factories.UserFactory(username="op-a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    employee = factories.EmployeeFactory(unit=unit_tree["A1"])
    client.force_login(operator)
    assert _post(client, employee, appreciation).status_code == 302
    assert Nomination.objects.get().nominated_by == operator


def test_operator_cannot_nominate_an_employee_of_another_unit(client, unit_tree, appreciation):
    operator = factories.UserFactory(
        username="op-a1", unit=unit_tree["A1"], role=roles.OPD_OPERATOR
    )
    parent_unit_employee = factories.EmployeeFactory(unit=unit_tree["A"])
    client.force_login(operator)
    assert _post(client, parent_unit_employee, appreciation).status_code == 404
    assert not Nomination.objects.exists()


def test_operator_sees_only_their_units_employees_in_the_list(client, unit_tree):
    factories.EmployeeFactory(unit=unit_tree["A1"], name="Ani Subunit")
    factories.EmployeeFactory(unit=unit_tree["B"], name="Budi Kesehatan")
    client.force_login(
        factories.UserFactory(username="op-a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    )
    page = client.get(reverse("rewards:nominate_index")).content.decode()
    assert "Ani Subunit" in page
    assert "Budi Kesehatan" not in page


def test_supervisor_list_shows_their_subordinates_only(client, people):
    client.force_login(people["head"])
    page = client.get(reverse("rewards:nominate_index")).content.decode()
    assert "Rina Staf" in page
    assert "Budi Lain" not in page


def test_anonymous_is_sent_to_sign_in(client, people, appreciation):
    response = _post(client, people["staff"], appreciation)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert client.get(reverse("rewards:nominate_index")).status_code == 302
    assert not Nomination.objects.exists()


def test_bkd_staff_without_an_employee_record_use_the_admin_instead(client, people):
    client.force_login(factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER))
    assert client.get(reverse("rewards:nominate_index")).status_code == 403


def test_a_short_justification_is_refused_with_a_message_and_nothing_saved(
    client, people, appreciation
):
    client.force_login(people["head"])
    response = _post(client, people["staff"], appreciation, justification="Bagus.")
    assert response.status_code == 400
    assert "at least 20 characters" in response.content.decode()
    assert not Nomination.objects.exists()


def test_an_unknown_award_is_refused_with_a_message(client, people, appreciation):
    client.force_login(people["head"])
    response = client.post(
        reverse("rewards:nominate", args=[people["staff"].pk]),
        {"award_type": "999999", "year": "2026", "justification": JUSTIFICATION},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_a_year_far_off_is_refused_with_a_message(client, people, appreciation):
    client.force_login(people["head"])
    response = _post(client, people["staff"], appreciation, year="2031")
    assert response.status_code == 400
    assert "Choose a year from 2025 to 2027." in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_cash_incentive_without_an_amount_is_refused_by_the_service(client, people):
    cash = AwardTypeFactory(category="cash", name="Insentif Tunai")
    client.force_login(people["head"])
    response = _post(client, people["staff"], cash)
    assert response.status_code == 400
    assert "A cash incentive needs an amount." in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_second_nomination_for_the_same_award_and_year_is_refused(client, people, appreciation):
    client.force_login(people["head"])
    _post(client, people["staff"], appreciation)
    response = _post(client, people["staff"], appreciation)
    assert response.status_code == 400
    assert "already nominated" in response.content.decode()
    assert Nomination.objects.count() == 1


def test_the_nominator_sees_the_reason_their_nomination_was_rejected(client, people, appreciation):
    client.force_login(people["head"])
    _post(client, people["staff"], appreciation)
    Nomination.objects.update(status="rejected", rejection_reason="Belum ada bukti dampak.")
    page = client.get(reverse("rewards:nominate_index")).content.decode()
    assert "Belum ada bukti dampak." in page


def test_the_form_page_runs_a_bounded_number_of_queries(
    client, people, django_assert_max_num_queries
):
    for _ in range(5):
        AwardTypeFactory()
    client.force_login(people["head"])
    url = reverse("rewards:nominate", args=[people["staff"].pk])
    client.get(url)
    with django_assert_max_num_queries(30):  # 26 with 13 award types: ~1.5 per type
        assert client.get(url).status_code == 200


def test_the_list_page_queries_do_not_grow_with_the_people_listed(
    client, unit_tree, django_assert_max_num_queries
):
    for _ in range(30):
        factories.EmployeeFactory(unit=unit_tree["A1"])
    operator = factories.UserFactory(username="op-a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    client.force_login(operator)
    client.get(reverse("rewards:nominate_index"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("rewards:nominate_index")).status_code == 200


def _card_templates(user):
    request = RequestFactory().get("/")
    request.user = user
    return [c.template for c in cards_for(request, user.employee)]


def test_a_supervisor_gets_a_portal_card_leading_to_the_nomination_page(client, people):
    assert "rewards/nominate_card.html" in _card_templates(people["head"])
    client.force_login(people["head"])
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("rewards:nominate_index") in page


def test_an_employee_without_subordinates_gets_no_nomination_card(people):
    user = factories.EmployeeUserFactory(employee=people["staff"])
    assert "rewards/nominate_card.html" not in _card_templates(user)


def test_the_nomination_card_costs_at_most_three_queries(people, django_assert_max_num_queries):
    user = factories.EmployeeUserFactory(employee=people["staff"])
    request = RequestFactory().get("/")
    request.user = user
    employee = user.employee
    with django_assert_max_num_queries(3):
        nominate_card(request, employee)
