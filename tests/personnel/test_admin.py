"""The employee admin: bounded queries on the list, an audit trail of every change, rank records."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from asn_portal.accounts import roles
from asn_portal.personnel.models import Employee, RankHistory
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:personnel_employee_changelist"
# Session, user, roles, two permission lookups, rank filter, unit filter, count, the page.
CHANGELIST_MAX_QUERIES = 9


@pytest.fixture
def bkd_admin(db):
    return factories.UserFactory(username="admin-bkd", first_name="Admin", role=roles.BKD_ADMIN)


@pytest.fixture
def admin_client_bkd(client, bkd_admin):
    client.force_login(bkd_admin)
    return client


def employees(how_many: int) -> list[Employee]:
    """Employees in different units, positions and ranks, so nothing is shared by chance."""
    ranks = [factories.rank(code) for code in ("II/c", "III/a", "III/b", "IV/a")]
    return [factories.EmployeeFactory(rank=ranks[i % len(ranks)]) for i in range(how_many)]


@pytest.mark.parametrize("how_many", [5, 60])
def test_changelist_queries_do_not_grow_with_the_number_of_employees(
    admin_client_bkd, how_many, django_assert_max_num_queries
):
    employees(how_many)

    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        response = admin_client_bkd.get(reverse(CHANGELIST))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == min(how_many, 50)


@pytest.mark.parametrize("how_many", [5, 60])
def test_changelist_search_by_nip_runs_the_same_bounded_queries(
    admin_client_bkd, how_many, django_assert_max_num_queries
):
    wanted = employees(how_many)[3]

    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        response = admin_client_bkd.get(reverse(CHANGELIST), {"q": wanted.nip})

    assert list(response.context["cl"].result_list) == [wanted]


@pytest.mark.parametrize("how_many", [5, 60])
def test_changelist_filtered_by_unit_runs_the_same_bounded_queries(
    admin_client_bkd, how_many, django_assert_max_num_queries
):
    people = employees(how_many)
    unit = people[2].unit
    colleague = factories.EmployeeFactory(unit=unit)

    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        response = admin_client_bkd.get(reverse(CHANGELIST), {"unit__id__exact": unit.pk})

    assert set(response.context["cl"].result_list) == {people[2], colleague}


def change_form_data(response) -> dict:
    """The POST data the change form would send back unchanged, inlines included."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            add(form)
    return data


