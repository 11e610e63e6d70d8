"""Account journeys in a real browser: staff two-step sign-in, and a forgotten password."""

import re
from base64 import b32decode

import pytest
from django.core import mail
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def totp_code(secret: str) -> str:
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def test_staff_enrol_an_authenticator_then_sign_in_with_a_recovery_code(
    live_server, page, settings
):
    settings.OTP_REQUIRED = True
    factories.UserFactory(username="superadmin", is_staff=True, is_superuser=True)

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "superadmin")
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("#login-form [type=submit]").click()

    expect(page).to_have_url(re.compile(r"/akun/2fa/daftar/\?next=%2Fadmin%2F$"))
    expect(page.locator("main svg")).to_be_visible()
    page.screenshot(path="/tmp/wt-b-otp-setup-1366.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path="/tmp/wt-b-otp-setup-375.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.fill("input[name=token]", totp_code(page.locator("#otp-secret").inner_text()))
    page.locator("main form button[type=submit]").click()

    codes = page.locator("#recovery-codes li")
    expect(codes).to_have_count(10)
    recovery = codes.first.inner_text().strip()
    page.screenshot(path="/tmp/wt-b-otp-codes-1366.png", full_page=True)
    page.locator("main a.btn-primary").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    page.locator("#logout-form button").click()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "superadmin")
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/akun/2fa/verifikasi/"))
    page.fill("input[name=token]", recovery)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")


def test_employee_resets_a_forgotten_password_by_email(live_server, page):
    user = factories.EmployeeUserFactory(email="dewi@example.go.id")

    page.goto(f"{live_server.url}/akun/masuk/")
    page.locator("a[href='/akun/kata-sandi/lupa/']").click()
    page.fill("input[name=email]", "dewi@example.go.id")
    page.screenshot(path="/tmp/wt-b-reset-1280.png", full_page=True)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/akun/kata-sandi/lupa/terkirim/")

    link = re.search(r"https?://\S+/akun/kata-sandi/atur/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.fill("input[name=new_password1]", "Sandi-Baru-Yang-Kuat-77")
    page.fill("input[name=new_password2]", "Sandi-Baru-Yang-Kuat-77")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/akun/kata-sandi/atur/selesai/")

    page.locator("main a.btn-primary").click()
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "Sandi-Baru-Yang-Kuat-77")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/portal/")
