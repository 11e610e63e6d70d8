"""Staff confirm every sign-in with a TOTP code when OTP_REQUIRED is on (production default)."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from asn_portal.accounts import roles, services
from tests import factories

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
SETUP = reverse("accounts:otp_setup")
VERIFY = reverse("accounts:otp_verify")


@pytest.fixture(autouse=True)
def otp_required(settings):
    settings.OTP_REQUIRED = True


@pytest.fixture
def staff():
    return factories.UserFactory(username="petugas", role=roles.BKD_ADMIN)


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += offset * device.step
    return f"{totp.token():0{device.digits}d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = services.otp_device_for_enrolment(user=user)
    codes = services.otp_enrolment_confirm(user=user, device=device, token=code_for(device))
    device.refresh_from_db()
    return device, codes


def test_staff_without_a_device_are_sent_to_enrolment_instead_of_the_admin(client, staff):
    client.force_login(staff)

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F"


def test_staff_enrol_with_a_code_and_then_open_the_admin(client, staff):
    client.force_login(staff)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)

    response = client.post(SETUP, {"token": code_for(device), "next": ADMIN})

    assert response.status_code == 200
    assert len(response.context["codes"]) == services.RECOVERY_CODE_COUNT
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_does_not_confirm_the_enrolment(client, staff):
    client.force_login(staff)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=staff)

    response = client.post(SETUP, {"token": code_for(device, offset=10)})

    assert response.status_code == 400
    assert client.get(ADMIN).status_code == 302


def test_enrolled_staff_must_enter_a_code_after_the_password(client, staff):
    enrolled(staff)
    client.force_login(staff)

    response = client.get(ADMIN)

    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"


def test_a_valid_code_opens_the_admin(client, staff):
    device, _codes = enrolled(staff)
    client.force_login(staff)

    response = client.post(VERIFY, {"token": code_for(device, offset=1), "next": ADMIN})

    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_keeps_the_admin_closed(client, staff):
    enrolled(staff)
    client.force_login(staff)

    response = client.post(VERIFY, {"token": "000000", "next": ADMIN})

    assert response.status_code == 400
    assert client.get(ADMIN).status_code == 302


def test_a_recovery_code_works_once(client, staff):
    _device, codes = enrolled(staff)
    client.force_login(staff)
    assert client.post(VERIFY, {"token": codes[0]})["Location"] == ADMIN
    client.logout()
    client.force_login(staff)

    response = client.post(VERIFY, {"token": codes[0]})

    assert response.status_code == 400
    assert client.get(ADMIN).status_code == 302


def test_password_sign_in_alone_does_not_open_the_admin(client, staff):
    enrolled(staff)

    client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": staff.username, "password": factories.TEST_PASSWORD, "next": ADMIN},
    )
    response = client.get(ADMIN)

    assert "_auth_user_id" in client.session
    assert response["Location"].startswith(VERIFY)


def test_enrolled_staff_cannot_add_a_second_device_with_the_password_alone(client, staff):
    enrolled(staff)
    client.force_login(staff)

    response = client.get(SETUP)

    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_the_staff_pages_outside_the_admin_are_closed_too(client):
    officer = factories.UserFactory(role=roles.RECRUITMENT_OFFICER)
    client.force_login(officer)

    response = client.get(reverse("recruitment:verification_queue"))

    assert response["Location"].startswith(SETUP)


def test_employees_do_not_need_a_second_factor(client, employee_user):
    client.force_login(employee_user)

    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_an_employee_cannot_open_the_enrolment(client, employee_user):
    client.force_login(employee_user)

    assert client.get(SETUP).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_enrolment(client):
    response = client.get(SETUP)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_without_the_requirement_staff_open_the_admin_with_the_password(client, staff, settings):
    settings.OTP_REQUIRED = False
    client.force_login(staff)

    assert client.get(ADMIN).status_code == 200


def test_the_enrolment_page_shows_a_qr_code_and_the_key(client, staff):
    client.force_login(staff)

    page = client.get(SETUP).content.decode()

    assert "<svg" in page and 'id="otp-secret"' in page
