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


def test_the_360_results_appear_once_released_and_never_live(live_server, page):
    from django.urls import reverse

    from appraisal import services
    from appraisal.models import Evaluation, FeedbackRequest
    from tests.appraisal.factories import answer

    unit = factories.OrgUnitFactory(name="Dinas Kesehatan")
    unit.head_position = factories.HeadPositionFactory(name="Kepala Dinas", unit=unit)
    unit.save()
    chief = factories.EmployeeUserFactory(
        employee__name="Sari Kepala", employee__unit=unit, employee__position=unit.head_position
    ).employee
    staff = [
        factories.EmployeeUserFactory(employee__name=f"Staf {i}", employee__unit=unit).employee
        for i in range(4)
    ]
    open_cycle(year=today().year, on_date=today(), plan_due=today())
    evaluation = Evaluation.objects.filter(employee=chief, period__kind="periodic").first()
    requests = FeedbackRequest.objects.filter(evaluation=evaluation, group="subordinate")
    for request in requests[:3]:
        answer(request, 4, comment="Sabar membimbing")
    url = f"{live_server.url}{reverse('appraisal:evaluation', args=[evaluation.pk])}"

    sign_in(page, live_server, chief.nip)
    page.goto(url)
    summary = page.locator("#feedback-summary")
    expect(summary).not_to_contain_text("4,0")
    expect(summary).not_to_contain_text("3/4")
    expect(page.locator(".small-team-notice").first).to_be_visible()

    services.feedback_release(evaluation=evaluation)
    page.goto(url)
    expect(summary).to_contain_text("4,0")
    expect(page.locator("main")).to_contain_text("Sabar membimbing")
    for width in (1366, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator("#feedback-summary").scroll_into_view_if_needed()
        page.screenshot(path=f"/tmp/g-360-results-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_out(page)

    sign_in(page, live_server, staff[0].nip)
    peer = FeedbackRequest.objects.filter(rater=staff[0], group="peer").first()
    page.goto(f"{live_server.url}{reverse('appraisal:feedback', args=[peer.pk])}")
    expect(page.locator("#small-team-notice")).to_be_visible()
    page.screenshot(path="/tmp/g-360-form-1366.png", full_page=True)
