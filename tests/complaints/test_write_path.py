"""Issue 12 in complaints: the status table, each move recorded with its actor, one case rule."""

import itertools

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from asn_portal.common.models import StatusEvent
from asn_portal.common.workflow import TransitionNotAllowed, check_move
from complaints import selectors, services
from complaints.models import Complaint
from rewards.models import DisciplinaryCase
from tests import factories as core

from .factories import ComplaintFactory, DisposedComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


S = Complaint.Status

ILLEGAL = [
    (a, b)
    for a, b in itertools.product(S.values, S.values)
    if Complaint.workflow.move(a, b) is None
]


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_every_move_outside_the_table_is_refused_with_a_message(source, target):
    with pytest.raises(TransitionNotAllowed) as refused:
        check_move(Complaint(status=source), target)
    assert refused.value.code == "transition"
    assert "cannot change" in refused.value.messages[0]


def _recorded(complaint, to_status, actor) -> bool:
    ct = ContentType.objects.get_for_model(Complaint)
    events = StatusEvent.objects.filter(
        content_type=ct, object_id=complaint.pk, to_status=to_status
    )
    logs = LogEntry.objects.filter(content_type=ct, object_id=complaint.pk, actor=actor)
    return events.filter(by=actor).exists() and logs.exists()


def test_verifying_is_recorded_with_the_officer(officer):
    complaint = services.complaint_verify(complaint=ComplaintFactory(), by=officer)
    assert _recorded(complaint, S.VERIFIED, officer)


def test_disposing_is_recorded_with_the_officer(officer, opd):
    complaint = services.complaint_verify(complaint=ComplaintFactory(), by=officer)
    complaint = services.complaint_dispose(complaint=complaint, by=officer, unit=opd)
    assert _recorded(complaint, S.DISPOSED, officer)


def test_the_opd_follow_up_is_recorded_with_the_operator(operator, opd):
    complaint = DisposedComplaintFactory(disposed_unit=opd)
    complaint = services.complaint_respond(complaint=complaint, by=operator, message="Sudah.")
    assert _recorded(complaint, S.RESPONDED, operator)


@pytest.mark.parametrize(
    ("make", "target"),
    [
        (lambda c, by: services.complaint_postpone(complaint=c, by=by, question="?"), S.NEEDS_INFO),
        (
            lambda c, by: services.complaint_reject_not_authority(complaint=c, by=by, reason="x"),
            S.NOT_AUTHORITY,
        ),
        (lambda c, by: services.complaint_archive(complaint=c, by=by, reason="x"), S.ARCHIVED),
        (
            lambda c, by: services.complaint_merge(complaint=c, into=ComplaintFactory(), by=by),
            S.MERGED,
        ),
    ],
)
def test_every_intake_move_is_recorded_with_the_officer(officer, make, target):
    complaint = make(ComplaintFactory(), officer)
    assert _recorded(complaint, target, officer)


def test_an_operator_may_not_make_an_intake_move(operator):
    complaint = ComplaintFactory()
    with pytest.raises(TransitionNotAllowed):
        check_move(complaint, S.VERIFIED, by=operator)


@pytest.mark.parametrize("status", S.values)
def test_the_handling_page_offers_a_case_exactly_when_the_service_opens_one(
    client, officer, status, opd
):
    complaint = ComplaintFactory(
        status=status,
        disposed_unit=opd,
        merged_into=ComplaintFactory() if status == S.MERGED else None,
    )
    client.force_login(officer)
    page = client.get(reverse("admin:complaints_complaint_handle", args=[complaint.pk]))
    offered = "open_case" in dict(page.context["action_forms"])
    try:
        services.complaint_open_discipline_case(
            complaint=complaint, by=officer, employee=core.EmployeeFactory(), legal_article="PP"
        )
        opened = True
    except ValidationError:
        opened = False
    assert offered == opened == (selectors.discipline_case_refusal(complaint) is None)


def test_the_case_keeps_the_reports_public_code(officer):
    complaint = services.complaint_verify(complaint=ComplaintFactory(), by=officer)
    complaint = services.complaint_open_discipline_case(
        complaint=complaint, by=officer, employee=core.EmployeeFactory(), legal_article="PP 94"
    )
    assert DisciplinaryCase.objects.get().complaint_code == complaint.tracking_code


def test_an_operator_is_refused_the_handling_page_of_another_units_report(
    client, other_operator, opd
):
    complaint = DisposedComplaintFactory(disposed_unit=opd)
    client.force_login(other_operator)
    response = client.get(reverse("admin:complaints_complaint_handle", args=[complaint.pk]))
    assert response.status_code in (302, 403, 404)


def test_a_submitted_report_records_its_first_status():
    from asn_portal.common.workflow import status_history

    from .helpers import submit

    complaint = submit().complaint
    assert [(e.from_status, e.to_status) for e in status_history(complaint)] == [("", S.RECEIVED)]
