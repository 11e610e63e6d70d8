"""BKD hands a one-time temporary password to an employee without email; it must be changed."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from asn_portal.accounts import roles, services
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_user_changelist")


@pytest.fixture
def bkd_admin():
    return factories.UserFactory(username="admin-bkd", role=roles.BKD_ADMIN)


@pytest.fixture
def employee_without_email():
    user = factories.EmployeeUserFactory(email="")
    user.set_unusable_password()
    user.save()
    return user


def run_action(client, user):
    return client.post(
        CHANGELIST,
        {"action": "set_temporary_password", "_selected_action": [user.pk]},
    )


def issued_password(response) -> str:
    return re.search(r"<code>([a-z2-9-]{19})</code>", response.content.decode()).group(1)


def _user_admin_permissions():
    return Permission.objects.filter(
        content_type__app_label="accounts", codename__in=["view_user", "change_user"]
    )


def test_bkd_admin_sets_a_temporary_password_shown_once(client, bkd_admin, employee_without_email):
    client.force_login(bkd_admin)

    response = run_action(client, employee_without_email)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = issued_password(response)
    employee_without_email.refresh_from_db()
    assert employee_without_email.check_password(password)
    assert employee_without_email.must_change_password


def test_the_temporary_password_forces_a_change_at_the_next_sign_in(
    client, bkd_admin, employee_without_email
):
    client.force_login(bkd_admin)
    password = issued_password(run_action(client, employee_without_email))
    client.logout()

    client.post(
        reverse("accounts:login"),
        {"username": employee_without_email.username, "password": password},
    )
    response = client.get(reverse("portal:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:password_change"))
    client.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password1": "Pilihan-Sendiri-2026",
            "new_password2": "Pilihan-Sendiri-2026",
        },
    )
    assert client.get(reverse("portal:dashboard")).status_code == 200
    employee_without_email.refresh_from_db()
    assert not employee_without_email.must_change_password


def test_the_temporary_password_is_recorded_in_the_audit_log(
    client, bkd_admin, employee_without_email
):
    client.force_login(bkd_admin)

    run_action(client, employee_without_email)

    entry = LogEntry.objects.get_for_object(employee_without_email).get()
    assert entry.actor == bkd_admin
    assert entry.additional_data == {"event": "temporary_password_set"}
    assert "temporary password" in str(entry.changes)


@pytest.mark.parametrize("role", [roles.PAYROLL_OFFICER, roles.RECRUITMENT_OFFICER])
def test_a_non_admin_officer_cannot_set_a_temporary_password(client, role, employee_without_email):
    client.force_login(factories.UserFactory(role=role))

    response = run_action(client, employee_without_email)

    assert response.status_code == 403
    employee_without_email.refresh_from_db()
    assert not employee_without_email.must_change_password


def test_an_opd_operator_cannot_set_a_temporary_password(client, unit_tree, employee_without_email):
    operator = factories.UserFactory(unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    client.force_login(operator)

    response = run_action(client, employee_without_email)

    assert response.status_code == 403
    employee_without_email.refresh_from_db()
    assert not employee_without_email.must_change_password


def test_a_staff_member_with_user_rights_but_no_admin_role_does_not_get_the_action(
    client, employee_without_email
):
    officer = factories.UserFactory(role=roles.PAYROLL_OFFICER)
    officer.user_permissions.add(*_user_admin_permissions())
    client.force_login(officer)

    run_action(client, employee_without_email)

    employee_without_email.refresh_from_db()
    assert not employee_without_email.must_change_password
    assert "set_temporary_password" not in client.get(CHANGELIST).content.decode()


def test_an_employee_cannot_set_a_temporary_password(client, employee_user, employee_without_email):
    client.force_login(employee_user)

    response = run_action(client, employee_without_email)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_an_anonymous_visitor_cannot_set_a_temporary_password(client, employee_without_email):
    response = run_action(client, employee_without_email)

    assert response.status_code == 302
    employee_without_email.refresh_from_db()
    assert not employee_without_email.must_change_password


def test_the_service_refuses_a_non_admin(employee_without_email):
    officer = factories.UserFactory(role=roles.PAYROLL_OFFICER)

    with pytest.raises(PermissionDenied):
        services.user_temporary_password_set(user=employee_without_email, by=officer)


def test_a_bkd_admin_cannot_reset_a_superuser(bkd_admin):
    superuser = factories.UserFactory(is_staff=True, is_superuser=True)

    with pytest.raises(PermissionDenied):
        services.user_temporary_password_set(user=superuser, by=bkd_admin)


def test_the_password_is_random_each_time(bkd_admin, employee_without_email):
    first = services.user_temporary_password_set(user=employee_without_email, by=bkd_admin)
    second = services.user_temporary_password_set(user=employee_without_email, by=bkd_admin)

    assert first != second
    assert get_user_model().objects.get(pk=employee_without_email.pk).check_password(second)


def test_a_temporary_password_lifts_a_sign_in_lock(client, bkd_admin, employee_without_email):
    for _ in range(5):
        client.post(
            reverse("accounts:login"),
            {"username": employee_without_email.username, "password": "salah-sandi"},
        )
    password = services.user_temporary_password_set(user=employee_without_email, by=bkd_admin)

    response = client.post(
        reverse("accounts:login"),
        {"username": employee_without_email.username, "password": password},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(employee_without_email.pk)
