"""The agency's workflow and the reporter's answers, with SLA clocks in working days."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from complaints import services
from complaints.models import Complaint, ComplaintEvent, Privacy
from tests import factories as core

from .factories import ComplaintFactory, DisposedComplaintFactory
from .helpers import at, submit

pytestmark = pytest.mark.django_db
S = Complaint.Status
FRIDAY = dt.date(2026, 11, 20)


def _responded(operator, opd, day=FRIDAY):
    complaint = DisposedComplaintFactory(disposed_unit=opd)
    with time_machine.travel(at(day), tick=False):
        return services.complaint_respond(complaint=complaint, by=operator, message="Sudah.")


def test_officer_verifies_a_received_report(officer):
    complaint = services.complaint_verify(complaint=ComplaintFactory(), by=officer)
    assert complaint.status == S.VERIFIED


def test_verification_is_recorded_on_the_reporters_timeline(officer):
    complaint = services.complaint_verify(complaint=ComplaintFactory(), by=officer)
    event = complaint.events.get(kind=ComplaintEvent.Kind.STATUS)
    assert (event.from_status, event.to_status, event.by, event.public) == (
        S.RECEIVED,
        S.VERIFIED,
        officer,
        True,
    )


def test_an_employee_cannot_verify(employee_user):
    with pytest.raises(PermissionDenied):
        services.complaint_verify(complaint=ComplaintFactory(), by=employee_user)


def test_an_opd_operator_cannot_verify(operator):
    with pytest.raises(PermissionDenied):
        services.complaint_verify(complaint=ComplaintFactory(), by=operator)


def test_disposing_an_unverified_report_is_refused(officer, opd):
    with pytest.raises(ValidationError):
        services.complaint_dispose(complaint=ComplaintFactory(), by=officer, unit=opd)


def test_closing_a_received_report_directly_is_refused():
    with pytest.raises(ValidationError):
        services.complaint_accept(complaint=ComplaintFactory())


@time_machine.travel(at(FRIDAY), tick=False)
def test_disposal_starts_a_five_working_day_follow_up_clock(officer, opd):
    complaint = services.complaint_verify(complaint=ComplaintFactory(), by=officer)
    complaint = services.complaint_dispose(complaint=complaint, by=officer, unit=opd)
    assert (complaint.status, complaint.due_on) == (S.DISPOSED, dt.date(2026, 11, 27))


def test_disposal_notifies_the_units_operators(officer, opd, operator):
    complaint = services.complaint_verify(complaint=ComplaintFactory(), by=officer)
    services.complaint_dispose(complaint=complaint, by=officer, unit=opd)
    assert operator.notifications.filter(dedup_key__contains=":disposed:").count() == 1


def test_disposal_to_a_sub_unit_notifies_the_opd_operator_above(officer, unit_tree, operator):
    complaint = services.complaint_verify(complaint=ComplaintFactory(), by=officer)
    services.complaint_dispose(complaint=complaint, by=officer, unit=unit_tree["A1"])
    assert operator.notifications.count() == 1


@time_machine.travel(at(FRIDAY), tick=False)
def test_verification_after_the_deadline_marks_the_sla_missed(officer):
    complaint = ComplaintFactory(due_on=dt.date(2026, 11, 19))
    assert services.complaint_verify(complaint=complaint, by=officer).sla_breached


@time_machine.travel(at(FRIDAY), tick=False)
def test_verification_on_the_deadline_day_keeps_the_sla(officer):
    complaint = ComplaintFactory(due_on=FRIDAY)
    assert not services.complaint_verify(complaint=complaint, by=officer).sla_breached


@time_machine.travel(at(FRIDAY), tick=False)
def test_postponing_asks_the_reporter_to_answer_within_ten_working_days(officer):
    complaint = services.complaint_postpone(
        complaint=ComplaintFactory(), by=officer, question="Di kecamatan mana?"
    )
    assert (complaint.status, complaint.due_on) == (S.NEEDS_INFO, dt.date(2026, 12, 4))
    assert complaint.events.get(kind=ComplaintEvent.Kind.QUESTION).public


def test_a_postponed_report_is_never_overdue_for_the_agency(officer):
    from complaints import selectors

    complaint = services.complaint_postpone(
        complaint=ComplaintFactory(), by=officer, question="Di kecamatan mana?"
    )
    assert not selectors.is_overdue(complaint, today=dt.date(2099, 1, 1))


def _postponed_on_friday(officer):
    with time_machine.travel(at(FRIDAY), tick=False):
        return services.complaint_postpone(
            complaint=ComplaintFactory(), by=officer, question="Di kecamatan mana?"
        )


def test_unanswered_question_keeps_the_report_on_the_last_answer_day(officer):
    complaint = _postponed_on_friday(officer)
    services.complaints_auto_close(today=dt.date(2026, 12, 4))
    complaint.refresh_from_db()
    assert complaint.status == S.NEEDS_INFO


def test_unanswered_question_archives_the_report_the_working_day_after(officer):
    complaint = _postponed_on_friday(officer)
    services.complaints_auto_close(today=dt.date(2026, 12, 7))
    complaint.refresh_from_db()
    assert complaint.status == S.ARCHIVED


@time_machine.travel(at(FRIDAY), tick=False)
def test_the_reporters_answer_restarts_verification(officer):
    complaint = services.complaint_postpone(
        complaint=ComplaintFactory(), by=officer, question="Di kecamatan mana?"
    )
    complaint = services.complaint_add_information(complaint=complaint, message="Kec. Kota Baru")
    assert (complaint.status, complaint.due_on) == (S.RECEIVED, dt.date(2026, 11, 25))


def test_not_our_authority_tells_the_reporter_why(officer):
    complaint = services.complaint_reject_not_authority(
        complaint=ComplaintFactory(), by=officer, reason="Kewenangan pemerintah provinsi."
    )
    event = complaint.events.get(to_status=S.NOT_AUTHORITY)
    assert (complaint.status, event.message, event.public) == (
        S.NOT_AUTHORITY,
        "Kewenangan pemerintah provinsi.",
        True,
    )


def test_archiving_spam_keeps_the_reason_internal(officer):
    complaint = services.complaint_archive(complaint=ComplaintFactory(), by=officer, reason="spam")
    assert not complaint.events.filter(public=True, message="spam").exists()
    assert complaint.events.filter(public=False, message="spam").exists()


def test_archiving_without_a_reason_is_refused(officer):
    with pytest.raises(ValidationError):
        services.complaint_archive(complaint=ComplaintFactory(), by=officer, reason=" ")


def test_operator_of_the_unit_responds(operator, opd):
    complaint = _responded(operator, opd)
    assert complaint.status == S.RESPONDED
    assert complaint.events.get(kind=ComplaintEvent.Kind.RESPONSE).public


def test_operator_of_another_unit_cannot_respond(other_operator, opd):
    with pytest.raises(PermissionDenied):
        services.complaint_respond(
            complaint=DisposedComplaintFactory(disposed_unit=opd), by=other_operator, message="x"
        )


def test_response_starts_a_ten_working_day_reply_window(operator, opd):
    assert _responded(operator, opd).due_on == dt.date(2026, 12, 4)


def test_response_is_emailed_to_the_reporter(operator, opd, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        _responded(operator, opd)
    assert "Sudah." in mail.outbox[-1].body


def test_reporter_accepts_and_rates_the_response(operator, opd):
    complaint = services.complaint_accept(complaint=_responded(operator, opd), rating=5)
    assert (complaint.status, complaint.rating) == (S.CLOSED, 5)


def test_rating_of_zero_is_refused(operator, opd):
    with pytest.raises(ValidationError):
        services.complaint_rate(complaint=_responded(operator, opd), rating=0)


def test_rating_before_a_follow_up_is_refused():
    with pytest.raises(ValidationError):
        services.complaint_rate(complaint=ComplaintFactory(), rating=4)


@time_machine.travel(at(dt.date(2026, 11, 23)), tick=False)
def test_reporter_reopens_an_answered_report_with_a_new_follow_up_clock(operator, opd):
    complaint = services.complaint_reopen(
        complaint=_responded(operator, opd), reason="Pungutan masih terjadi."
    )
    assert (complaint.status, complaint.due_on) == (S.DISPOSED, dt.date(2026, 11, 30))


def test_reopening_a_closed_report_on_the_last_allowed_day_is_accepted(operator, opd):
    with time_machine.travel(at(FRIDAY), tick=False):
        closed = services.complaint_accept(complaint=_responded(operator, opd))
    with time_machine.travel(at(dt.date(2026, 12, 4)), tick=False):  # 10 working days later
        assert services.complaint_reopen(complaint=closed, reason="Belum").status == S.DISPOSED


def test_reopening_a_closed_report_after_the_window_is_refused(operator, opd):
    with time_machine.travel(at(FRIDAY), tick=False):
        closed = services.complaint_accept(complaint=_responded(operator, opd))
    with (
        time_machine.travel(at(dt.date(2026, 12, 7)), tick=False),
        pytest.raises(ValidationError),
    ):
        services.complaint_reopen(complaint=closed, reason="Belum")


def test_unanswered_follow_up_stays_open_on_the_last_reply_day(operator, opd):
    complaint = _responded(operator, opd)  # reply by 4 December
    assert services.complaints_auto_close(today=dt.date(2026, 12, 4)) == 0
    complaint.refresh_from_db()
    assert complaint.status == S.RESPONDED


def test_unanswered_follow_up_is_closed_the_working_day_after_the_window(operator, opd):
    complaint = _responded(operator, opd)
    assert services.complaints_auto_close(today=dt.date(2026, 12, 7)) == 1
    complaint.refresh_from_db()
    assert complaint.status == S.CLOSED


def test_auto_close_twice_closes_once(operator, opd):
    _responded(operator, opd)
    services.complaints_auto_close(today=dt.date(2026, 12, 7))
    assert services.complaints_auto_close(today=dt.date(2026, 12, 7)) == 0


def test_viewing_a_confidential_identity_is_recorded(officer):
    complaint = submit(privacy=Privacy.CONFIDENTIAL).complaint
    identity = services.complaint_identity_reveal(complaint=complaint, by=officer)
    assert identity["name"] == "Andi Wijaya"
    assert complaint.events.filter(kind=ComplaintEvent.Kind.IDENTITY_VIEW, by=officer).exists()


def test_operator_cannot_see_a_confidential_identity(officer, opd, operator):
    complaint = submit(privacy=Privacy.CONFIDENTIAL).complaint
    services.complaint_verify(complaint=complaint, by=officer)
    services.complaint_dispose(complaint=complaint, by=officer, unit=opd)
    with pytest.raises(PermissionDenied):
        services.complaint_identity_reveal(complaint=complaint, by=operator)


def test_nobody_sees_an_anonymous_identity(officer):
    complaint = submit(privacy=Privacy.ANONYMOUS).complaint
    with pytest.raises(PermissionDenied):
        services.complaint_identity_reveal(complaint=complaint, by=officer)


def test_sla_policy_edited_by_bkd_changes_the_deadline():
    from complaints.models import SlaPolicy

    SlaPolicy.objects.create(effective_from=dt.date(2026, 1, 1), verify_days=5)
    with time_machine.travel(at(FRIDAY), tick=False):
        assert submit().complaint.due_on == dt.date(2026, 11, 27)


def test_superuser_counts_as_intake_officer():
    admin = core.UserFactory(is_staff=True, is_superuser=True)
    assert services.complaint_verify(complaint=ComplaintFactory(), by=admin).status == S.VERIFIED
