"""Attendance, the minimum-attendance rule, JP crediting, certificates and outside training."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from tests import factories
from tests.files import pdf_bytes
from tests.training.conftest import JAKARTA
from tests.training.factories import (
    EnrolmentFactory,
    ExternalTrainingFactory,
    ProgramFactory,
    TrainingSessionFactory,
)
from training import selectors, services
from training.models import MINUTES_PER_JP, Certificate, Enrolment, ExternalTraining, JpCredit

pytestmark = pytest.mark.django_db
S = Enrolment.Status
DAYS = [dt.date(2026, 3, d) for d in range(2, 7)]  # the factory session: 2–6 March 2026


@pytest.fixture
def after_session():
    with time_machine.travel(dt.datetime(2026, 3, 9, 9, 0, tzinfo=JAKARTA), tick=True):
        yield


@pytest.fixture
def participant(officer):
    enrolment = EnrolmentFactory(
        session=TrainingSessionFactory(program=ProgramFactory(jp=24, min_attendance_percent=80)),
        status=S.CONFIRMED,
    )
    return enrolment


def _attend(enrolment, days, by):
    for day in DAYS:
        services.attendance_mark(enrolment=enrolment, day=day, present=day in days, by=by)


def test_one_jp_is_45_minutes():
    assert MINUTES_PER_JP == 45
    assert ProgramFactory.build(jp=20).minutes == 900


@pytest.mark.usefixtures("after_session")
def test_attending_exactly_the_minimum_share_completes_and_credits_jp(participant, officer):
    _attend(participant, DAYS[:4], officer)  # 4 of 5 days = 80%

    enrolment = services.enrolment_record_result(enrolment=participant, by=officer)

    assert enrolment.status == S.COMPLETED
    assert enrolment.attendance_percent == 80
    credit = JpCredit.objects.get(enrolment=enrolment)
    assert (credit.year, credit.jp, credit.credited_on) == (2026, 24, dt.date(2026, 3, 6))
    assert selectors.jp_total_for(enrolment.employee, 2026) == 24


@pytest.mark.usefixtures("after_session")
def test_attending_below_the_minimum_share_is_not_completed_and_credits_nothing(
    participant, officer
):
    _attend(participant, DAYS[:3], officer)  # 60%

    enrolment = services.enrolment_record_result(enrolment=participant, by=officer)

    assert enrolment.status == S.INCOMPLETE
    assert enrolment.attendance_percent == 60
    assert not JpCredit.objects.filter(enrolment=enrolment).exists()
    assert not Certificate.objects.filter(enrolment=enrolment).exists()


@pytest.mark.usefixtures("after_session")
def test_days_marked_absent_do_not_count(participant, officer):
    _attend(participant, DAYS[:4], officer)
    services.attendance_mark(enrolment=participant, day=DAYS[0], present=False, by=officer)

    assert (
        services.enrolment_record_result(enrolment=participant, by=officer).status == S.INCOMPLETE
    )


@pytest.mark.usefixtures("after_session")
def test_completion_issues_a_certificate_with_a_unique_code(participant, officer):
    _attend(participant, DAYS, officer)

    services.enrolment_record_result(enrolment=participant, by=officer)

    certificate = Certificate.objects.get(enrolment=participant)
    assert len(certificate.code) == 12
    assert not set(certificate.code) & set("01OIL")


@pytest.mark.usefixtures("after_session")
def test_result_is_recorded_once(participant, officer):
    _attend(participant, DAYS, officer)
    services.enrolment_record_result(enrolment=participant, by=officer)

    with pytest.raises(ValidationError, match="cannot change"):
        services.enrolment_record_result(enrolment=participant, by=officer)
    assert JpCredit.objects.filter(enrolment=participant).count() == 1


def test_result_before_the_last_day_is_refused(participant, officer):
    with (
        time_machine.travel(dt.datetime(2026, 3, 5, 9, 0, tzinfo=JAKARTA)),
        pytest.raises(ValidationError, match="after the session's last day"),
    ):
        services.enrolment_record_result(enrolment=participant, by=officer)


@pytest.mark.usefixtures("after_session")
def test_session_results_are_recorded_for_every_confirmed_participant(officer):
    session = TrainingSessionFactory()
    good = EnrolmentFactory(session=session, status=S.CONFIRMED)
    absent = EnrolmentFactory(session=session, status=S.CONFIRMED)
    waiting = EnrolmentFactory(session=session, status=S.WAITLISTED)
    _attend(good, DAYS, officer)

    counts = services.session_record_results(session=session, by=officer)

    assert counts == {"completed": 1, "incomplete": 1}
    for e in (good, absent, waiting):
        e.refresh_from_db()
    assert (good.status, absent.status, waiting.status) == (S.COMPLETED, S.INCOMPLETE, S.WAITLISTED)


def test_attendance_outside_the_session_days_is_refused(participant, officer):
    with pytest.raises(ValidationError, match="is not a day of this session"):
        services.attendance_mark(
            enrolment=participant, day=dt.date(2026, 3, 7), present=True, by=officer
        )


def test_attendance_of_an_unconfirmed_participant_is_refused(officer):
    enrolment = EnrolmentFactory(status=S.REQUESTED)

    with pytest.raises(ValidationError, match="only for confirmed participants"):
        services.attendance_mark(enrolment=enrolment, day=DAYS[0], present=True, by=officer)


def test_qr_check_in_marks_today_present(participant, officer):
    with time_machine.travel(dt.datetime(2026, 3, 3, 8, 0, tzinfo=JAKARTA)):
        record = services.attendance_check_in(token=participant.attendance_token, by=officer)

    assert (record.date, record.present) == (dt.date(2026, 3, 3), True)


def test_certificate_revocation_needs_a_reason(officer):
    certificate = Certificate.objects.create(enrolment=EnrolmentFactory(status=S.COMPLETED))

    with pytest.raises(ValidationError, match="reason for revoking"):
        services.certificate_revoke(certificate=certificate, by=officer, reason="")
    services.certificate_revoke(certificate=certificate, by=officer, reason="Data palsu")

    certificate.refresh_from_db()
    assert certificate.is_revoked


@pytest.mark.usefixtures("after_session")
def test_outside_training_is_submitted_with_evidence_and_credited_once_validated(officer):
    employee = factories.EmployeeFactory()
    record = services.external_training_submit(
        employee=employee,
        title="Bimtek Arsip",
        kind="technical",
        provider="ANRI",
        start_date=dt.date(2026, 2, 2),
        end_date=dt.date(2026, 2, 3),
        jp=12,
        evidence=ContentFile(pdf_bytes(), name="bukti.pdf"),
    )
    assert selectors.jp_total_for(employee, 2026) == 0

    services.external_training_validate(record=record, by=officer)

    assert selectors.jp_total_for(employee, 2026) == 12
    with pytest.raises(ValidationError, match="reviewed already"):
        services.external_training_validate(record=record, by=officer)


@pytest.mark.usefixtures("after_session")
def test_outside_training_that_has_not_ended_is_refused():
    with pytest.raises(ValidationError, match="once it has ended"):
        services.external_training_submit(
            employee=factories.EmployeeFactory(),
            title="Bimtek",
            kind="technical",
            provider="ANRI",
            start_date=dt.date(2026, 3, 9),
            end_date=dt.date(2026, 3, 10),
            jp=12,
            evidence=ContentFile(pdf_bytes(), name="bukti.pdf"),
        )


def test_rejecting_outside_training_needs_a_reason_and_credits_nothing(officer):
    record = ExternalTrainingFactory()

    with pytest.raises(ValidationError, match="reason for rejecting"):
        services.external_training_reject(record=record, by=officer, reason="")
    services.external_training_reject(record=record, by=officer, reason="Bukti tidak terbaca")

    record.refresh_from_db()
    assert record.status == ExternalTraining.Status.REJECTED
    assert not JpCredit.objects.filter(external=record).exists()


def test_a_jp_credit_must_have_exactly_one_source():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        JpCredit.objects.create(
            employee=factories.EmployeeFactory(),
            year=2026,
            jp=4,
            credited_on=dt.date(2026, 1, 1),
            description="tanpa sumber",
        )
