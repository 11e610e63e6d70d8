"""Issue 12 in rewards: every workflow in one table, every move recorded with its actor."""

import datetime as dt
import io
import itertools

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from asn_portal.accounts import roles
from asn_portal.common.models import StatusEvent
from asn_portal.common.workflow import TransitionNotAllowed, check_move
from rewards import documents, services
from rewards.models import (
    DisciplinaryCase,
    Nomination,
    Objection,
    Sanction,
    SanctionKind,
)
from tests import factories
from tests.rewards.factories import (
    DisciplinaryCaseFactory,
    NominationFactory,
    ObjectionFactory,
    SanctionFactory,
    examined_case,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _illegal(model):
    workflow = model.workflow
    statuses = sorted(workflow.statuses())
    return [
        (model, a, b)
        for a, b in itertools.product(statuses, statuses)
        if workflow.move(a, b) is None
    ]


ILLEGAL = _illegal(DisciplinaryCase) + _illegal(Nomination) + _illegal(Objection)


@pytest.mark.parametrize(("model", "source", "target"), ILLEGAL)
def test_every_move_outside_the_table_is_refused_with_a_message(model, source, target):
    obj = model(**{model.workflow.field: source})
    with pytest.raises(TransitionNotAllowed) as refused:
        check_move(obj, target)
    assert refused.value.code == "transition"
    assert "cannot change" in str(refused.value.messages[0])


@pytest.fixture
def officer():
    return factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER)


def _recorded(obj, to_status, actor) -> bool:
    ct = ContentType.objects.get_for_model(type(obj))
    event = StatusEvent.objects.filter(content_type=ct, object_id=obj.pk, to_status=to_status)
    log = LogEntry.objects.filter(content_type=ct, object_id=obj.pk, actor=actor)
    return event.filter(by=actor).exists() and log.exists()


def test_starting_and_closing_a_case_are_recorded_with_the_officer(officer):
    case = DisciplinaryCaseFactory()
    services.case_start_examination(case=case, examined_on=dt.date(2026, 6, 2), by=officer)
    assert _recorded(case, "examination", officer)
    services.case_close(case=case, reason="Tidak terbukti", by=officer)
    assert _recorded(case, "closed", officer)


def test_deciding_a_case_is_recorded_with_the_officer(officer):
    case = examined_case()
    services.sanction_decide(
        case=case,
        kind=SanctionKind.TPP_CUT_6,
        decree_number="800/1/2026",
        decree_date=dt.date(2026, 7, 27),
        official_name="A",
        official_title="B",
        by=officer,
    )
    assert _recorded(case, "decided", officer)


@pytest.mark.parametrize(
    ("target", "make"),
    [
        ("in_review", lambda n, by: services.nomination_start_review(nomination=n, by=by)),
        ("rejected", lambda n, by: services.nomination_reject(nomination=n, reason="x", by=by)),
        ("withdrawn", lambda n, by: services.nomination_withdraw(nomination=n, by=by)),
    ],
)
def test_every_nomination_move_is_recorded_with_the_officer(officer, target, make):
    nomination = NominationFactory()
    make(nomination, officer)
    assert _recorded(nomination, target, officer)


def test_approving_a_nomination_is_recorded_with_the_officer(officer):
    nomination = NominationFactory(status=Nomination.Status.IN_REVIEW)
    services.nomination_approve(
        nomination=nomination, sk_number="862/1/2026", sk_date=dt.date(2026, 8, 13), by=officer
    )
    assert _recorded(nomination, "approved", officer)


@pytest.mark.parametrize("outcome", ["rejected", "granted", "amended"])
def test_every_objection_decision_is_in_the_audit_trail_with_the_officer(officer, outcome):
    objection = ObjectionFactory()
    services.objection_decide(
        objection=objection,
        outcome=outcome,
        decided_on=dt.date(2026, 9, 1),
        decision_number="800/KEB/9/2026",
        amended_kind=SanctionKind.WRITTEN_REPRIMAND if outcome == "amended" else "",
        by=officer,
    )
    assert _recorded(objection, outcome, officer)


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _decided_medium(officer) -> Sanction:
    return services.sanction_decide(
        case=examined_case(),
        kind=SanctionKind.TPP_CUT_12,
        decree_number="800/55/HD/2026",
        decree_date=dt.date(2026, 7, 27),
        official_name="Ir. Bupati Contoh",
        official_title="Bupati Contoh",
        delivered_on=dt.date(2026, 8, 3),
        by=officer,
    )


def test_the_original_decree_reprints_as_issued_after_an_objection_changed_it(officer):
    sanction = _decided_medium(officer)
    before = _pdf_text(documents.sanction_decree_pdf(sanction))
    objection = services.objection_file(
        sanction=sanction, kind="objection", filed_on=dt.date(2026, 8, 10), grounds="Sakit"
    )
    services.objection_decide(
        objection=objection,
        outcome="amended",
        decided_on=dt.date(2026, 9, 1),
        decision_number="800/KEB/7/2026",
        amended_kind=SanctionKind.TPP_CUT_6,
        by=officer,
    )
    sanction.refresh_from_db()
    assert sanction.kind == SanctionKind.TPP_CUT_6  # the effects follow the decision
    after = _pdf_text(documents.sanction_decree_pdf(sanction))
    assert after == before
    assert "12 months" in after
    assert "800/KEB/7/2026" not in after


