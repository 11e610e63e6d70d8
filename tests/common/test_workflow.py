"""The shared write path: one transition table per model, every move checked and recorded."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from asn_portal.common import workflow
from asn_portal.common.models import StatusEvent
from asn_portal.common.workflow import Move, TransitionNotAllowed, Workflow
from rewards.models import DisciplinaryCase
from rewards.services import case_open
from tests import factories

S = DisciplinaryCase.Status

TABLE = Workflow(
    Move(S.REPORTED, S.EXAMINATION, "Examine", permission="rewards.change_disciplinarycase"),
    Move((S.REPORTED, S.EXAMINATION), S.CLOSED, "Close"),
    Move(S.EXAMINATION, S.DECIDED, "Decide", system_only=True),
)


@pytest.fixture
def case(db, monkeypatch):
    monkeypatch.setattr(DisciplinaryCase, "workflow", TABLE, raising=False)
    return case_open(
        employee=factories.EmployeeFactory(),
        violation="Tidak masuk kerja",
        legal_article="PP 94/2021 pasal 4 huruf f",
        source=DisciplinaryCase.Source.SUPERVISOR_REPORT,
        reported_on=dt.date(2026, 11, 2),
    )


def _events(case):
    return StatusEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(DisciplinaryCase), object_id=case.pk
    )


def test_a_move_outside_the_table_is_refused_with_a_message(case):
    recorded = _events(case).count()
    with pytest.raises(TransitionNotAllowed) as refused:
        workflow.transition(case, S.DECIDED, by=None)
    assert "Dilaporkan" in str(refused.value) or "Reported" in str(refused.value)
    case.refresh_from_db()
    assert case.status == S.REPORTED
    assert _events(case).count() == recorded


def test_a_legal_move_is_saved_and_recorded_with_who_and_why(case):
    officer = factories.UserFactory(is_superuser=True, is_staff=True)
    workflow.transition(case, S.EXAMINATION, by=officer, note="Dipanggil 5 Nov")
    case.refresh_from_db()
    assert case.status == S.EXAMINATION
    event = _events(case).last()
    assert (event.from_status, event.to_status, event.by, event.note) == (
        "reported",
        "examination",
        officer,
        "Dipanggil 5 Nov",
    )
    entry = LogEntry.objects.get_for_object(case).filter(actor=officer).get()
    assert entry.changes["status"] == ["reported", "examination"]
    assert entry.additional_data == {"note": "Dipanggil 5 Nov"}


def test_other_fields_changed_with_the_move_are_logged_together(case):
    workflow.transition(case, S.CLOSED, by=None, changes={"closing_reason": "Tidak terbukti"})
    case.refresh_from_db()
    assert case.closing_reason == "Tidak terbukti"
    entry = LogEntry.objects.get_for_object(case).order_by("-pk").first()
    assert entry.changes["closing_reason"] == ["", "Tidak terbukti"]


def test_a_user_without_the_permission_is_refused_and_not_offered_the_move(case):
    clerk = factories.UserFactory(is_staff=True)
    assert [m.target for m in workflow.allowed_moves(case, clerk)] == [S.CLOSED]
    with pytest.raises(TransitionNotAllowed):
        workflow.transition(case, S.EXAMINATION, by=clerk)
    assert workflow.can_move(case, S.EXAMINATION) is True
    assert workflow.can_move(case, S.EXAMINATION, clerk) is False


def test_system_moves_are_never_offered_to_a_user_nor_made_by_one(case):
    workflow.transition(case, S.EXAMINATION, by=None)
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    assert S.DECIDED not in [m.target for m in workflow.allowed_moves(case, admin)]
    with pytest.raises(TransitionNotAllowed):
        workflow.transition(case, S.DECIDED, by=admin)
    workflow.transition(case, S.DECIDED, by=None)
    assert [e.to_status for e in workflow.status_history(case)][-2:] == ["examination", "decided"]


def test_a_final_status_has_no_moves(case):
    workflow.transition(case, S.CLOSED, by=None, changes={"closing_reason": "x"})
    assert TABLE.is_final(S.CLOSED)
    assert workflow.allowed_moves(case, factories.UserFactory(is_superuser=True)) == []


def test_a_table_with_the_same_move_twice_is_a_programming_error():
    with pytest.raises(ValueError):
        Workflow(Move("a", "b"), Move(("a", "c"), "b"))
