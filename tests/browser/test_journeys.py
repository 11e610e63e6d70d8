"""The main journeys in a real browser: an employee's sign-in, and BKD staff finding an employee."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories

# serialized_rollback: the ranks seeded by migration are restored after each flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_employee_signs_in_with_nip_and_sees_their_dashboard(live_server, page):
    user = factories.EmployeeUserFactory(employee__name="Dewi Lestari")
    employee = user.employee

    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", employee.nip)
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/portal/")
    expect(page.locator("h1")).to_have_text(employee.full_name)
    expect(page.locator("main")).to_contain_text(f"NIP {employee.nip}")
    page.screenshot(path="/tmp/dashboard.png", full_page=True)


def test_employee_with_a_wrong_password_stays_on_the_login_page(live_server, page):
    user = factories.EmployeeUserFactory()

    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "salah-sandi")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/akun/masuk/$"))
    expect(page.locator("main .alert-danger, main .invalid-feedback").first).to_be_visible()


def test_admin_finds_an_employee_by_nip_in_the_changelist(live_server, page):
    factories.UserFactory(username="superadmin", is_staff=True, is_superuser=True)
    wanted = factories.EmployeeFactory(name="Bambang Sutrisno")
    other = factories.EmployeeFactory(name="Citra Ayu")

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "superadmin")
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/personnel/employee/")
    page.fill("#searchbar", wanted.nip)
    page.press("#searchbar", "Enter")

    results = page.locator("#result_list tbody tr")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(wanted.nip)
    expect(results.first).to_contain_text("Bambang Sutrisno")
    expect(page.locator("#result_list")).not_to_contain_text(other.nip)
