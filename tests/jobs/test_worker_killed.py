"""A worker SIGKILLed mid-job leaves nothing stuck and nothing doubled (real workers on Redis)."""

import datetime as dt

import pytest
from django.utils import translation

from appraisal import services as appraisal_services
from appraisal.models import Cycle, Evaluation, Plan
from asn_portal.common import jobs
from asn_portal.common.models import JobLease
from payroll import selectors as payroll_selectors
from payroll import services as payroll_services
from payroll.models import ComputeState, PayrollRun, Payslip
from tests import factories
from tests.worker_process import WorkerProcess, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
LEASE_SECONDS = "2"


def _lease(kind, key):
    return JobLease.objects.filter(kind=kind, key=str(key)).first()


def _worker(broker, name, monkeypatch):
    monkeypatch.setenv("JOB_LEASE_SECONDS", LEASE_SECONDS)
    return WorkerProcess(broker, name).start()


def _kill_mid_job(worker, *, kind, key, release):
    """Wait until the worker holds the job and is stuck inside it, then SIGKILL it."""
    wait_for(
        lambda: (lease := _lease(kind, key)) and lease.state == JobLease.State.RUNNING,
        timeout=60,
        what=f"the worker to claim {kind} {key}\n{worker.output()}",
    )
    worker.kill()
    release()


def _resume_after_expiry(kind, key):
    """What beat's jobs sweep does once the dead worker's lease has expired."""
    wait_for(lambda: _lease(kind, key).interrupted, timeout=20, what="the lease to expire")
    assert jobs.jobs_sweep() >= 1


def test_a_payroll_run_whose_worker_died_is_finished_by_another(
    broker, table_lock, unit_tree, monkeypatch, client, settings
):
    people = [factories.EmployeeFactory(unit=unit_tree["A"]) for _ in range(4)]
    run = payroll_services.run_create(year=2026, month=2)
    lock = table_lock("payroll_payslipline")  # the computation blocks on its first DELETE
    payroll_services.run_request_compute(run=run)

    first = _worker(broker, "first", monkeypatch)
    try:
        _kill_mid_job(first, kind=payroll_services.COMPUTE_JOB, key=run.pk, release=lock.rollback)
    finally:
        first.kill()
    run.refresh_from_db()
    assert run.compute_state == ComputeState.RUNNING  # what used to stay forever
    assert not Payslip.objects.filter(run=run).exists()  # the killed transaction left nothing

    wait_for(lambda: _lease(payroll_services.COMPUTE_JOB, run.pk).interrupted, timeout=20)
    with translation.override("en"):
        assert payroll_selectors.compute_status_label(run) == "interrupted, resuming"
    settings.LANGUAGE_CODE = "en"
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/admin/payroll/payrollrun/", HTTP_ACCEPT_LANGUAGE="en")
    assert "interrupted, resuming" in page.content.decode()  # what the officer sees

    second = _worker(broker, "second", monkeypatch)
    try:
        _resume_after_expiry(payroll_services.COMPUTE_JOB, run.pk)
        wait_for(
            lambda: PayrollRun.objects.get(pk=run.pk).compute_state == ComputeState.DONE,
            timeout=60,
            what=f"the second worker to compute\n{second.output()}",
        )
    finally:
        second.stop()
    payslips = Payslip.objects.filter(run=run)
    assert payslips.count() == len(people)
    assert set(payslips.values_list("employee_id", flat=True)) == {p.pk for p in people}
    lease = _lease(payroll_services.COMPUTE_JOB, run.pk)
    assert (lease.state, lease.interruptions) == (JobLease.State.DONE, 1)
    # A late redelivery of the original message does nothing.
    from payroll.tasks import payroll_run_compute_task

    assert payroll_run_compute_task(run.pk) == 0
    assert Payslip.objects.filter(run=run).count() == len(people)


def test_a_cycle_opening_whose_worker_died_completes_without_duplicates(
    broker, table_lock, unit_tree, monkeypatch
):
    # Real time: the worker processes stamp their leases with the real clock.
    people = [factories.EmployeeFactory(unit=unit_tree["A1"]) for _ in range(5)]
    cycle = appraisal_services.cycle_create(
        year=2026, frequency=Cycle.Frequency.MONTHLY, plan_due=dt.date(2026, 2, 27)
    )
    lock = table_lock("appraisal_plan")  # the opening blocks on its first insert
    appraisal_services.cycle_open_request(cycle=cycle)

    first = _worker(broker, "first", monkeypatch)
    try:
        _kill_mid_job(first, kind=appraisal_services.OPEN_JOB, key=cycle.pk, release=lock.rollback)
    finally:
        first.kill()
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.DRAFT and not Plan.objects.filter(cycle=cycle).exists()

    second = _worker(broker, "second", monkeypatch)
    try:
        _resume_after_expiry(appraisal_services.OPEN_JOB, cycle.pk)
        wait_for(
            lambda: Cycle.objects.get(pk=cycle.pk).status == Cycle.Status.OPEN,
            timeout=60,
            what=f"the second worker to open the cycle\n{second.output()}",
        )
    finally:
        second.stop()
    plans = Plan.objects.filter(cycle=cycle)
    assert plans.count() == len(people)
    assert plans.values("employee").distinct().count() == len(people)
    evaluations = Evaluation.objects.filter(plan__cycle=cycle)
    assert evaluations.count() == evaluations.values("plan", "period").distinct().count()
    assert _lease(appraisal_services.OPEN_JOB, cycle.pk).state == JobLease.State.DONE
