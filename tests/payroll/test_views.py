"""Portal payslips, the OPD recap and the admin pages: who may see what, bounded queries."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from asn_portal.accounts import roles
from asn_portal.common.workflow import status_history
from payroll import services
from payroll.models import PayrollRun, RunStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER)


@pytest.fixture
def world(unit_tree, officer):
    mine = factories.EmployeeFactory(name="Dewi Lestari", unit=unit_tree["A1"])
    other = factories.EmployeeFactory(name="Budi Santoso", unit=unit_tree["B"])
    run = services.run_create(year=2026, month=2, by=officer)
    services.run_compute(run=run)
    services.run_check(run=run, by=officer)
    services.run_approve(run=run, by=officer)
    return {
        "run": run,
        "mine": mine,
        "other": other,
        "user": factories.EmployeeUserFactory(employee=mine),
        "slip": run.payslips.get(employee=mine),
        "other_slip": run.payslips.get(employee=other),
    }


def test_employee_sees_own_payslips_with_year_to_date(client, world, django_assert_max_num_queries):
    client.force_login(world["user"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("payroll:my_payslips"))
    assert response.status_code == 200
    assert "Rp" in response.content.decode() and "2/2026" in response.content.decode()


def test_payslip_page_explains_each_line(client, world, django_assert_max_num_queries):
    client.force_login(world["user"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("payroll:my_payslip", args=[world["slip"].pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kelas jabatan 7" in page and "Rounded half-up once" in page


def test_employee_cannot_open_another_employees_payslip(client, world):
    client.force_login(world["user"])
    assert (
        client.get(reverse("payroll:my_payslip", args=[world["other_slip"].pk])).status_code == 404
    )
    assert (
        client.get(reverse("payroll:my_payslip_pdf", args=[world["other_slip"].pk])).status_code
        == 404
    )


def test_draft_payslips_are_not_shown_to_the_employee(client, world, officer):
    draft = services.run_compute(run=services.run_create(year=2026, month=3, by=officer))
    client.force_login(world["user"])
    slip = draft.payslips.get(employee=world["mine"])
    assert client.get(reverse("payroll:my_payslip", args=[slip.pk])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(reverse("payroll:my_payslip", args=[world["slip"].pk]))
    assert response.status_code == 302 and "/akun/" in response.url


def test_staff_without_employee_record_is_refused_from_the_portal(client, world, officer):
    client.force_login(officer)
    assert client.get(reverse("payroll:my_payslips")).status_code == 403


def test_payslip_pdf_has_the_net_pay(client, world):
    client.force_login(world["user"])
    response = client.get(reverse("payroll:my_payslip_pdf", args=[world["slip"].pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert world["slip"].nip in text and "Net" in text


def test_portal_dashboard_shows_the_payroll_card(client, world):
    client.force_login(world["user"])
    response = client.get(reverse("portal:dashboard"))
    assert reverse("payroll:my_payslip", args=[world["slip"].pk]) in response.content.decode()


def test_opd_operator_sees_only_their_units_recap(client, world, unit_tree):
    operator = factories.UserFactory(username="op-a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    client.force_login(operator)
    response = client.get(reverse("payroll:unit_recap", args=[world["run"].pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dinas Pendidikan" in page and "Dinas Kesehatan" not in page


def test_opd_operator_recap_xlsx_has_only_their_payslips(client, world, unit_tree):
    operator = factories.UserFactory(username="op-b", unit=unit_tree["B"], role=roles.OPD_OPERATOR)
    client.force_login(operator)
    response = client.get(reverse("payroll:unit_recap_xlsx", args=[world["run"].pk]))
    sheet = load_workbook(io.BytesIO(response.content))["Payslips"]
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [world["other"].full_name]


def test_opd_operator_cannot_see_a_draft_recap(client, world, unit_tree, officer):
    draft = services.run_create(year=2026, month=3, by=officer)
    operator = factories.UserFactory(username="op-a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    client.force_login(operator)
    assert client.get(reverse("payroll:unit_recap", args=[draft.pk])).status_code == 404


def test_employee_cannot_see_the_recap(client, world):
    client.force_login(world["user"])
    assert client.get(reverse("payroll:unit_recap", args=[world["run"].pk])).status_code == 403


def test_payroll_officer_sees_the_whole_recap(
    client, world, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("payroll:unit_recap", args=[world["run"].pk]))
    page = response.content.decode()
    assert "Dinas Pendidikan" in page and "Dinas Kesehatan" in page


def test_unknown_run_recap_is_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("payroll:unit_recap", args=[999999])).status_code == 404


def test_officer_opens_run_list_and_reports(client, world, officer, django_assert_max_num_queries):
    client.force_login(officer)
    run = world["run"]
    with django_assert_max_num_queries(15):
        assert client.get(reverse("admin:payroll_payrollrun_changelist")).status_code == 200
    assert client.get(reverse("admin:payroll_payrollrun_change", args=[run.pk])).status_code == 200
    summary = client.get(reverse("admin:payroll_run_summary", args=[run.pk]))
    assert "Dinas Kesehatan" in summary.content.decode()


def test_bank_file_lists_account_name_amount_reference(client, world, officer):
    from asn_portal.personnel.models import Employee

    Employee.objects.filter(pk=world["mine"].pk).update(bank_account="1234567890")
    run = services.run_compute(run=services.run_create(year=2026, month=3, by=officer))
    services.run_check(run=run, by=officer)
    services.run_approve(run=run, by=officer)
    client.force_login(officer)
    content = client.get(reverse("admin:payroll_run_bank", args=[run.pk])).content.decode()
    slip = run.payslips.get(employee=world["mine"])
    assert content.splitlines() == [
        "account,name,amount,reference",
        f"1234567890,{slip.name},{slip.net},GAJI-202603-{slip.nip}",
    ]


def test_bank_file_of_a_draft_run_is_refused(client, world, officer):
    draft = services.run_create(year=2026, month=3, by=officer)
    client.force_login(officer)
    response = client.get(reverse("admin:payroll_run_bank", args=[draft.pk]))
    assert response.status_code == 302


def test_pph21_summary_totals_per_tax_status(client, world, officer):
    client.force_login(officer)
    content = client.get(reverse("admin:payroll_run_pph21", args=[world["run"].pk])).content
    assert content.decode().splitlines()[1].startswith("TK/0,2,")


def test_comparison_explains_what_changed(client, world, officer):
    from asn_portal.personnel.models import Employee

    Employee.objects.filter(pk=world["mine"].pk).update(mkg_years=6)
    march = services.run_compute(run=services.run_create(year=2026, month=3, by=officer))
    client.force_login(officer)
    page = client.get(reverse("admin:payroll_run_comparison", args=[march.pk])).content.decode()
    assert "Dewi Lestari" in page and "MKG 6 years" in page and "Budi Santoso" not in page


def test_admin_actions_walk_the_workflow(
    client, world, officer, django_capture_on_commit_callbacks
):
    run = services.run_create(year=2026, month=4, by=officer)
    client.force_login(officer)
    url = reverse("admin:payroll_payrollrun_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"action": "compute_runs", "_selected_action": [run.pk], "confirmed": "yes"}
        )
    for action in ("check_runs", "approve_runs", "pay_runs"):
        client.post(url, {"action": action, "_selected_action": [run.pk], "confirmed": "yes"})
    run.refresh_from_db()
    assert run.status == RunStatus.PAID and run.progress_done == 2


def test_admin_action_asks_for_confirmation_before_approving(client, world, officer):
    run = services.run_compute(run=services.run_create(year=2026, month=4, by=officer))
    services.run_check(run=run, by=officer)
    client.force_login(officer)
    url = reverse("admin:payroll_payrollrun_changelist")
    response = client.post(url, {"action": "approve_runs", "_selected_action": [run.pk]})
    run.refresh_from_db()
    assert response.status_code == 200 and run.status == RunStatus.CHECKED


def test_admin_creates_a_run_through_the_service_with_its_first_status(client, world, officer):
    client.force_login(officer)
    response = client.post(
        reverse("admin:payroll_payrollrun_add"), {"year": 2026, "month": 5, "units": []}
    )
    run = PayrollRun.objects.get(year=2026, month=5)
    assert response.status_code == 302 and run.created_by == officer
    assert [(e.from_status, e.to_status, e.by) for e in status_history(run)] == [
        ("", RunStatus.DRAFT, officer)
    ]


def test_admin_refusal_of_run_creation_re_renders_the_form(client, world, officer):
    client.force_login(officer)
    response = client.post(
        reverse("admin:payroll_payrollrun_add"), {"year": 2026, "month": 13, "units": []}
    )
    assert response.status_code == 200 and not PayrollRun.objects.filter(month=13).exists()


def test_admin_cannot_edit_a_run_by_hand(client, world, officer):
    run = services.run_create(year=2026, month=5, by=officer)
    client.force_login(officer)
    client.post(
        reverse("admin:payroll_payrollrun_change", args=[run.pk]),
        {"year": 2027, "month": 1, "units": []},
    )
    run.refresh_from_db()
    assert (run.year, run.month) == (2026, 5)


def test_opd_operator_cannot_open_payroll_admin(client, world, unit_tree):
    operator = factories.UserFactory(username="op-a", unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    client.force_login(operator)
    assert client.get(reverse("admin:payroll_payrollrun_changelist")).status_code == 403
    assert (
        client.get(reverse("admin:payroll_run_summary", args=[world["run"].pk])).status_code == 403
    )


def test_approved_payslip_has_no_change_or_delete_in_admin(client, world, officer):
    client.force_login(officer)
    url = reverse("admin:payroll_payslip_delete", args=[world["slip"].pk])
    assert client.get(url).status_code == 403
    assert PayrollRun.objects.get(pk=world["run"].pk).status == RunStatus.APPROVED


def test_portal_card_runs_one_query(world, rf, django_assert_num_queries):
    from payroll.portal import payroll_card

    with django_assert_num_queries(1):
        card = payroll_card(rf.get("/portal/"), world["mine"])
    assert card.context["payslip"] == world["slip"]


def test_officer_opens_a_payslip_with_its_lines_in_admin(
    client, world, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("admin:payroll_payslip_change", args=[world["slip"].pk]))
    assert response.status_code == 200 and "Kelas jabatan 7" in response.content.decode()


def test_officer_lists_payslips_with_bounded_queries(
    client, world, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("admin:payroll_payslip_changelist"))
    assert response.status_code == 200


def test_officer_adds_an_adjustment_in_admin(client, world, officer):
    from payroll.models import Adjustment

    client.force_login(officer)
    response = client.post(
        reverse("admin:payroll_adjustment_add"),
        {"original": world["slip"].pk, "amount": 125000, "reason": "TPP Januari kurang"},
    )
    assert response.status_code == 302
    adjustment = Adjustment.objects.get()
    assert adjustment.employee == world["mine"] and adjustment.created_by == officer


@pytest.mark.parametrize(
    "name",
    ["payrules", "basicsalary", "terbracket", "tppamount", "positionallowance", "otherdeduction",
     "attendancerecord", "adjustment", "payslip", "payrollrun"],
)  # fmt: skip
def test_officer_opens_every_payroll_admin_list(client, officer, name):
    client.force_login(officer)
    assert client.get(reverse(f"admin:payroll_{name}_changelist")).status_code == 200
