"""The appraisal's transition tables (Cycle, Period, Plan, Evaluation): every move outside the
table refused with a message; every legal move recorded with the acting user (StatusEvent and
audit log); decisions about a person (rating, SKP decision, unit result) in the audit trail."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from auditlog.models import LogEntry

from appraisal import services
from appraisal.models import Cycle, Evaluation, Period, Plan, UnitAssessment
from asn_portal.common.workflow import TransitionNotAllowed, status_history, transition
from tests import factories

from .factories import PlanResultFactory, approved_plan

pytestmark = pytest.mark.django_db

MODELS = {"cycle": Cycle, "period": Period, "plan": Plan, "evaluation": Evaluation}


def _illegal(name, model):
    table = {(s, str(m.target)) for m in model.workflow.moves for s in m.sources}
    return [
        (name, a, b)
        for a, b in itertools.permutations(model.Status.values, 2)
        if (a, b) not in table
    ]


ILLEGAL = [case for name, model in MODELS.items() for case in _illegal(name, model)]


def _instance(name, cycle, org):
    plan = Plan.objects.get(cycle=cycle, employee=org.staff[0])
    return {
        "cycle": cycle,
        "period": cycle.periods.get(kind="periodic", number=2),
        "plan": plan,
        "evaluation": Evaluation.objects.get(employee=org.staff[0], period__number=2,
                                             period__kind="periodic"),
    }[name]  # fmt: skip


def last_log(obj):
    return LogEntry.objects.get_for_object(obj).latest("timestamp", "pk")


@pytest.mark.parametrize(("name", "source", "target"), ILLEGAL)
def test_a_move_outside_the_table_is_refused_with_a_message(cycle, org, name, source, target):
    obj = _instance(name, cycle, org)
    before, events = obj.status, status_history(obj).count()
    obj.status = source  # in memory: the database's own checks would refuse some states
    with pytest.raises(TransitionNotAllowed, match="cannot change from"):
        transition(obj, target, by=None)
    obj.refresh_from_db()
    assert obj.status == before and status_history(obj).count() == events


def test_cycle_moves_are_recorded_with_the_officer(org, time_machine):
    officer = factories.UserFactory(username="bkd-skp", role="Petugas Penilaian Kinerja")
    draft = services.cycle_create(
        year=2027, frequency="quarterly", plan_due=dt.date(2027, 2, 26), by=officer
    )
    services.cycle_open(cycle=draft, on_date=dt.date(2027, 1, 5), by=officer)
    services.cycle_close(cycle=draft, by=officer)
    draft.refresh_from_db()
    moves = [(e.from_status, e.to_status, e.by) for e in status_history(draft)]
    assert moves == [
        ("", "draft", officer),
        ("draft", "open", officer),
        ("open", "closed", officer),
    ]
    assert last_log(draft).actor == officer
    assert not draft.periods.exclude(status=Period.Status.CLOSED).exists()


def test_a_user_without_the_officer_right_cannot_open_a_cycle(org):
    draft = services.cycle_create(year=2027, frequency="monthly",
                                  plan_due=dt.date(2027, 2, 26))  # fmt: skip
    with pytest.raises(TransitionNotAllowed, match="not allowed"):
        services.cycle_open(cycle=draft, by=org.staff[0].user)


def test_period_close_is_recorded_with_the_officer(cycle, org):
    officer = factories.UserFactory(username="bkd-skp", role="Petugas Penilaian Kinerja")
    period = cycle.periods.get(kind="periodic", number=1)
    services.period_close(period=period, by=officer)
    events = list(status_history(period))
    assert [(e.from_status, e.to_status) for e in events] == [
        ("pending", "open"),
        ("open", "closed"),
    ]
    assert events[-1].by == officer and last_log(period).actor == officer


def test_plan_moves_are_recorded_with_who_decided(cycle, org):
    staff, chief = org.staff[0].user, org.chief.user
    plan = Plan.objects.get(cycle=cycle, employee=org.staff[0])
    parent = PlanResultFactory(plan=Plan.objects.get(cycle=cycle, employee=org.chief))
    PlanResultFactory(plan=plan, parent=parent)
    services.plan_submit(plan=plan, by=staff)
    services.plan_return(plan=plan, by=chief, comment="Perjelas target")
    services.plan_submit(plan=plan, by=staff)
    services.plan_approve(plan=plan, by=chief)
    moves = [(e.from_status, e.to_status, e.by) for e in status_history(plan)]
    assert moves == [
        ("draft", "submitted", staff), ("submitted", "returned", chief),
        ("returned", "submitted", staff), ("submitted", "approved", chief),
    ]  # fmt: skip
    entry = last_log(plan)
    assert entry.actor == chief and entry.changes_dict["status"] == ["submitted", "approved"]


def test_the_rating_is_in_the_audit_trail_with_the_supervisor(cycle, org):
    staff, chief = org.staff[0].user, org.chief.user
    evaluation = _instance("evaluation", cycle, org)
    approved_plan(evaluation.plan)
    for result in evaluation.plan.results.all():
        services.realisation_save(evaluation=evaluation, result=result, by=staff,
                                  realisation="Selesai", evidence_url="")  # fmt: skip
    services.evaluation_submit(evaluation=evaluation, by=staff)
    services.evaluation_rate(evaluation=evaluation, by=chief, rating_results="meets",
                             rating_behaviour="meets", results_feedback="Baik")  # fmt: skip
    rated = last_log(evaluation)
    services.evaluation_acknowledge(evaluation=evaluation, by=staff)
    moves = [(e.from_status, e.to_status, e.by) for e in status_history(evaluation)]
    assert moves == [("open", "submitted", staff), ("submitted", "rated", chief),
                     ("rated", "acknowledged", staff)]  # fmt: skip
    assert rated.actor == chief and rated.changes_dict["predikat"] == ["", "baik"]


def test_someone_else_cannot_rate(cycle, org):
    evaluation = _instance("evaluation", cycle, org)
    Evaluation.objects.filter(pk=evaluation.pk).update(status="submitted")
    evaluation.refresh_from_db()
    with pytest.raises(Exception, match="direct supervisor"):
        services.evaluation_rate(evaluation=evaluation, by=org.staff[1].user,
                                 rating_results="meets", rating_behaviour="meets",
                                 results_feedback="x")  # fmt: skip


def test_a_unit_result_is_in_the_audit_trail_with_the_officer(cycle, org):
    officer = factories.UserFactory(username="bkd-skp", role="Petugas Penilaian Kinerja")
    period = cycle.periods.get(kind="periodic", number=2)
    result = services.unit_assessment_set(
        period=period, unit=org.units["A1"], predikat="istimewa", by=officer
    )
    services.unit_assessment_set(period=period, unit=org.units["A1"], predikat="baik", by=officer)
    entry = last_log(result)
    assert isinstance(result, UnitAssessment) and entry.actor == officer
    assert entry.changes_dict["predikat"] == ["istimewa", "baik"]
