"""Training on the one write path: the enrolment and external-training tables, every decision
about a person in the audit trail with the acting user, and confirmed bulk actions."""

from __future__ import annotations

import itertools

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from asn_portal.common import workflow
from asn_portal.common.workflow import TransitionNotAllowed
from tests.training.factories import EnrolmentFactory, ExternalTrainingFactory, JpCreditFactory
from training import services
from training.models import Enrolment, ExternalTraining

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_window")]
S = Enrolment.Status


def _pairs(model):
    statuses = [value for value, _label in model._meta.get_field("status").choices]
    return [
        (a, b)
        for a, b in itertools.product(statuses, statuses)
        if a != b and model.workflow.move(a, b) is None
    ]


@pytest.mark.parametrize(("source", "target"), _pairs(Enrolment))
def test_an_enrolment_move_outside_the_table_is_refused_with_a_message(source, target):
    enrolment = EnrolmentFactory(status=source)

    with pytest.raises(TransitionNotAllowed, match="cannot change"):
        workflow.transition(enrolment, target, by=None)

    enrolment.refresh_from_db()
    assert enrolment.status == source and not workflow.status_history(enrolment).exists()


@pytest.mark.parametrize(("source", "target"), _pairs(ExternalTraining))
def test_an_external_training_move_outside_the_table_is_refused(source, target, tmp_path):
    record = ExternalTrainingFactory(status=source)

    with pytest.raises(TransitionNotAllowed, match="cannot change"):
        workflow.transition(record, target, by=None)


def _logged_by(obj, user):
    return LogEntry.objects.get_for_object(obj).filter(actor=user).order_by("-pk").first()


def _moved(obj, user, source, target) -> bool:
    event = workflow.status_history(obj).filter(from_status=source, to_status=target).get()
    entry = _logged_by(obj, user)
    return event.by == user and entry is not None and entry.changes["status"] == [source, target]


@pytest.fixture
def requested(team, session):
    """A staff member's request in the session, waiting for the supervisor."""
    return services.enrolment_request(session=session, employee=team["staff"][0])


def test_a_request_records_its_first_status_by_the_employee(requested, team):
    first = workflow.status_history(requested).get()

    assert (first.from_status, first.to_status, first.by) == (
        "",
        S.REQUESTED,
        team["staff"][0].user,
    )


def test_the_supervisors_approval_is_in_the_audit_trail_with_the_supervisor(requested, team):
    services.enrolment_supervisor_approve(enrolment=requested, by=team["head"])

    entry = _logged_by(requested, team["head"].user)
    assert entry is not None and "supervisor_approved_at" in entry.changes


def test_an_approval_recorded_by_bkd_is_in_the_audit_trail_with_the_officer(requested, officer):
    services.enrolment_record_supervisor_approval(enrolment=requested, by=officer)

    assert "supervisor_approved_at" in _logged_by(requested, officer).changes


def test_bkd_confirmation_is_a_recorded_move_with_the_officer(requested, team, officer):
    services.enrolment_supervisor_approve(enrolment=requested, by=team["head"])

    services.enrolment_confirm(enrolment=requested, by=officer)

    assert _moved(requested, officer, S.REQUESTED, S.CONFIRMED)


def test_a_decline_is_a_recorded_move_with_the_supervisor(requested, team):
    services.enrolment_supervisor_decline(
        enrolment=requested, by=team["head"], reason="Beban kerja"
    )

    assert _moved(requested, team["head"].user, S.REQUESTED, S.DECLINED)


def test_a_rejection_is_a_recorded_move_with_the_reason(requested, officer):
    services.enrolment_reject(enrolment=requested, by=officer, reason="Kuota penuh")

    event = workflow.status_history(requested).get(to_status=S.REJECTED)
    assert _moved(requested, officer, S.REQUESTED, S.REJECTED) and event.note == "Kuota penuh"


