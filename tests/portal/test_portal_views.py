"""The employee portal: own data only, bounded queries, NIP sign-in with throttling."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from asn_portal.accounts import roles
from asn_portal.common.models import Notification
from asn_portal.personnel import services
from asn_portal.portal import cards
from tests import factories

pytestmark = pytest.mark.django_db

DASHBOARD = "portal:dashboard"
# Session, user, employee (access check), employee with rank/position/unit, unit ancestors,
# unit heads, unread count, rank history, position history, family, notifications.
DASHBOARD_MAX_QUERIES = 11


@pytest.fixture
def employee_in_subunit(unit_tree):
    """An employee of a sub-unit whose head is the supervisor; a promotion and a transfer."""
    head = factories.EmployeeFactory(
        name="Hendra Kepala", unit=unit_tree["A1"], position=unit_tree["A1"].head_position
    )
    # The rank service validates the NIP against the birth date, so the date is given here.
    employee = factories.EmployeeFactory(
        name="Dewi Lestari", birth_date=dt.date(1986, 2, 17), unit=unit_tree["A1"]
    )
    services.employee_change_rank(
        employee=employee,
        rank=factories.rank("III/b"),
        tmt=dt.date(2012, 4, 1),
        mkg_years=10,
        sk_number="SK-823/2012",
    )
    services.employee_change_position(
        employee=employee,
        position=factories.PositionFactory(name="Pranata Komputer Ahli Pertama"),
        unit=unit_tree["A1"],
        tmt=dt.date(2015, 1, 1),
    )
    employee.refresh_from_db()
    return employee, head


@pytest.fixture
def signed_in(client, employee_in_subunit):
    employee, _head = employee_in_subunit
    user = factories.EmployeeUserFactory(employee=employee)
    client.force_login(user)
    return client, user, employee


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse(DASHBOARD))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={reverse(DASHBOARD)}"


def test_staff_user_without_an_employee_record_is_refused(client, db):
    staff = factories.UserFactory(username="admin-bkd", role=roles.BKD_ADMIN)
    client.force_login(staff)

    assert client.get(reverse(DASHBOARD)).status_code == 403
    assert client.get(reverse("portal:profile_pdf")).status_code == 403


def test_dashboard_shows_the_employees_profile_and_histories(signed_in, employee_in_subunit):
    client, _user, employee = signed_in
    _employee, head = employee_in_subunit
    spouse = factories.FamilyMemberFactory(
        employee=employee, relation="spouse", name="Rudi Hartono", sex="M"
    )

    response = client.get(reverse(DASHBOARD))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dewi Lestari" in page
    assert employee.nip in page
    assert head.full_name in page  # the direct supervisor
    assert "SK-823/2012" in page  # the promotion in the rank history
    assert "Pranata Komputer Ahli Pertama" in page  # the current position
    assert [r.rank.code for r in response.context["rank_history"]] == ["III/b", "III/a"]
    assert [p.position.name for p in response.context["position_history"]] == [
        "Pranata Komputer Ahli Pertama",
        employee.position_history.get(is_current=False).position.name,
    ]
    assert spouse.name in page


def test_dashboard_shows_nothing_of_other_employees(signed_in, employee_in_subunit):
    client, _user, _employee = signed_in
    stranger = factories.EmployeeFactory(name="Orang Lain")
    factories.FamilyMemberFactory(employee=stranger, name="Anak Orang Lain")

    page = client.get(reverse(DASHBOARD)).content.decode()

    assert stranger.nip not in page
    assert "Anak Orang Lain" not in page


@pytest.fixture
def without_module_cards(monkeypatch):
    """The portal shell alone: each module's dashboard card is counted in that module's tests."""
    monkeypatch.setattr(cards, "_registry", [])


@pytest.mark.parametrize("family_size", [0, 1, 9])
def test_dashboard_queries_do_not_grow_with_family_or_notifications(
    signed_in, family_size, without_module_cards, django_assert_max_num_queries
):
    client, user, employee = signed_in
    factories.FamilyMemberFactory.create_batch(family_size, employee=employee)
    factories.NotificationFactory.create_batch(family_size, recipient=user)

    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        response = client.get(reverse(DASHBOARD))

    assert len(response.context["family"]) == family_size


def test_dashboard_with_every_installed_card_runs_no_more_queries_for_a_large_family(
    signed_in, django_assert_max_num_queries
):
    client, user, employee = signed_in
    with CaptureQueriesContext(connection) as small_family:
        client.get(reverse(DASHBOARD))
    factories.FamilyMemberFactory.create_batch(9, employee=employee)
    factories.NotificationFactory.create_batch(9, recipient=user)

    with django_assert_max_num_queries(len(small_family.captured_queries)):
        response = client.get(reverse(DASHBOARD))

    assert len(response.context["family"]) == 9


def test_own_family_member_page_opens(signed_in):
    client, _user, employee = signed_in
    child = factories.FamilyMemberFactory(employee=employee, name="Nadia")

    response = client.get(reverse("portal:family_member", args=[child.pk]))

    assert response.status_code == 200
    assert "Nadia" in response.content.decode()


def test_another_employees_family_member_is_not_found(signed_in):
    client, _user, _employee = signed_in
    others_child = factories.FamilyMemberFactory(name="Anak Orang Lain")

    response = client.get(reverse("portal:family_member", args=[others_child.pk]))

    assert response.status_code == 404


def test_guessing_family_member_ids_finds_nothing(signed_in):
    client, _user, employee = signed_in
    own = factories.FamilyMemberFactory(employee=employee)
    others = factories.FamilyMemberFactory.create_batch(3)

    statuses = {
        pk: client.get(reverse("portal:family_member", args=[pk])).status_code
        for pk in range(max(1, own.pk - 5), max(m.pk for m in others) + 5)
    }

    assert [pk for pk, status in statuses.items() if status == 200] == [own.pk]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_profile_pdf_is_a_pdf_of_the_signed_in_employee(signed_in):
    client, _user, employee = signed_in
    stranger = factories.EmployeeFactory()

    response = client.get(reverse("portal:profile_pdf"), {"nip": stranger.nip, "pk": stranger.pk})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert employee.nip in text
    assert stranger.nip not in text


def test_marking_another_users_notification_read_leaves_it_unread(signed_in, db):
    client, _user, _employee = signed_in
    others = factories.NotificationFactory(recipient=factories.UserFactory(username="lain"))

    response = client.post(reverse("portal:notification_read", args=[others.pk]))

    assert response.status_code == 302
    others.refresh_from_db()
    assert others.read_at is None


def test_marking_own_notification_read_sets_read_at(signed_in):
    client, user, _employee = signed_in
    own = factories.NotificationFactory(recipient=user)

    client.post(reverse("portal:notification_read", args=[own.pk]))

    own.refresh_from_db()
    assert own.read_at is not None


def test_marking_read_needs_a_post(signed_in):
    client, user, _employee = signed_in
    own = factories.NotificationFactory(recipient=user)

    response = client.get(reverse("portal:notification_read", args=[own.pk]))

    assert response.status_code == 405
    assert Notification.objects.get(pk=own.pk).read_at is None


# Sign-in with the NIP, and django-axes throttling (AXES_FAILURE_LIMIT = 5).


@pytest.fixture
def portal_user(employee_user):
    return employee_user


def sign_in(client, username: str, password: str):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="10.1.2.3",
    )


def test_employee_signs_in_with_nip_and_password_and_lands_on_the_portal(client, portal_user):
    response = sign_in(client, portal_user.username, factories.TEST_PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse(DASHBOARD)
    assert client.session["_auth_user_id"] == str(portal_user.pk)
    assert portal_user.employee.nip in client.get(response.url).content.decode()


def test_nip_typed_in_groups_with_spaces_signs_in(client, portal_user):
    nip = portal_user.username
    grouped = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"

    response = sign_in(client, grouped, factories.TEST_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(portal_user.pk)


def test_wrong_password_is_refused_on_the_login_form(client, portal_user):
    response = sign_in(client, portal_user.username, "salah-sandi")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_four_failures_still_let_the_right_password_in(client, portal_user, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        sign_in(client, portal_user.username, "salah-sandi")

    response = sign_in(client, portal_user.username, factories.TEST_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(portal_user.pk)


def test_after_five_failures_the_right_password_is_refused_too(client, portal_user, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        sign_in(client, portal_user.username, "salah-sandi")

    response = sign_in(client, portal_user.username, factories.TEST_PASSWORD)

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session


def test_failures_typed_with_spaces_count_towards_the_same_lock(client, portal_user):
    nip = portal_user.username
    variants = [f"{nip[:8]} {nip[8:]}", f" {nip}", f"{nip} ", nip.replace("1", "1 ", 1), nip]
    for variant in variants:
        sign_in(client, variant, "salah-sandi")

    response = sign_in(client, nip, factories.TEST_PASSWORD)

    assert response.status_code == 429


def test_lock_on_one_nip_does_not_block_another_employee(client, portal_user):
    colleague = factories.EmployeeUserFactory()
    for _ in range(5):
        sign_in(client, portal_user.username, "salah-sandi")

    response = sign_in(client, colleague.username, factories.TEST_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)
