"""Monthly runs: bulk computation, workflow, immutability in the database, adjustments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from asn_portal.personnel.models import Employee, FamilyMember
from payroll import inputs, services
from payroll.models import (
    Adjustment,
    ComputeState,
    PayrollRun,
    Payslip,
    PayslipLine,
    RunStatus,
)
from tests import factories
from tests.payroll.factories import (
    AttendanceRecordFactory,
    OtherDeductionFactory,
    PayRulesFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return factories.UserFactory(username="gaji", role="Petugas Penggajian")


@pytest.fixture
def people(unit_tree):
    married = factories.EmployeeFactory(
        unit=unit_tree["A"], mkg_years=0, marital_status="married", ptkp_status="K/2"
    )
    FamilyMember.objects.create(
        employee=married, relation="spouse", name="Sri", sex="2", birth_date=dt.date(1985, 1, 1)
    )
    for year in (2012, 2015):
        factories.FamilyMemberFactory(employee=married, birth_date=dt.date(year, 5, 1))
    single = factories.EmployeeFactory(unit=unit_tree["A1"])
    other = factories.EmployeeFactory(unit=unit_tree["B"])
    return {"married": married, "single": single, "other": other}


def computed(run):
    return services.run_compute(run=run)


def lines_of(run) -> set[tuple]:
    return set(
        PayslipLine.objects.filter(run=run).values_list(
            "payslip__employee_id", "code", "amount", "explanation"
        )
    )


def approved_run(people, staff, year=2026, month=2):
    run = services.run_create(year=year, month=month, by=staff)
    computed(run)
    services.run_check(run=run, by=staff)
    return services.run_approve(run=run, by=staff)


def test_run_computes_a_payslip_per_active_employee(people, staff):
    run = computed(services.run_create(year=2026, month=2, by=staff))
    assert run.payslips.count() == 3 and run.compute_state == ComputeState.DONE


def test_run_skips_employees_who_are_not_active(people, staff):
    Employee.objects.filter(pk=people["other"].pk).update(state=Employee.State.RETIRED)
    run = computed(services.run_create(year=2026, month=2, by=staff))
    assert set(run.payslips.values_list("employee_id", flat=True)) == {
        people["married"].pk,
        people["single"].pk,
    }


def test_run_for_some_units_includes_their_sub_units_only(people, staff, unit_tree):
    run = computed(services.run_create(year=2026, month=2, units=[unit_tree["A"]], by=staff))
    assert run.payslips.count() == 2


def test_family_from_master_data_reaches_the_payslip(people, staff):
    run = computed(services.run_create(year=2026, month=2, by=staff))
    payslip = run.payslips.get(employee=people["married"])
    family = payslip.lines.get(code="family")
    assert family.amount == 278_570 + 111_428


def test_child_of_21_is_no_longer_counted(people, staff):
    factories.FamilyMemberFactory(employee=people["single"], birth_date=dt.date(2005, 1, 15))
    run = computed(services.run_create(year=2026, month=2, by=staff))
    assert not run.payslips.get(employee=people["single"]).lines.filter(code="family").exists()


def test_studying_child_counts_until_25(people, staff):
    factories.FamilyMemberFactory(
        employee=people["single"], birth_date=dt.date(2002, 1, 15), is_studying=True
    )
    run = computed(services.run_create(year=2026, month=2, by=staff))
    assert (
        run.payslips.get(employee=people["single"]).lines.get(code="family").amount == 59_280
    )  # 2% of III/a MKG 4


def test_attendance_of_the_month_lowers_tpp(people, staff):
    AttendanceRecordFactory(employee=people["single"], date=dt.date(2026, 2, 3), minutes_late=45)
    AttendanceRecordFactory(
        employee=people["single"], date=dt.date(2026, 1, 30), absence="unexcused"
    )
    run = computed(services.run_create(year=2026, month=2, by=staff))
    tpp = run.payslips.get(employee=people["single"]).lines.get(code="tpp")
    assert "1 × late 31–60 min" in tpp.explanation
    assert "unexcused" not in tpp.explanation


def test_other_deductions_are_listed(people, staff):
    OtherDeductionFactory(employee=people["single"], amount=150_000)
    run = computed(services.run_create(year=2026, month=2, by=staff))
    assert run.payslips.get(employee=people["single"]).lines.get(code="other").amount == 150_000


def test_missing_appraisal_module_warns_on_the_run(people, staff, monkeypatch):
    real = inputs.apps.is_installed
    monkeypatch.setattr(
        inputs.apps, "is_installed", lambda name: name != "appraisal" and real(name)
    )
    run = computed(services.run_create(year=2026, month=2, by=staff))
    tpp = run.payslips.get(employee=people["single"]).lines.get(code="tpp")
    assert any("appraisal" in warning for warning in run.warnings)
    assert "appraisal module not installed" in tpp.explanation


def test_installed_appraisal_gives_no_warning(people, staff):
    run = computed(services.run_create(year=2026, month=2, by=staff))
    assert not any("appraisal" in warning for warning in run.warnings)


def test_draft_recompute_gives_the_same_result(people, staff):
    run = computed(services.run_create(year=2026, month=2, by=staff))
    first = lines_of(run)
    assert lines_of(computed(run)) == first


def test_broken_employee_does_not_stop_the_run(people, staff):
    Employee.objects.filter(pk=people["other"].pk).update(ptkp_status="K/9")  # bad master data
    run = computed(services.run_create(year=2026, month=2, by=staff))
    broken = run.payslips.get(employee=people["other"])
    assert "Unknown tax status (PTKP) K/9" in broken.error
    assert run.error_count == 1 and run.payslips.filter(error="").count() == 2


def test_run_with_errors_cannot_be_approved(people, staff):
    Employee.objects.filter(pk=people["other"].pk).update(ptkp_status="K/9")
    run = computed(services.run_create(year=2026, month=2, by=staff))
    services.run_check(run=run, by=staff)
    with pytest.raises(ValidationError, match="errors"):
        services.run_approve(run=run, by=staff)


def test_workflow_goes_draft_checked_approved_paid(people, staff):
    run = approved_run(people, staff)
    run = services.run_mark_paid(run=run, by=staff)
    assert run.status == RunStatus.PAID and run.paid_at is not None


def test_draft_cannot_be_approved_without_checking(people, staff):
    run = computed(services.run_create(year=2026, month=2, by=staff))
    with pytest.raises(ValidationError):
        services.run_approve(run=run, by=staff)


def test_uncomputed_run_cannot_be_checked(staff):
    run = services.run_create(year=2026, month=2, by=staff)
    with pytest.raises(ValidationError, match="Compute"):
        services.run_check(run=run, by=staff)


def test_checked_run_can_go_back_to_draft(people, staff):
    run = computed(services.run_create(year=2026, month=2, by=staff))
    services.run_check(run=run, by=staff)
    assert services.run_reopen(run=run, by=staff).status == RunStatus.DRAFT


def test_approved_run_cannot_be_recomputed(people, staff):
    run = approved_run(people, staff)
    with pytest.raises(ValidationError):
        services.run_compute(run=run)


def test_database_refuses_queryset_update_of_an_approved_payslip(people, staff):
    run = approved_run(people, staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payslip.objects.filter(run=run).update(net=0)


def test_database_refuses_save_of_an_approved_payslip(people, staff):
    run = approved_run(people, staff)
    payslip = run.payslips.first()
    payslip.net = 1
    with pytest.raises(IntegrityError), transaction.atomic():
        payslip.save()


def test_database_refuses_bulk_update_of_approved_lines(people, staff):
    run = approved_run(people, staff)
    lines = list(PayslipLine.objects.filter(run=run)[:3])
    for line in lines:
        line.amount = 0
    with pytest.raises(IntegrityError), transaction.atomic():
        PayslipLine.objects.bulk_update(lines, ["amount"])


def test_database_refuses_deleting_approved_lines(people, staff):
    run = approved_run(people, staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        PayslipLine.objects.filter(run=run).delete()


def test_database_refuses_adding_lines_to_an_approved_run(people, staff):
    run = approved_run(people, staff)
    payslip = run.payslips.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        PayslipLine.objects.create(
            run=run, payslip=payslip, position=99, code="x", kind="earning", label="x", amount=1
        )


def test_database_refuses_deleting_an_approved_run(people, staff):
    run = approved_run(people, staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        PayrollRun.objects.filter(pk=run.pk).delete()


def test_database_refuses_reopening_an_approved_run(people, staff):
    run = approved_run(people, staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        PayrollRun.objects.filter(pk=run.pk).update(status=RunStatus.DRAFT)


def test_draft_payslips_can_still_be_changed(people, staff):
    run = computed(services.run_create(year=2026, month=2, by=staff))
    assert Payslip.objects.filter(run=run).update(net=0) == 3


def test_adjustment_lands_in_the_next_run_linked_to_the_original(people, staff):
    february = approved_run(people, staff)
    original = february.payslips.get(employee=people["single"])
    adjustment = services.adjustment_create(original=original, amount=250_000, reason="TPP kurang")
    march = computed(services.run_create(year=2026, month=3, by=staff))
    line = march.payslips.get(employee=people["single"]).lines.get(code="adjustment")
    adjustment.refresh_from_db()
    assert line.amount == 250_000 and "02/2026" in line.explanation
    assert adjustment.applied_in == march and adjustment.original == original


def test_adjustment_is_not_paid_twice(people, staff):
    february = approved_run(people, staff)
    original = february.payslips.get(employee=people["single"])
    services.adjustment_create(original=original, amount=250_000, reason="TPP kurang")
    march = approved_run(people, staff, month=3)
    april = computed(services.run_create(year=2026, month=4, by=staff))
    assert march.payslips.get(employee=people["single"]).lines.filter(code="adjustment").exists()
    assert not april.payslips.get(employee=people["single"]).lines.filter(code="adjustment")


def test_draft_payslip_cannot_be_adjusted(people, staff):
    run = computed(services.run_create(year=2026, month=2, by=staff))
    with pytest.raises(ValidationError):
        services.adjustment_create(original=run.payslips.first(), amount=1, reason="x")


def test_rule_change_in_march_leaves_february_unchanged(people, staff):
    february = computed(services.run_create(year=2026, month=2, by=staff))
    before = lines_of(february)
    PayRulesFactory(effective_from=dt.date(2026, 3, 1), food_per_person=80_000)
    assert lines_of(computed(february)) == before
    march = computed(services.run_create(year=2026, month=3, by=staff))
    assert march.payslips.get(employee=people["single"]).lines.get(code="food").amount == 80_000


def test_month_outside_1_to_12_is_refused(staff):
    with pytest.raises(ValidationError):
        services.run_create(year=2026, month=13, by=staff)


def test_compute_task_runs_in_process_without_a_broker(
    people, staff, django_capture_on_commit_callbacks
):
    run = services.run_create(year=2026, month=2, by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.run_request_compute(run=run)
    run.refresh_from_db()
    assert run.compute_state == ComputeState.DONE and run.progress_done == 3


def test_compute_task_twice_computes_once(people, staff):
    from payroll.tasks import payroll_run_compute_task

    run = services.run_create(year=2026, month=2, by=staff)
    PayrollRun.objects.filter(pk=run.pk).update(compute_state=ComputeState.QUEUED)
    assert payroll_run_compute_task(run.pk) == 3
    assert payroll_run_compute_task(run.pk) == 0


def test_adjustment_needs_a_reason(people, staff):
    run = approved_run(people, staff)
    with pytest.raises(ValidationError):
        services.adjustment_create(original=run.payslips.first(), amount=5, reason=" ")
    assert not Adjustment.objects.exists()


def test_database_refuses_a_line_pointing_to_a_payslip_of_another_run(people, staff):
    february = computed(services.run_create(year=2026, month=2, by=staff))
    march = computed(services.run_create(year=2026, month=3, by=staff))
    with pytest.raises(IntegrityError), transaction.atomic():
        PayslipLine.objects.create(
            run=march, payslip=february.payslips.first(), position=99, code="x", kind="earning",
            label="x", amount=1,
        )  # fmt: skip


def test_database_refuses_a_line_without_payslip(people, staff):
    run = computed(services.run_create(year=2026, month=2, by=staff))
    with pytest.raises(IntegrityError), transaction.atomic():
        PayslipLine.objects.create(
            run=run, payslip_id=987654321, position=0, code="x", kind="earning", label="x", amount=1
        )


def test_database_refuses_deleting_a_payslip_that_still_has_lines(people, staff):
    from django.db import connection

    run = computed(services.run_create(year=2026, month=2, by=staff))
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM payroll_payslip WHERE run_id = %s", [run.pk])


def test_orm_delete_of_a_draft_payslip_takes_its_lines(people, staff):
    run = computed(services.run_create(year=2026, month=2, by=staff))
    payslip = run.payslips.first()
    payslip.delete()
    assert not PayslipLine.objects.filter(payslip_id=payslip.pk).exists()


def test_a_month_cannot_be_approved_twice_for_the_same_employee(people, staff):
    approved_run(people, staff)
    second = computed(services.run_create(year=2026, month=2, by=staff))
    services.run_check(run=second, by=staff)
    with pytest.raises(ValidationError, match="already in an approved run"):
        services.run_approve(run=second, by=staff)


def test_no_record_day_counts_as_the_highest_lateness(people, staff):
    AttendanceRecordFactory(employee=people["single"], date=dt.date(2026, 2, 4), no_record=True)
    run = computed(services.run_create(year=2026, month=2, by=staff))
    tpp = run.payslips.get(employee=people["single"]).lines.get(code="tpp")
    assert "1 × late > 90 min or no record × 1.5%" in tpp.explanation.replace(",", ".")


def test_progress_is_published_in_redis_while_computing(people, staff, settings, redis_url):
    from django.core.cache import cache

    from payroll.selectors import run_progress

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url.rsplit("/", 1)[0] + "/10",
        }
    }
    run = services.run_create(year=2026, month=2, by=staff)
    computed(run)
    PayrollRun.objects.filter(pk=run.pk).update(compute_state=ComputeState.RUNNING)
    run.refresh_from_db()
    assert cache.get(services.progress_key(run.pk)) == (3, 3)
    assert run_progress(run) == (3, 3)
    cache.delete(services.progress_key(run.pk))


def test_run_queries_do_not_grow_with_employees(people, staff, unit_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_of_a_run(month):
        run = services.run_create(year=2026, month=month, by=staff)
        with CaptureQueriesContext(connection) as captured:
            computed(run)
        return len(captured)

    few = queries_of_a_run(2)
    for _ in range(10):
        employee = factories.EmployeeFactory(unit=unit_tree["B"])
        factories.FamilyMemberFactory(employee=employee)
        AttendanceRecordFactory(employee=employee, date=dt.date(2026, 3, 2), minutes_late=10)
    assert queries_of_a_run(3) == few


def test_compute_task_marks_the_run_failed_when_no_rules_are_in_force(people, staff):
    from payroll.inputs import MissingRules
    from payroll.tasks import payroll_run_compute_task

    run = services.run_create(year=2023, month=12, by=staff)  # before the first rules
    PayrollRun.objects.filter(pk=run.pk).update(compute_state=ComputeState.QUEUED)
    with pytest.raises(MissingRules):
        payroll_run_compute_task(run.pk)
    run.refresh_from_db()
    assert run.compute_state == ComputeState.FAILED and "No pay rules" in run.warnings[0]


def test_computing_a_month_without_rules_is_refused_with_a_message(staff):
    run = services.run_create(year=2023, month=12, by=staff)
    with pytest.raises(ValidationError, match="No pay rules"):
        services.run_request_compute(run=run)


def test_tpp_amount_of_an_opd_overrides_the_general_one(people, staff, unit_tree):
    from payroll.models import TppAmount

    TppAmount.objects.create(
        kelas_jabatan=7, unit=unit_tree["A"], amount=3_000_000,
        effective_from=dt.date(2025, 1, 1), note="remote place of duty",
    )  # fmt: skip
    run = computed(services.run_create(year=2026, month=2, by=staff))
    in_subunit = run.payslips.get(employee=people["single"]).lines.get(code="tpp")  # unit A.1
    elsewhere = run.payslips.get(employee=people["other"]).lines.get(code="tpp")  # unit B
    assert "Rp 3.000.000" in in_subunit.explanation
    assert "remote place of duty" in in_subunit.explanation
    assert "Rp 2.500.000" in elsewhere.explanation


@pytest.mark.parametrize("table", ["payroll_payrollrun", "payroll_payslip", "payroll_payslipline"])
def test_truncate_is_refused_while_an_approved_run_exists(people, staff, table):
    from django.db import connection

    approved_run(people, staff)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks before TRUNCATE
        cursor.execute(f"TRUNCATE {table} CASCADE")
    assert Payslip.objects.exists()


def test_truncate_is_allowed_when_the_transaction_explicitly_says_so(people, staff):
    from django.db import connection

    approved_run(people, staff)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL asn_portal.allow_truncate = on")
        cursor.execute("TRUNCATE payroll_payrollrun CASCADE")
    assert not Payslip.objects.exists()


def test_truncate_of_draft_runs_only_is_allowed(people, staff):
    from django.db import connection

    computed(services.run_create(year=2026, month=2, by=staff))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE payroll_payrollrun CASCADE")
    assert not Payslip.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_test_suite_flush_still_empties_an_approved_run(people, staff):
    """The flush after this transactional test TRUNCATEs an approved run: it must not fail."""
    run = approved_run(people, staff)
    assert run.status == RunStatus.APPROVED
