"""A citizen files and tracks a report; an officer verifies and disposes it; the OPD responds."""

import pytest
from playwright.sync_api import expect

from asn_portal.accounts import roles
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _admin_login(browser, live_server, username):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    return context, page


def test_citizen_report_travels_from_the_form_to_the_opd_response_and_back(
    live_server, browser, page, settings
):
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    opd = factories.OrgUnitFactory(name="Dinas Pendidikan", code="DP")
    factories.UserFactory(username="pengaduan", role=roles.COMPLAINTS_OFFICER)
    factories.UserFactory(username="operator", unit=opd, role=roles.OPD_OPERATOR)

    # The citizen files a confidential report.
    page.goto(f"{live_server.url}/pengaduan/")
    page.select_option("#id_category", index=1)
    page.fill("#id_subject", "Guru sering tidak hadir")
    page.fill("#id_description", "Guru kelas 4 SD Negeri 3 sering tidak hadir tanpa pengganti.")
    page.fill("#id_reporter_name", "Rina Marlina")
    page.fill("#id_reporter_email", "rina@example.com")
    page.check("#id_consent")
    page.screenshot(path="/tmp/complaint_form.png", full_page=True)
    page.locator("#complaint-form button[type=submit]").click()
    code = page.locator("#tracking-code").inner_text()
    pin = page.locator("#tracking-pin").inner_text()
    assert code.startswith("ADU-") and len(pin) == 6

    # Later, in a fresh browser session, they track it with code and PIN.
    citizen = browser.new_context(locale="id-ID").new_page()
    citizen.goto(f"{live_server.url}/pengaduan/lacak/")
    citizen.fill("#id_code", code)
    citizen.fill("#id_pin", pin)
    citizen.locator("main form button[type=submit]").click()
    expect(citizen.locator("h1")).to_have_text("Guru sering tidak hadir")

    # The intake officer verifies and disposes it to the OPD.
    officer_context, officer = _admin_login(browser, live_server, "pengaduan")
    officer.goto(f"{live_server.url}/admin/complaints/complaint/")
    officer.get_by_role("link", name=code).click()
    expect(officer.locator("#reporter")).not_to_contain_text("Rina Marlina")
    officer.locator("#action-verify [type=submit]").click()
    officer.select_option("#action-dispose select", label="Dinas Pendidikan")
    officer.locator("#action-dispose [type=submit]").click()
    expect(officer.locator("#action-dispose")).to_have_count(0)
    officer_context.close()

    # The OPD operator responds, without seeing the confidential reporter.
    operator_context, operator = _admin_login(browser, live_server, "operator")
    operator.goto(f"{live_server.url}/admin/complaints/complaint/")
    operator.get_by_role("link", name=code).click()
    expect(operator.locator("#reporter")).not_to_contain_text("Rina")
    operator.screenshot(path="/tmp/complaint_handle.png", full_page=True)
    operator.fill("#action-respond textarea", "Kepala sekolah telah menugaskan guru pengganti.")
    operator.locator("#action-respond [type=submit]").click()
    expect(operator.locator("#action-respond")).to_have_count(0)
    operator_context.close()

    # The citizen sees the response.
    citizen.reload()
    expect(citizen.locator("#timeline")).to_contain_text("guru pengganti")
    expect(citizen.locator("#accept-form")).to_be_visible()
    citizen.screenshot(path="/tmp/complaint_tracking.png", full_page=True)
    citizen.goto(f"{live_server.url}/pengaduan/statistik/")
    expect(citizen.locator("#stat-total")).to_have_text("1")
    citizen.screenshot(path="/tmp/complaint_statistics.png", full_page=True)


def test_an_open_conduct_report_keeps_the_reporters_contact_from_the_opd(
    live_server, browser, settings
):
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    opd = factories.OrgUnitFactory(name="Kecamatan Melati", code="KM")
    factories.UserFactory(username="pengaduan", role=roles.COMPLAINTS_OFFICER)
    factories.UserFactory(username="operator", unit=opd, role=roles.OPD_OPERATOR)

    # The citizen names the ASN, reports openly, and leaves "share with the OPD" unticked.
    narrow = browser.new_context(locale="id-ID", viewport={"width": 375, "height": 800})
    phone = narrow.new_page()
    phone.goto(f"{live_server.url}/pengaduan/")
    phone.screenshot(path="/tmp/complaint_form_share_375.png", full_page=True)
    narrow.close()
    context = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
    form = context.new_page()
    form.set_default_timeout(15_000)
    form.goto(f"{live_server.url}/pengaduan/")
    expect(form.locator("#id_contact_shared_with_opd")).not_to_be_checked()
    form.screenshot(path="/tmp/complaint_form_share_1366.png", full_page=True)
    form.select_option("#id_category", index=1)
    form.fill("#id_subject", "Camat meminta uang tanda tangan")
    form.fill("#id_description", "Camat meminta uang untuk menandatangani surat keterangan.")
    form.fill("#id_asn_named", "Pak Camat Budi")
    form.check("input[name=privacy][value=public]")
    form.fill("#id_reporter_name", "Warga Melapor")
    form.fill("#id_reporter_email", "warga@example.com")
    form.check("#id_consent")
    form.locator("#complaint-form button[type=submit]").click()
    code = form.locator("#tracking-code").inner_text()
    context.close()

    # The intake officer sees the contact, verifies and disposes the report to the OPD.
    officer_context, officer = _admin_login(browser, live_server, "pengaduan")
    officer.goto(f"{live_server.url}/admin/complaints/complaint/")
    officer.get_by_role("link", name=code).click()
    expect(officer.locator("#reporter")).to_contain_text("warga@example.com")
    officer.locator("#action-verify [type=submit]").click()
    officer.select_option("#action-dispose select", label="Kecamatan Melati")
    officer.locator("#action-dispose [type=submit]").click()
    expect(officer.locator("#action-dispose")).to_have_count(0)
    officer_context.close()

    # The OPD's operator handles it without the reporter's name or contact.
    operator_context, operator = _admin_login(browser, live_server, "operator")
    operator.goto(f"{live_server.url}/admin/complaints/complaint/")
    operator.get_by_role("link", name=code).click()
    expect(operator.locator("#reporter")).not_to_contain_text("Warga Melapor")
    expect(operator.locator("#reporter")).not_to_contain_text("warga@example.com")
    operator.screenshot(path="/tmp/complaint_handle_conduct.png", full_page=True)
    operator_context.close()