def post_change(client, employee: Employee, **changes):
    url = reverse("admin:personnel_employee_change", args=[employee.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


@pytest.fixture
def employee(db):
    # The admin form validates the NIP against the birth date, so the date is given here.
    return factories.EmployeeFactory(
        name="Rina Marlina", birth_date=dt.date(1980, 7, 14), phone="081200000001"
    )


def test_admin_change_is_in_the_audit_log_with_actor_and_old_and_new_values(
    admin_client_bkd, bkd_admin, employee
):
    response = post_change(admin_client_bkd, employee, name="Rina Marlina Sari")

    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = LogEntry.objects.get_for_object(employee).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == bkd_admin
    assert entry.changes_dict["name"] == ["Rina Marlina", "Rina Marlina Sari"]


def test_unchanged_admin_save_records_no_update(admin_client_bkd, employee):
    post_change(admin_client_bkd, employee)

    assert not LogEntry.objects.get_for_object(employee).filter(action=LogEntry.Action.UPDATE)


def test_history_page_shows_who_changed_what(admin_client_bkd, employee):
    post_change(admin_client_bkd, employee, phone="081299998888")

    url = reverse("admin:personnel_employee_auditlog", args=[employee.pk])
    response = admin_client_bkd.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "081200000001" in page
    assert "081299998888" in page
    assert "admin-bkd" in page


def test_history_page_of_another_units_employee_is_refused_to_an_opd_operator(client, employee):
    other_unit = factories.OrgUnitFactory()
    operator = factories.UserFactory(username="op", unit=other_unit, role=roles.OPD_OPERATOR)
    client.force_login(operator)

    response = client.get(reverse("admin:personnel_employee_auditlog", args=[employee.pk]))

    # As for the change page: back to the admin index, "does not exist".
    assert response.status_code == 302
    assert employee.nip not in client.get(response.url).content.decode()


def test_rank_change_in_the_admin_form_adds_a_rank_record_and_keeps_the_old(
    admin_client_bkd, employee
):
    new_rank = factories.rank("III/b")

    response = post_change(
        admin_client_bkd,
        employee,
        rank=new_rank.pk,
        rank_tmt="2010-04-01",
        mkg_years="8",
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    history = [
        (record.rank.code, record.tmt, record.is_current)
        for record in RankHistory.objects.filter(employee=employee).order_by("tmt")
    ]
    assert history == [("III/a", dt.date(2006, 3, 1), False), ("III/b", dt.date(2010, 4, 1), True)]
    employee.refresh_from_db()
    assert (employee.rank, employee.mkg_years) == (new_rank, 8)
    rank_entry = LogEntry.objects.get_for_object(employee).get(action=LogEntry.Action.UPDATE)
    assert set(rank_entry.changes_dict) >= {"rank", "rank_tmt", "mkg_years"}


def test_saving_without_a_rank_change_adds_no_rank_record(admin_client_bkd, employee):
    post_change(admin_client_bkd, employee, phone="081277776666")

    assert RankHistory.objects.filter(employee=employee).count() == 1


# --- The OPD operator's form: contact and bank details yes, identity and appointment no --------


@pytest.fixture
def operator_client(client, employee):
    operator = factories.UserFactory(
        username="op-form", unit=employee.unit, role=roles.OPD_OPERATOR
    )
    client.force_login(operator)
    return client


IDENTITY_POSTED = {
    "name": "Nama Palsu",
    "front_title": "Dr.",
    "back_title": "S.H.",
    "sex": "P",
    "birth_place": "Tempat Lain",
    "birth_date": "1990-01-01",
    "nip": "199001012015032001",
    "nik": "3201014101900001",
}


def test_operator_form_shows_identity_and_appointment_fields_read_only(operator_client, employee):
    response = operator_client.get(reverse("admin:personnel_employee_change", args=[employee.pk]))

    editable = set(response.context["adminform"].form.fields)
    assert response.status_code == 200
    assert editable.isdisjoint(
        {"nip", "nik", "name", "front_title", "back_title", "sex", "birth_place", "birth_date"}
    )
    assert editable.isdisjoint({"status", "rank", "position", "unit", "tmt_cpns"})
    assert {"phone", "email", "bank_account"} <= editable


def test_operator_saves_contact_details_while_posted_identity_fields_stay_unchanged(
    operator_client, employee
):
    before = Employee.objects.values().get(pk=employee.pk)

    response = post_change(
        operator_client,
        employee,
        phone="081299999999",
        bank_account="1234567890",
        **IDENTITY_POSTED,
    )

    assert response.status_code == 302
    after = Employee.objects.values().get(pk=employee.pk)
    assert after["phone"] == "081299999999" and after["bank_account"] == "1234567890"
    for field in ("name", "front_title", "back_title", "sex", "birth_place", "birth_date", "nip"):
        assert after[field] == before[field], field


def test_operator_form_with_a_record_failing_a_read_only_check_shows_the_error_not_a_500(
    operator_client, employee
):
    # A record whose NIP no longer matches its birth date (data imported before the check).
    Employee.objects.filter(pk=employee.pk).update(birth_date=dt.date(1981, 1, 1))

    response = post_change(operator_client, employee, phone="081277777777")

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    employee.refresh_from_db()
    assert employee.phone != "081277777777"


def test_bkd_administrator_still_edits_identity_fields(admin_client_bkd, employee):
    response = post_change(admin_client_bkd, employee, name="Rina Marlina Putri")

    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.name == "Rina Marlina Putri"


def test_operator_of_another_unit_cannot_save_the_employee(client, employee, unit_tree):
    operator = factories.UserFactory(username="op-b", unit=unit_tree["B"], role=roles.OPD_OPERATOR)
    client.force_login(operator)
    url = reverse("admin:personnel_employee_change", args=[employee.pk])

    response = client.post(url, {"phone": "081255555555"})

    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.phone != "081255555555"
