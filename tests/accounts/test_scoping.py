"""Who may see which employees: BKD staff all, OPD operators their subtree, employees themselves."""

import pytest
from django.urls import reverse

from asn_portal.accounts import roles
from asn_portal.personnel.access import employees_visible_to
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(unit_tree):
    return {
        "a": factories.EmployeeFactory(unit=unit_tree["A"]),
        "a1": factories.EmployeeFactory(unit=unit_tree["A1"]),
        "b": factories.EmployeeFactory(unit=unit_tree["B"]),
    }


@pytest.fixture
def operator_a(unit_tree):
    return factories.UserFactory(username="op-a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)


@pytest.fixture
def operator_a1(unit_tree):
    return factories.UserFactory(username="op-a1", unit=unit_tree["A1"], role=roles.OPD_OPERATOR)


def test_operator_sees_own_unit_subtree_only(people, operator_a):
    visible = set(employees_visible_to(operator_a))
    assert visible == {people["a"], people["a1"]}


def test_subunit_operator_does_not_see_parent_unit(people, operator_a1):
    assert set(employees_visible_to(operator_a1)) == {people["a1"]}


def test_bkd_admin_sees_everyone(people):
    admin = factories.UserFactory(username="bkd", role=roles.BKD_ADMIN)
    assert set(employees_visible_to(admin)) == set(people.values())


def test_employee_sees_only_themselves(people):
    user = factories.EmployeeUserFactory(employee=people["a"])
    assert list(employees_visible_to(user)) == [people["a"]]


def test_anonymous_sees_nobody(people):
    from django.contrib.auth.models import AnonymousUser

    assert not employees_visible_to(AnonymousUser()).exists()


def test_operator_list_page_hides_other_units(client, people, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("admin:personnel_employee_changelist"))
    assert response.status_code == 200
    assert people["a"].nip in response.content.decode()
    assert people["b"].nip not in response.content.decode()


def test_operator_search_for_other_unit_nip_finds_nothing(client, people, operator_a):
    client.force_login(operator_a)
    url = reverse("admin:personnel_employee_changelist")
    response = client.get(url, {"q": people["b"].nip})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_operator_cannot_open_other_units_employee(client, people, operator_a):
    client.force_login(operator_a)
    url = reverse("admin:personnel_employee_change", args=[people["b"].pk])
    response = client.get(url)
    # The admin redirects to its index with "doesn't exist" for objects outside the queryset.
    assert response.status_code == 302
    assert people["b"].nip not in client.get(response.url).content.decode()


def test_operator_cannot_edit_other_units_employee(client, people, operator_a):
    client.force_login(operator_a)
    url = reverse("admin:personnel_employee_change", args=[people["b"].pk])
    old_phone = people["b"].phone
    client.post(url, {"phone": "081234567890"})
    people["b"].refresh_from_db()
    assert people["b"].phone == old_phone


def test_operator_can_open_own_units_employee(client, people, operator_a):
    client.force_login(operator_a)
    url = reverse("admin:personnel_employee_change", args=[people["a1"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert people["a1"].nip in response.content.decode()


def test_operator_list_counts_only_own_subtree(client, people, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("admin:personnel_employee_changelist"))
    assert set(response.context["cl"].result_list) == {people["a"], people["a1"]}
