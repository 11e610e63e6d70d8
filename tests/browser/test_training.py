"""Training in a real browser: an employee finds a session and requests a seat, the supervisor
approves, BKD confirms in the admin, and the employee sees the confirmed seat."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from playwright.sync_api import expect

from asn_portal.accounts import roles
from asn_portal.common.calendar import today
from tests import factories
from tests.training.factories import ProgramFactory, TrainingSessionFactory
from training.models import Enrolment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in(browser, live_server, username):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    return page


def test_employee_requests_a_seat_supervisor_approves_and_bkd_confirms(live_server, browser):
    unit = factories.OrgUnitFactory(name="Dinas Perpustakaan")
    unit.head_position = factories.HeadPositionFactory(unit=unit)
    unit.save()
    head = factories.EmployeeUserFactory(
        employee__name="Hendra Kepala", employee__unit=unit, employee__position=unit.head_position
    )
    staff = factories.EmployeeUserFactory(employee__name="Dewi Lestari", employee__unit=unit)
    factories.UserFactory(username="pelatihan", role=roles.TRAINING_OFFICER)
    day = today()
    TrainingSessionFactory(
        program=ProgramFactory(title="Pelatihan Pengelolaan Arsip Dinamis"),
        name="Angkatan I",
        enrolment_opens=day - dt.timedelta(days=1),
        enrolment_closes=day + dt.timedelta(days=5),
        start_date=day + dt.timedelta(days=10),
        end_date=day + dt.timedelta(days=12),
    )
    TrainingSessionFactory(program=ProgramFactory(title="Bimtek Keuangan Daerah"))

    # The employee finds the session in the catalogue and requests a seat.
    page = _sign_in(browser, live_server, staff.username)
    expect(page).to_have_url(f"{live_server.url}/portal/")
    page.goto(f"{live_server.url}/pelatihan/")
    page.fill("#id_q", "arsip")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator("main table")).not_to_contain_text("Bimtek Keuangan Daerah")
    page.screenshot(path="/tmp/training-catalogue.png", full_page=True)
    page.get_by_role("link", name="Pelatihan Pengelolaan Arsip Dinamis").click()
    page.screenshot(path="/tmp/training-session.png", full_page=True)
    page.locator("#request-seat").click()
    expect(page.locator("#enrolment-status")).to_be_visible()
    enrolment = Enrolment.objects.get(employee=staff.employee)
    assert enrolment.status == Enrolment.Status.REQUESTED

    # The supervisor approves it from their approvals page.
    supervisor = _sign_in(browser, live_server, head.username)
    supervisor.goto(f"{live_server.url}/pelatihan/persetujuan/")
    row = supervisor.locator(f"#request-{enrolment.pk}")
    expect(row).to_contain_text("Dewi Lestari")
    row.locator("form").first.locator("button").click()
    expect(supervisor.locator(f"#request-{enrolment.pk}")).to_have_count(0)

    # BKD confirms the seat in the admin.
    admin = browser.new_context(locale="id-ID").new_page()
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("input[name=username]", "pelatihan")
    admin.fill("input[name=password]", factories.TEST_PASSWORD)
    admin.locator("#login-form [type=submit]").click()
    admin.goto(f"{live_server.url}/admin/training/enrolment/")
    admin.locator(f"input[name=_selected_action][value='{enrolment.pk}']").check()
    admin.select_option("select[name=action]", "confirm")
    admin.locator("button[name=index]").click()
    # The action first shows what it will do (count and filter), then runs once confirmed.
    admin.screenshot(path="/tmp/training-confirm-action.png", full_page=True)
    admin.locator("form:has(input[name=confirmed]) input[type=submit]").click()
    expect(admin.locator("ul.messagelist")).to_be_visible()

    # The employee sees the confirmed seat.
    page.goto(f"{live_server.url}/pelatihan/pendaftaran/{enrolment.pk}/")
    with translation.override("id"):
        confirmed = str(Enrolment.Status.CONFIRMED.label)
    expect(page.locator("#enrolment-status")).to_have_text(confirmed)
    qr = page.locator("main img[src$='qr.svg']")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0
    page.screenshot(path="/tmp/training-enrolment.png", full_page=True)
