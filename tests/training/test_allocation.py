"""Priority allocation of an oversubscribed session: fewest JP this year, then longest since
the last training, then request time; each request told why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from asn_portal.common.models import Notification
from tests import factories
from tests.training.conftest import JAKARTA
from tests.training.factories import (
    EnrolmentFactory,
    JpCreditFactory,
    TrainingSessionFactory,
    UnitQuotaFactory,
)
from training import services
from training.models import Enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_window")]
S = Enrolment.Status


def _request(session, employee, day, status=S.REQUESTED):
    return EnrolmentFactory(
        session=session,
        employee=employee,
        status=status,
        requested_at=dt.datetime(2026, 2, day, 9, 0, tzinfo=JAKARTA),
    )


def _refresh(*enrolments):
    for e in enrolments:
        e.refresh_from_db()


def test_fewest_jp_this_year_comes_first(officer):
    session = TrainingSessionFactory(capacity=1)
    trained = factories.EmployeeFactory()
    JpCreditFactory(employee=trained, year=2026, jp=8)
    untrained = factories.EmployeeFactory()
    early = _request(session, trained, 1)
    late = _request(session, untrained, 5, S.WAITLISTED)

    services.session_allocate_seats(session=session, by=officer)

    _refresh(early, late)
    assert (late.status, late.allocation_rank) == (S.REQUESTED, 1)
    assert (early.status, early.allocation_rank) == (S.WAITLISTED, 2)


def test_jp_of_earlier_years_do_not_count_against_this_year(officer):
    session = TrainingSessionFactory(capacity=1)
    last_year = factories.EmployeeFactory()
    JpCreditFactory(employee=last_year, year=2025, jp=40, credited_on=dt.date(2025, 6, 1))
    this_year = factories.EmployeeFactory()
    JpCreditFactory(employee=this_year, year=2026, jp=2)
    a = _request(session, this_year, 1)
    b = _request(session, last_year, 2)

    services.session_allocate_seats(session=session, by=officer)

    _refresh(a, b)
    assert b.allocation_rank == 1


def test_on_equal_jp_the_longest_since_last_training_comes_first(officer):
    session = TrainingSessionFactory(capacity=2)
    recent, long_ago, never = (factories.EmployeeFactory() for _i in range(3))
    JpCreditFactory(employee=recent, year=2025, credited_on=dt.date(2025, 11, 1))
    JpCreditFactory(employee=long_ago, year=2023, credited_on=dt.date(2023, 5, 1))
    r = _request(session, recent, 1)
    la = _request(session, long_ago, 2)
    n = _request(session, never, 3, S.WAITLISTED)

    services.session_allocate_seats(session=session, by=officer)

    _refresh(r, la, n)
    assert [n.allocation_rank, la.allocation_rank, r.allocation_rank] == [1, 2, 3]
    assert r.status == S.WAITLISTED


def test_on_equal_jp_and_history_the_earlier_request_comes_first(officer):
    session = TrainingSessionFactory(capacity=1)
    first = _request(session, factories.EmployeeFactory(), 2)
    second = _request(session, factories.EmployeeFactory(), 3, S.WAITLISTED)

    services.session_allocate_seats(session=session, by=officer)

    _refresh(first, second)
    assert first.status == S.REQUESTED
    assert second.status == S.WAITLISTED


def test_each_request_is_told_its_rank_and_why(officer):
    session = TrainingSessionFactory(capacity=1)
    trained = factories.EmployeeFactory()
    JpCreditFactory(employee=trained, year=2026, jp=8, credited_on=dt.date(2026, 1, 13))
    seated = _request(session, factories.EmployeeFactory(), 4)
    refused = _request(session, trained, 1)

    services.session_allocate_seats(session=session, by=officer)

    _refresh(seated, refused)
    assert seated.allocation_note.startswith("Priority 1 of 2: 0 JP this year; ")
    assert "last training: no training recorded" in seated.allocation_note
    assert seated.allocation_note.endswith("Seat allocated.")
    assert "Priority 2 of 2: 8 JP this year; last training: 13-01-2026" in refused.allocation_note
    assert "requested 01-02-2026 09:00" in refused.allocation_note
    assert "No seat: all 1 seats went to requests ranked higher." in refused.allocation_note


def test_confirmed_seats_are_kept_and_not_reallocated(officer):
    session = TrainingSessionFactory(capacity=2)
    trained = factories.EmployeeFactory()
    JpCreditFactory(employee=trained, year=2026, jp=30)
    confirmed = _request(session, trained, 1, S.CONFIRMED)
    a = _request(session, factories.EmployeeFactory(), 2)
    b = _request(session, factories.EmployeeFactory(), 3, S.WAITLISTED)

    result = services.session_allocate_seats(session=session, by=officer)

    _refresh(confirmed, a, b)
    assert confirmed.status == S.CONFIRMED
    assert confirmed.allocation_rank is None
    assert (a.status, b.status) == (S.REQUESTED, S.WAITLISTED)
    assert result == {"requests": 2, "seated": 1, "waitlisted": 1}


def test_allocation_respects_unit_quotas_and_says_so(officer, unit_tree):
    session = TrainingSessionFactory(capacity=2)
    UnitQuotaFactory(session=session, unit=unit_tree["A"], seats=1)
    a1 = _request(session, factories.EmployeeFactory(unit=unit_tree["A"]), 1)
    a2 = _request(session, factories.EmployeeFactory(unit=unit_tree["A1"]), 2)
    b1 = _request(session, factories.EmployeeFactory(unit=unit_tree["B"]), 3, S.WAITLISTED)

    services.session_allocate_seats(session=session, by=officer)

    _refresh(a1, a2, b1)
    assert (a1.status, a2.status, b1.status) == (S.REQUESTED, S.WAITLISTED, S.REQUESTED)
    assert "the 1 seats for Dinas Pendidikan went to requests ranked higher" in a2.allocation_note


def test_waitlist_after_allocation_follows_the_priority_order(officer):
    session = TrainingSessionFactory(capacity=1)
    employees = [factories.EmployeeFactory() for _i in range(3)]
    JpCreditFactory(employee=employees[0], year=2026, jp=10)
    JpCreditFactory(employee=employees[1], year=2026, jp=5)
    high_jp = _request(session, employees[0], 1)
    mid_jp = _request(session, employees[1], 2, S.WAITLISTED)
    zero_jp = _request(session, employees[2], 3, S.WAITLISTED)
    services.session_allocate_seats(session=session, by=officer)
    zero_jp.refresh_from_db()

    services.enrolment_reject(enrolment=zero_jp, by=officer, reason="Tugas lain")

    _refresh(high_jp, mid_jp)
    assert mid_jp.status == S.REQUESTED
    assert high_jp.status == S.WAITLISTED


def test_participants_with_a_login_are_notified_of_the_outcome(officer):
    session = TrainingSessionFactory(capacity=1)
    user = factories.EmployeeUserFactory()
    enrolment = _request(session, user.employee, 1)

    services.session_allocate_seats(session=session, by=officer)

    notification = Notification.objects.get(recipient=user)
    assert notification.title.startswith("Seat allocated")
    assert "Priority 1 of 1" in notification.body
    assert notification.url == f"/pelatihan/pendaftaran/{enrolment.pk}/"


def test_allocation_without_requests_is_refused(officer):
    with pytest.raises(ValidationError, match="no requests waiting"):
        services.session_allocate_seats(session=TrainingSessionFactory(), by=officer)
