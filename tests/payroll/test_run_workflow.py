"""The payroll run's transition table: illegal moves refused with a message, legal ones recorded
with the acting user (StatusEvent and audit log), refused users kept out."""

from __future__ import annotations

import itertools

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from asn_portal.common.workflow import TransitionNotAllowed, allowed_moves, status_history
from payroll import services
from payroll.models import Adjustment, PayrollRun, RunStatus
from tests import factories

pytestmark = pytest.mark.django_db

TABLE = {(str(s), str(m.target)) for m in PayrollRun.workflow.moves for s in m.sources}
ILLEGAL = [
    (a, b) for a, b in itertools.permutations([s.value for s in RunStatus], 2)
    if (a, b) not in TABLE
]  # fmt: skip
SERVICE_TO = {
    RunStatus.DRAFT: services.run_reopen,
    RunStatus.CHECKED: services.run_check,
    RunStatus.APPROVED: services.run_approve,
    RunStatus.PAID: services.run_mark_paid,
}


@pytest.fixture
def staff(db):
    return factories.UserFactory(username="gaji", role="Petugas Penggajian")


@pytest.fixture
def run(unit_tree, staff):
    factories.EmployeeFactory(unit=unit_tree["A"])
    return services.run_compute(run=services.run_create(year=2026, month=2, by=staff))


def walk_to(run, status, staff):
    path = {
        RunStatus.DRAFT: [],
        RunStatus.CHECKED: [services.run_check],
        RunStatus.APPROVED: [services.run_check, services.run_approve],
        RunStatus.PAID: [services.run_check, services.run_approve, services.run_mark_paid],
    }[status]
    for service in path:
        run = service(run=run, by=staff)
    return run


def test_the_table_is_the_documented_pipeline():
    assert {
        ("draft", "checked"), ("checked", "draft"), ("checked", "approved"), ("approved", "paid")
    } == TABLE  # fmt: skip


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_illegal_move_is_refused_with_a_message(run, staff, source, target):
    run = walk_to(run, source, staff)
    with pytest.raises(TransitionNotAllowed) as refused:
        SERVICE_TO[target](run=run, by=staff)
    assert "cannot change" in str(refused.value)
    run.refresh_from_db()
    assert run.status == source


@pytest.mark.parametrize(("source", "target"), sorted(TABLE))
def test_legal_move_is_recorded_with_the_acting_user(run, staff, source, target):
    run = walk_to(run, source, staff)
    SERVICE_TO[target](run=run, by=staff)
    run.refresh_from_db()
    last = list(status_history(run))[-1]
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PayrollRun), object_pk=str(run.pk)
    ).latest("timestamp", "pk")
    assert run.status == target
    assert (last.from_status, last.to_status, last.by) == (source, target, staff)
    assert entry.actor == staff and entry.changes_dict["status"] == [source, target]


def test_approval_is_in_the_audit_trail_with_the_approver(run, staff):
    approver = factories.UserFactory(username="kepala-gaji", role="Petugas Penggajian")
    run = services.run_check(run=run, by=staff)
    services.run_approve(run=run, by=approver)
    entry = LogEntry.objects.get_for_object(run).latest("timestamp", "pk")
    assert entry.changes_dict["status"] == ["checked", "approved"] and entry.actor == approver


def test_user_without_payroll_rights_may_not_move_a_run(run, unit_tree):
    operator = factories.UserFactory(username="op", unit=unit_tree["A"], role="Operator OPD")
    with pytest.raises(ValidationError, match="not allowed"):
        services.run_check(run=run, by=operator)
    assert allowed_moves(run, operator) == []


def test_officer_is_offered_check_only_once_the_run_is_computed(unit_tree, staff):
    draft = services.run_create(year=2026, month=3, by=staff)
    assert allowed_moves(draft, staff) == []
    draft = services.run_compute(run=draft)
    assert [str(m.target) for m in allowed_moves(draft, staff)] == ["checked"]


def test_approved_run_cannot_be_deleted(run, staff):
    run = walk_to(run, RunStatus.APPROVED, staff)
    with pytest.raises(ValidationError, match="cannot be deleted"):
        services.run_delete(run=run, by=staff)


def test_adjustment_is_in_the_audit_trail_with_its_author(run, staff):
    run = walk_to(run, RunStatus.APPROVED, staff)
    from auditlog.context import set_actor

    with set_actor(staff):
        adjustment = services.adjustment_create(
            original=run.payslips.first(), amount=-50_000, reason="Overpaid", by=staff
        )
    entry = LogEntry.objects.get_for_object(adjustment).get()
    assert isinstance(adjustment, Adjustment) and entry.actor == staff
