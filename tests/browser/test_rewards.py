"""In a real browser: BKD records a case, decides a medium sanction, and the employee sees it."""

import pytest
from playwright.sync_api import expect

from asn_portal.accounts import roles
from rewards.models import DisciplinaryCase, Sanction
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in_admin(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")


def test_bkd_records_a_case_decides_a_medium_sanction_and_the_employee_sees_it(
    live_server,
    page,  # noqa: F811
):
    factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER)
    employee_user = factories.EmployeeUserFactory(employee__name="Agus Salim")
    employee = employee_user.employee

    _sign_in_admin(page, live_server, "disiplin")
    page.goto(f"{live_server.url}/admin/rewards/disciplinarycase/add/")
    page.locator(".field-employee .select2-selection").click()
    page.locator(".select2-search__field").fill(employee.nip)
    page.locator(".select2-results__option", has_text="Agus Salim").click()
    page.fill("textarea[name=violation]", "Tidak masuk kerja 12 hari tanpa alasan yang sah")
    page.fill("input[name=legal_article]", "PP 94/2021 Pasal 4 huruf f")
    page.select_option("select[name=source]", "attendance")
    page.fill("input[name=reported_on]", "2026-07-01")
    page.locator("input[name=_continue]").click()
    case = DisciplinaryCase.objects.get(employee=employee)
    expect(page).to_have_url(f"{live_server.url}/admin/rewards/disciplinarycase/{case.pk}/change/")

    page.fill("input[name=start_examination_on]", "2026-07-06")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    page.locator("#examinations-group .add-row a").click()
    page.select_option("select[name=examinations-0-kind]", "record")
    page.fill("input[name=examinations-0-held_on]", "2026-07-08")
    page.fill("input[name=examinations-0-document_number]", "BAP/7/2026")
    page.locator("input[name=_continue]").click()
    expect(page.locator("#examinations-group")).to_contain_text("BAP/7/2026")

    page.goto(f"{live_server.url}/admin/rewards/sanction/add/")
    page.select_option("select[name=case]", str(case.pk))
    page.select_option("select[name=level]", "medium")
    page.select_option("select[name=kind]", "tpp_cut_6")
    page.fill("input[name=decree_number]", "800/77/BKPSDM/2026")
    page.fill("input[name=decree_date]", "2026-07-27")
    page.fill("input[name=official_name]", "Ir. Bupati Contoh")
    page.fill("input[name=official_title]", "Bupati Contoh")
    page.fill("input[name=delivered_on]", "2026-08-03")
    page.locator("input[name=_save]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/rewards/sanction/")
    assert Sanction.objects.get(case=case).ends_on is not None

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", employee.nip)
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/portal/")
    expect(page.locator("main")).to_contain_text("800/77/BKPSDM/2026")


def test_a_supervisor_sees_eligibility_and_nominates_a_subordinate(
    live_server,
    page,  # noqa: F811
    unit_tree,
):
    from rewards.models import Nomination
    from tests.rewards.factories import AwardTypeFactory

    award = AwardTypeFactory(name="Piagam Pelayanan Prima")
    head = factories.EmployeeFactory(unit=unit_tree["A"], position=unit_tree["A"].head_position)
    head_user = factories.EmployeeUserFactory(employee=head)
    staff = factories.EmployeeFactory(unit=unit_tree["A"], name="Rina Staf")

    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", head_user.username)
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/portal/")

    page.goto(f"{live_server.url}/penghargaan/usulan/")
    page.locator("tr", has_text="Rina Staf").get_by_role("link").click()
    expect(
        page.locator(f"#eligibility tr[data-award='{award.pk}'] .text-bg-success")
    ).to_be_visible()
    page.select_option("select[name=award_type]", str(award.pk))
    page.fill(
        "textarea[name=justification]", "Memimpin layanan prima loket perizinan sepanjang tahun."
    )
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/penghargaan/usulan/")
    expect(page.locator("main")).to_contain_text("Piagam Pelayanan Prima")
    nomination = Nomination.objects.get()
    assert (nomination.employee, nomination.nominated_by) == (staff, head_user)


def test_bkd_decides_an_objection_as_its_own_decision_and_the_decree_stays_as_issued(
    live_server,
    page,  # noqa: F811
):
    import datetime as dt

    from rewards.models import Objection, SanctionKind
    from tests.rewards.factories import ObjectionFactory

    factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER)
    objection = ObjectionFactory(sanction__kind=SanctionKind.TPP_CUT_12)
    _sign_in_admin(page, live_server, "disiplin")
    url = f"{live_server.url}/admin/rewards/objection/{objection.pk}/change/"
    page.goto(url)
    page.select_option("select[name=outcome]", "amended")
    page.fill("input[name=decided_on]", (dt.date.today() + dt.timedelta(days=30)).isoformat())
    page.fill("input[name=decision_number]", "800/KEB/3/2026")
    page.select_option("select[name=amended_kind]", "tpp_cut_6")
    page.locator("input[name=_continue]").click()
    # Refused (a future date): the form comes back editable, with the officer's input.
    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    expect(page.locator("input[name=decided_on]")).to_be_editable()
    page.screenshot(path="/tmp/f-objection-refused-1366.png", full_page=True)
    page.fill("input[name=decided_on]", "2026-09-01")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    objection.refresh_from_db()
    assert objection.outcome == Objection.Outcome.AMENDED
    expect(page.locator(".field-decree_link a")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path="/tmp/f-objection-decided-375.png", full_page=True)
    response = page.request.get(f"{live_server.url}/admin/rewards/objection/{objection.pk}/pdf/")
    assert response.headers["content-type"] == "application/pdf"
    decree = page.request.get(
        f"{live_server.url}/admin/rewards/sanction/{objection.sanction_id}/pdf/"
    )
    assert decree.headers["content-type"] == "application/pdf"
