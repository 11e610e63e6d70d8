"""Requesting a seat, supervisor approval, BKD confirmation, cancellation and the waitlist."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from asn_portal.common.models import Notification
from tests import factories
from tests.training.conftest import JAKARTA
from tests.training.factories import (
    EligibilityRuleFactory,
    EnrolmentFactory,
    TrainingSessionFactory,
    UnitQuotaFactory,
)
from training import services
from training.models import Enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_window")]
S = Enrolment.Status


def test_request_holds_a_seat_and_asks_the_supervisor(session, team):
    employee = team["staff"][0]

    enrolment = services.enrolment_request(session=session, employee=employee)

    assert enrolment.status == S.REQUESTED
    assert enrolment.supervisor == team["head"]
    assert Notification.objects.filter(
        recipient=team["head"].user, dedup_key=f"training:approve:{enrolment.pk}"
    ).exists()


def test_request_on_the_last_day_of_the_window_is_accepted(team):
    session = TrainingSessionFactory(enrolment_closes=dt.date(2026, 2, 10))

    enrolment = services.enrolment_request(session=session, employee=team["staff"][0])

    assert enrolment.status == S.REQUESTED


def test_request_after_the_window_is_refused(team):
    session = TrainingSessionFactory(enrolment_closes=dt.date(2026, 2, 9))

    with pytest.raises(ValidationError, match="Enrolment is open from 01-02-2026 to 09-02-2026"):
        services.enrolment_request(session=session, employee=team["staff"][0])


def test_request_before_the_window_opens_is_refused(team):
    session = TrainingSessionFactory(enrolment_opens=dt.date(2026, 2, 11))

    with pytest.raises(ValidationError, match="Enrolment is open"):
        services.enrolment_request(session=session, employee=team["staff"][0])


def test_request_to_a_cancelled_session_is_refused(team):
    session = TrainingSessionFactory(is_cancelled=True)

    with pytest.raises(ValidationError, match="not open for enrolment"):
        services.enrolment_request(session=session, employee=team["staff"][0])


def test_ineligible_request_is_refused_with_the_reason(session, team):
    EligibilityRuleFactory(program=session.program, max_age=30, description="Muda")

    with pytest.raises(ValidationError, match="Muda: age must be at most 30"):
        services.enrolment_request(session=session, employee=team["staff"][0])


def test_second_request_for_the_same_session_is_refused(session, team):
    services.enrolment_request(session=session, employee=team["staff"][0])

    with pytest.raises(ValidationError, match="already asked"):
        services.enrolment_request(session=session, employee=team["staff"][0])


def test_overlapping_session_is_refused(session, team):
    employee = team["staff"][0]
    services.enrolment_request(session=session, employee=employee)
    overlapping = TrainingSessionFactory(
        start_date=dt.date(2026, 3, 6), end_date=dt.date(2026, 3, 9)
    )

    with pytest.raises(ValidationError, match="overlaps with"):
        services.enrolment_request(session=overlapping, employee=employee)


def test_session_starting_the_day_after_another_ends_is_accepted(session, team):
    employee = team["staff"][0]
    services.enrolment_request(session=session, employee=employee)
    next_one = TrainingSessionFactory(start_date=dt.date(2026, 3, 7), end_date=dt.date(2026, 3, 8))

    assert services.enrolment_request(session=next_one, employee=employee).status == S.REQUESTED


def test_a_cancelled_enrolment_does_not_block_an_overlapping_session(session, team):
    employee = team["staff"][0]
    enrolment = services.enrolment_request(session=session, employee=employee)
    services.enrolment_cancel(enrolment=enrolment, by=employee.user)
    overlapping = TrainingSessionFactory(
        start_date=dt.date(2026, 3, 4), end_date=dt.date(2026, 3, 5)
    )

    assert services.enrolment_request(session=overlapping, employee=employee).status == S.REQUESTED


def test_request_beyond_capacity_joins_the_waitlist(session, team):
    first, second, third = team["staff"]
    services.enrolment_request(session=session, employee=first)
    services.enrolment_request(session=session, employee=second)

    enrolment = services.enrolment_request(session=session, employee=third)

    assert enrolment.status == S.WAITLISTED
    assert "All 2 seats are taken" in enrolment.allocation_note


def test_request_beyond_the_unit_quota_joins_the_waitlist(session, team, unit_tree):
    UnitQuotaFactory(session=session, unit=unit_tree["A"], seats=1)
    services.enrolment_request(session=session, employee=team["staff"][0])

    enrolment = services.enrolment_request(session=session, employee=team["staff"][1])

    assert enrolment.status == S.WAITLISTED
    assert "The 1 seats for Dinas Pendidikan are taken" in enrolment.allocation_note


def test_unit_quota_counts_the_units_sub_units(session, team, unit_tree):
    UnitQuotaFactory(session=session, unit=unit_tree["A"], seats=1)
    services.enrolment_request(session=session, employee=team["staff"][0])
    in_subunit = factories.EmployeeFactory(unit=unit_tree["A1"])

    assert services.enrolment_request(session=session, employee=in_subunit).status == S.WAITLISTED


def test_quota_of_one_unit_does_not_limit_another(session, team, unit_tree):
    UnitQuotaFactory(session=session, unit=unit_tree["A"], seats=1)
    services.enrolment_request(session=session, employee=team["staff"][0])
    elsewhere = factories.EmployeeFactory(unit=unit_tree["B"])

    assert services.enrolment_request(session=session, employee=elsewhere).status == S.REQUESTED


def test_only_the_direct_supervisor_can_approve(session, team):
    enrolment = services.enrolment_request(session=session, employee=team["staff"][0])

    with pytest.raises(ValidationError, match="Only the employee's direct supervisor"):
        services.enrolment_supervisor_approve(enrolment=enrolment, by=team["staff"][1])


def test_supervisor_approval_is_recorded_and_the_employee_told(session, team):
    enrolment = services.enrolment_request(session=session, employee=team["staff"][0])

    services.enrolment_supervisor_approve(enrolment=enrolment, by=team["head"])

    enrolment.refresh_from_db()
    assert enrolment.supervisor_approved_at is not None
    assert Notification.objects.filter(dedup_key=f"training:approved:{enrolment.pk}").exists()


def test_bkd_cannot_confirm_before_the_supervisor_approves(session, team, officer):
    enrolment = services.enrolment_request(session=session, employee=team["staff"][0])

    with pytest.raises(ValidationError, match="not approved this request yet"):
        services.enrolment_confirm(enrolment=enrolment, by=officer)


def test_bkd_confirms_an_approved_request(session, team, officer):
    enrolment = services.enrolment_request(session=session, employee=team["staff"][0])
    services.enrolment_supervisor_approve(enrolment=enrolment, by=team["head"])

    enrolment = services.enrolment_confirm(enrolment=enrolment, by=officer)

    assert enrolment.status == S.CONFIRMED
    assert enrolment.confirmed_by == officer


def test_a_waitlisted_request_cannot_be_confirmed(session, team, officer):
    first, second, third = team["staff"]
    services.enrolment_request(session=session, employee=first)
    services.enrolment_request(session=session, employee=second)
    waiting = services.enrolment_request(session=session, employee=third)
    services.enrolment_supervisor_approve(enrolment=waiting, by=team["head"])

    with pytest.raises(ValidationError, match="cannot change"):
        services.enrolment_confirm(enrolment=waiting, by=officer)


def test_head_without_a_supervisor_is_approved_at_request(session, unit_tree):
    head = factories.EmployeeFactory(unit=unit_tree["B"], position=unit_tree["B"].head_position)

    enrolment = services.enrolment_request(session=session, employee=head)

    assert enrolment.supervisor is None
    assert enrolment.supervisor_approved_at is not None


def test_decline_needs_a_reason(session, team):
    enrolment = services.enrolment_request(session=session, employee=team["staff"][0])

    with pytest.raises(ValidationError, match="reason for declining"):
        services.enrolment_supervisor_decline(enrolment=enrolment, by=team["head"], reason=" ")


def test_decline_frees_the_seat_for_the_first_on_the_waitlist(session, team):
    first, second, third = team["staff"]
    declined = services.enrolment_request(session=session, employee=first)
    services.enrolment_request(session=session, employee=second)
    waiting = services.enrolment_request(session=session, employee=third)

    services.enrolment_supervisor_decline(enrolment=declined, by=team["head"], reason="Beban kerja")

    waiting.refresh_from_db()
    assert waiting.status == S.REQUESTED
    assert Notification.objects.filter(
        recipient=third.user, dedup_key__startswith=f"training:promoted:{waiting.pk}"
    ).exists()


def test_waitlist_is_promoted_in_request_order(team, unit_tree):
    session = TrainingSessionFactory(capacity=1)
    holder = services.enrolment_request(session=session, employee=team["staff"][0])
    later = team["staff"][1]
    earlier = team["staff"][2]
    with time_machine.travel(dt.datetime(2026, 2, 11, 9, 0, tzinfo=JAKARTA)):
        first_in_line = services.enrolment_request(session=session, employee=earlier)
    with time_machine.travel(dt.datetime(2026, 2, 12, 9, 0, tzinfo=JAKARTA)):
        second_in_line = services.enrolment_request(session=session, employee=later)

    services.enrolment_cancel(enrolment=holder, by=team["staff"][0].user)

    first_in_line.refresh_from_db()
    second_in_line.refresh_from_db()
    assert first_in_line.status == S.REQUESTED
    assert second_in_line.status == S.WAITLISTED


def test_promotion_skips_requests_whose_unit_quota_is_full(unit_tree, team):
    session = TrainingSessionFactory(capacity=2)
    UnitQuotaFactory(session=session, unit=unit_tree["A"], seats=1)
    other = factories.EmployeeFactory(unit=unit_tree["B"])
    factories.EmployeeUserFactory(employee=other)
    a_seat = services.enrolment_request(session=session, employee=team["staff"][0])
    b_seat = services.enrolment_request(session=session, employee=other)
    a_waiting = services.enrolment_request(session=session, employee=team["staff"][1])
    b_waiting = services.enrolment_request(
        session=session, employee=factories.EmployeeFactory(unit=unit_tree["B"])
    )

    services.enrolment_cancel(enrolment=b_seat, by=other.user)

    a_waiting.refresh_from_db()
    b_waiting.refresh_from_db()
    assert a_seat.status == S.REQUESTED
    assert a_waiting.status == S.WAITLISTED
    assert b_waiting.status == S.REQUESTED


def test_employee_cannot_cancel_once_the_session_started(team):
    session = TrainingSessionFactory(
        start_date=dt.date(2026, 2, 9),
        end_date=dt.date(2026, 2, 13),
        enrolment_opens=dt.date(2026, 1, 5),
        enrolment_closes=dt.date(2026, 2, 13),
    )
    enrolment = EnrolmentFactory(session=session, employee=team["staff"][0], status=S.CONFIRMED)

    with pytest.raises(ValidationError, match="session has started"):
        services.enrolment_cancel(enrolment=enrolment, by=team["staff"][0].user)


def test_another_employee_cannot_cancel_an_enrolment(session, team):
    enrolment = services.enrolment_request(session=session, employee=team["staff"][0])

    with pytest.raises(ValidationError, match="Only the employee or BKD"):
        services.enrolment_cancel(enrolment=enrolment, by=team["staff"][1].user)


def test_bkd_rejection_needs_a_reason_and_frees_the_seat(session, team, officer):
    first, second, third = team["staff"]
    rejected = services.enrolment_request(session=session, employee=first)
    services.enrolment_request(session=session, employee=second)
    waiting = services.enrolment_request(session=session, employee=third)

    with pytest.raises(ValidationError, match="reason for rejecting"):
        services.enrolment_reject(enrolment=rejected, by=officer, reason="")
    services.enrolment_reject(enrolment=rejected, by=officer, reason="Kuota penuh")

    waiting.refresh_from_db()
    assert waiting.status == S.REQUESTED


def test_a_completed_enrolment_cannot_be_cancelled(team, officer):
    enrolment = EnrolmentFactory(employee=team["staff"][0], status=S.COMPLETED)

    with pytest.raises(ValidationError, match="cannot change"):
        services.enrolment_cancel(enrolment=enrolment, by=officer)


def test_database_refuses_two_live_enrolments_of_one_employee_in_a_session(session, team):
    from django.db import IntegrityError

    EnrolmentFactory(session=session, employee=team["staff"][0])

    with pytest.raises(IntegrityError):
        EnrolmentFactory(session=session, employee=team["staff"][0], status=S.WAITLISTED)


def test_bkd_records_an_approval_given_outside_the_portal(session, team, officer):
    enrolment = services.enrolment_request(session=session, employee=team["staff"][0])

    services.enrolment_record_supervisor_approval(enrolment=enrolment, by=officer)

    assert services.enrolment_confirm(enrolment=enrolment, by=officer).status == S.CONFIRMED


def test_waitlist_position_counts_from_one_in_order(team):
    from training.selectors import waitlist_position

    session = TrainingSessionFactory(capacity=1)
    seated = services.enrolment_request(session=session, employee=team["staff"][0])
    first = services.enrolment_request(session=session, employee=team["staff"][1])
    second = services.enrolment_request(session=session, employee=team["staff"][2])

    assert [waitlist_position(e) for e in (seated, first, second)] == [None, 1, 2]
