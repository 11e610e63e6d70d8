"""Payroll in a real browser: an officer creates, computes, checks and approves a run; the
employee opens the payslip and its PDF."""

import pytest
from playwright.sync_api import expect

from asn_portal.accounts import roles
from payroll.models import PayrollRun, RunStatus
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_action(page, live_server, action):
    page.goto(f"{live_server.url}/admin/payroll/payrollrun/")
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")
    page.locator("#content form input[name=confirmed] ~ input[type=submit]").click()  # confirm
    expect(page.locator("ul.messagelist li.success")).to_be_visible()


def test_officer_approves_a_run_and_the_employee_opens_the_pdf(live_server, page):
    factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER)
    employee_user = factories.EmployeeUserFactory(employee__name="Dewi Lestari")

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "gaji")
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("#login-form [type=submit]").click()

    page.goto(f"{live_server.url}/admin/payroll/payrollrun/add/")
    page.fill("#id_year", "2026")
    page.fill("#id_month", "2")
    page.click("input[name=_save]")
    for action in ("compute_runs", "check_runs", "approve_runs"):
        run_action(page, live_server, action)
    run = PayrollRun.objects.get()
    assert run.status == RunStatus.APPROVED and run.progress_done == 1

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", employee_user.username)
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server.url}/gaji/slip/")
    page.locator("main table a").first.click()
    expect(page.locator("main")).to_contain_text("Kelas jabatan 7")
    pdf_url = page.locator("main a.btn").get_attribute("href")
    response = page.request.get(f"{live_server.url}{pdf_url}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