def test_a_cancellation_by_the_employee_is_recorded_with_the_employee(requested, team):
    services.enrolment_cancel(enrolment=requested, by=team["staff"][0].user)

    assert _moved(requested, team["staff"][0].user, S.REQUESTED, S.CANCELLED)


def test_a_clerk_without_training_rights_cannot_confirm(requested, team):
    from tests import factories

    services.enrolment_supervisor_approve(enrolment=requested, by=team["head"])

    with pytest.raises(TransitionNotAllowed):
        services.enrolment_confirm(enrolment=requested, by=factories.UserFactory(is_staff=True))


def test_the_allocation_records_every_seat_it_gives_or_takes_with_the_officer(
    team, session, officer
):
    first, second, third = (
        services.enrolment_request(session=session, employee=e) for e in team["staff"]
    )
    JpCreditFactory(employee=team["staff"][0], year=2026, jp=24)  # ranks last: fewest JP first

    services.session_allocate_seats(session=session, by=officer)

    first.refresh_from_db()
    third.refresh_from_db()
    assert (first.status, third.status) == (S.WAITLISTED, S.REQUESTED)
    for enrolment, source in ((first, S.REQUESTED), (third, S.WAITLISTED)):
        event = workflow.status_history(enrolment).get(by=officer)
        assert (event.from_status, event.to_status) == (source, enrolment.status)
    assert not workflow.status_history(second).filter(by=officer).exists()
    assert _logged_by(session, officer).changes.keys() == {"allocated_at"}


def test_validating_training_done_elsewhere_is_a_recorded_move_with_the_officer(officer):
    record = ExternalTrainingFactory()

    services.external_training_validate(record=record, by=officer)

    assert _moved(record, officer, "submitted", "validated")


# --- confirmed bulk actions ------------------------------------------------------------------


def test_a_bulk_approval_shows_the_count_and_filter_and_records_nothing_until_confirmed(
    client, officer
):
    enrolments = [EnrolmentFactory() for _ in range(3)]
    client.force_login(officer)

    page = client.post(
        reverse("admin:training_enrolment_changelist") + "?status__exact=requested",
        {"action": "record_approval", "_selected_action": [e.pk for e in enrolments]},
    )

    text = page.content.decode()
    assert "Are you sure?" in text and "status__exact=requested" in text
    assert not Enrolment.objects.filter(supervisor_approved_at__isnull=False).exists()


def test_a_confirmed_bulk_approval_is_recorded_with_the_officer(client, officer):
    enrolment = EnrolmentFactory()
    client.force_login(officer)

    client.post(
        reverse("admin:training_enrolment_changelist"),
        {"action": "record_approval", "_selected_action": [enrolment.pk], "confirmed": "yes"},
    )

    enrolment.refresh_from_db()
    assert enrolment.supervisor_approved_at is not None
    assert "supervisor_approved_at" in _logged_by(enrolment, officer).changes


def test_the_reason_typed_next_to_the_action_survives_the_confirmation(client, officer):
    enrolment = EnrolmentFactory()
    client.force_login(officer)
    url = reverse("admin:training_enrolment_changelist")
    first = {"action": "reject", "_selected_action": [enrolment.pk], "reason": "Kuota penuh"}

    page = client.post(url, first)
    client.post(url, {**first, "confirmed": "yes"})

    enrolment.refresh_from_db()
    assert 'value="Kuota penuh"' in page.content.decode()
    assert (enrolment.status, enrolment.decision_note) == (S.REJECTED, "Kuota penuh")


def test_an_employee_without_admin_access_cannot_run_an_action(client, team):
    enrolment = EnrolmentFactory()
    client.force_login(team["staff"][0].user)

    response = client.post(
        reverse("admin:training_enrolment_changelist"),
        {"action": "record_approval", "_selected_action": [enrolment.pk], "confirmed": "yes"},
    )

    enrolment.refresh_from_db()
    assert response.status_code in (302, 403) and enrolment.supervisor_approved_at is None