def test_the_objection_decision_is_its_own_numbered_document(officer, client):
    sanction = _decided_medium(officer)
    objection = services.objection_file(
        sanction=sanction, kind="objection", filed_on=dt.date(2026, 8, 10), grounds="Sakit"
    )
    services.objection_decide(
        objection=objection,
        outcome="amended",
        decided_on=dt.date(2026, 9, 1),
        decision_number="800/KEB/7/2026",
        amended_kind=SanctionKind.TPP_CUT_6,
        by=officer,
    )
    client.force_login(officer)
    response = client.get(reverse("admin:rewards_objection_pdf", args=[objection.pk]))
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "800/KEB/7/2026" in text
    assert "800/55/HD/2026" in text
    assert "6 months" in text


def test_another_role_cannot_print_an_objection_decision(client):
    objection = ObjectionFactory()
    client.force_login(factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER))
    response = client.get(reverse("admin:rewards_objection_pdf", args=[objection.pk]))
    assert response.get("Content-Type") != "application/pdf"


def test_a_pending_objection_has_no_decision_document(client, officer):
    objection = ObjectionFactory()
    client.force_login(officer)
    assert (
        client.get(reverse("admin:rewards_objection_pdf", args=[objection.pk])).status_code == 404
    )


def test_a_decision_needs_its_own_number():
    objection = ObjectionFactory()
    with pytest.raises(Exception, match="number of the decision"):
        services.objection_decide(
            objection=objection, outcome="rejected", decided_on=dt.date(2026, 9, 1)
        )


@time_machine.travel(dt.datetime(2026, 8, 12, 9, tzinfo=dt.UTC), tick=False)
def test_an_objection_filed_in_the_future_is_refused():
    sanction = SanctionFactory()
    with pytest.raises(Exception, match="future"):
        services.objection_file(
            sanction=sanction, kind="objection", filed_on=dt.date(2026, 8, 13), grounds="x"
        )


@time_machine.travel(dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC), tick=False)
def test_an_objection_decided_in_the_future_is_refused():
    objection = ObjectionFactory()
    with pytest.raises(Exception, match="future"):
        services.objection_decide(
            objection=objection,
            outcome="rejected",
            decided_on=dt.date(2026, 9, 2),
            decision_number="800/KEB/1/2026",
        )


@time_machine.travel(dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC), tick=False)
def test_a_refused_decision_re_renders_as_an_editable_form_with_the_message(client, officer):
    objection = ObjectionFactory()
    client.force_login(officer)
    response = client.post(
        reverse("admin:rewards_objection_change", args=[objection.pk]),
        {
            "outcome": "granted",
            "decided_on": "2026-09-30",
            "decision_number": "800/KEB/2/2026",
            "amended_kind": "",
            "notes": "",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "outcome" in form.fields and "decided_on" in form.fields  # editable, not read-only
    assert "future" in str(form.errors)
    assert "decided_on" not in response.context["adminform"].readonly_fields
    objection.refresh_from_db()
    assert objection.outcome == Objection.Outcome.PENDING


def test_another_role_cannot_decide_an_objection(client):
    objection = ObjectionFactory()
    client.force_login(factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER))
    client.post(
        reverse("admin:rewards_objection_change", args=[objection.pk]),
        {"outcome": "granted", "decided_on": "2026-09-01", "decision_number": "X"},
    )
    objection.refresh_from_db()
    assert objection.outcome == Objection.Outcome.PENDING


def test_the_admin_offers_only_the_nomination_moves_the_workflow_allows(client, officer):
    nomination = NominationFactory()
    client.force_login(officer)
    response = client.get(reverse("admin:rewards_nomination_change", args=[nomination.pk]))
    choices = dict(response.context["adminform"].form.fields["decision"].choices)
    assert set(choices) == {"", "review", "reject", "withdraw"}


def test_the_sanction_itself_is_in_the_audit_trail_with_the_officer(officer):
    sanction = _decided_medium(officer)
    ct = ContentType.objects.get_for_model(Sanction)
    logs = LogEntry.objects.filter(content_type=ct, object_id=sanction.pk)
    assert logs.filter(action=LogEntry.Action.CREATE, actor=officer).exists()
    assert logs.filter(action=LogEntry.Action.UPDATE, actor=officer).exists()  # delivery


def test_a_changed_sanction_is_in_the_audit_trail_with_the_officer(officer):
    objection = ObjectionFactory()
    services.objection_decide(
        objection=objection,
        outcome="amended",
        decided_on=dt.date(2026, 9, 1),
        decision_number="800/KEB/4/2026",
        amended_kind=SanctionKind.WRITTEN_REPRIMAND,
        by=officer,
    )
    ct = ContentType.objects.get_for_model(Sanction)
    change = LogEntry.objects.filter(content_type=ct, object_id=objection.sanction_id).latest("pk")
    assert change.actor == officer
    assert "kind" in change.changes_dict
