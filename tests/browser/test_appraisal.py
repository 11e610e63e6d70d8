"""The SKP journey in a real browser: the employee drafts and submits, the supervisor approves."""

import pytest
from playwright.sync_api import expect

from appraisal.models import Plan
from asn_portal.common.calendar import today
from tests import factories
from tests.appraisal.factories import PlanResultFactory, open_cycle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, live_server, nip):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", nip)
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/portal/")


def sign_out(page):
    page.locator("nav form button[type=submit]").click()


def test_employee_submits_an_skp_and_the_supervisor_approves_it(live_server, page):
    unit = factories.OrgUnitFactory(name="Dinas Pendidikan")
    unit.head_position = factories.HeadPositionFactory(name="Kepala Dinas", unit=unit)
    unit.save()
    boss = factories.EmployeeUserFactory(
        employee__name="Hendra Kepala", employee__unit=unit, employee__position=unit.head_position
    ).employee
    staff = factories.EmployeeUserFactory(
        employee__name="Dewi Lestari", employee__unit=unit
    ).employee
    cycle = open_cycle(year=today().year, on_date=today(), plan_due=today())
    boss_result = PlanResultFactory(
        plan=Plan.objects.get(cycle=cycle, employee=boss), description="Mutu layanan SD naik"
    )

    sign_in(page, live_server, staff.nip)
    page.goto(f"{live_server.url}/penilaian/")
    page.locator("#open-plan").click()
    page.fill("input[name=description]", "Data guru mutakhir")
    page.fill("input[name=indicator]", "Persentase data guru yang mutakhir")
    page.fill("input[name=target]", "100%")
    page.select_option("select[name=parent]", str(boss_result.pk))
    page.locator("#add-result").click()
    expect(page.locator("#results")).to_contain_text("Data guru mutakhir")
    page.locator("#submit-plan").click()
    expect(page.locator("#submit-plan")).to_have_count(0)
    sign_out(page)

    sign_in(page, live_server, boss.nip)
    page.goto(f"{live_server.url}/penilaian/")
    expect(page.locator("#team")).to_contain_text("Dewi Lestari")
    page.locator("#team a").first.click()
    page.locator("#approve-plan").click()
    expect(page.locator("#approve-plan")).to_have_count(0)

    plan = Plan.objects.get(cycle=cycle, employee=staff)
    assert plan.status == Plan.Status.APPROVED
    assert plan.results.get().parent == boss_result
