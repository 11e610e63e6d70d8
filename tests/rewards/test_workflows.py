"""Case and nomination workflows: only the moves in the transitions tables, each recorded."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from asn_portal.accounts import roles
from asn_portal.common.workflow import status_history
from rewards import services
from rewards.models import AwardType, DisciplinaryCase, Examination, Nomination, SanctionKind
from tests.factories import EmployeeFactory, UserFactory
from tests.rewards.factories import (
    AwardTypeFactory,
    DisciplinaryCaseFactory,
    NominationFactory,
    SanctionFactory,
    award_type,
)

pytestmark = pytest.mark.django_db


def test_attendance_proposal_opens_a_case_with_the_proposed_sanction_only():
    case = services.case_propose_from_attendance(
        employee=EmployeeFactory(),
        year=2026,
        days_unexcused=12,
        consecutive_days=3,
        reported_on=dt.date(2026, 11, 2),
    )
    assert case.status == DisciplinaryCase.Status.REPORTED
    assert case.source == DisciplinaryCase.Source.ATTENDANCE
    assert case.proposed_kind == SanctionKind.TPP_CUT_6
    assert not hasattr(case, "sanction")


def test_attendance_below_three_days_opens_no_case():
    assert (
        services.case_propose_from_attendance(
            employee=EmployeeFactory(),
            year=2026,
            days_unexcused=2,
            reported_on=dt.date(2026, 11, 2),
        )
        is None
    )
    assert not DisciplinaryCase.objects.exists()


def test_opening_a_case_records_the_first_event():
    officer = UserFactory()
    case = services.case_open(
        employee=EmployeeFactory(),
        violation="Menyalahgunakan wewenang",
        legal_article="PP 94/2021 Pasal 5 huruf a",
        source=DisciplinaryCase.Source.CITIZEN_COMPLAINT,
        reported_on=dt.date(2026, 9, 1),
        by=officer,
    )
    assert list(status_history(case).values_list("from_status", "to_status")) == [("", "reported")]


def test_a_closed_case_cannot_be_examined():
    case = DisciplinaryCaseFactory()
    services.case_close(case=case, reason="Tidak terbukti")
    with pytest.raises(ValidationError):
        services.case_start_examination(case=case, examined_on=dt.date(2026, 6, 2))


def test_closing_needs_a_reason():
    with pytest.raises(ValidationError):
        services.case_close(case=DisciplinaryCaseFactory(), reason=" ")


def test_examination_cannot_precede_the_report():
    case = DisciplinaryCaseFactory(reported_on=dt.date(2026, 6, 1))
    with pytest.raises(ValidationError):
        services.case_start_examination(case=case, examined_on=dt.date(2026, 5, 31))


def test_full_case_from_report_to_decision():
    case = DisciplinaryCaseFactory()
    services.case_start_examination(case=case, examined_on=dt.date(2026, 6, 8))
    examiners = [EmployeeFactory() for _ in range(3)]
    services.examination_record(
        case=case, kind=Examination.Kind.SUMMONS, held_on=dt.date(2026, 6, 9)
    )
    services.examination_record(
        case=case,
        kind=Examination.Kind.RECORD,
        held_on=dt.date(2026, 6, 10),
        examiners=examiners,
        by_team=True,
        document_number="BAP/1/2026",
    )
    sanction = services.sanction_decide(
        case=case,
        kind=SanctionKind.WRITTEN_REPRIMAND,
        decree_number="800/9/2026",
        decree_date=dt.date(2026, 6, 15),
        official_name="Kepala Dinas",
        official_title="Kepala Dinas Pendidikan",
        delivered_on=dt.date(2026, 6, 16),
    )
    case.refresh_from_db()
    assert case.status == DisciplinaryCase.Status.DECIDED
    assert sanction.effective_from is not None
    assert [e.to_status for e in status_history(case)] == ["examination", "decided"]


def test_nomination_approved_with_sk_is_an_award():
    officer = UserFactory(username="disiplin", role=roles.REWARDS_OFFICER)
    nomination = services.nomination_submit(
        employee=EmployeeFactory(), award_type=AwardTypeFactory(), year=2026, justification="x"
    )
    services.nomination_start_review(nomination=nomination, by=officer)
    services.nomination_approve(
        nomination=nomination, sk_number="862/1/2026", sk_date=dt.date(2026, 11, 10), by=officer
    )
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.APPROVED
    assert nomination.decided_by == officer


def test_rejected_nomination_keeps_its_reason():
    nomination = NominationFactory()
    services.nomination_reject(nomination=nomination, reason="Belum memenuhi masa kerja")
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.REJECTED
    assert nomination.rejection_reason == "Belum memenuhi masa kerja"


def test_rejection_needs_a_reason():
    with pytest.raises(ValidationError):
        services.nomination_reject(nomination=NominationFactory(), reason="")


def test_approval_of_an_ineligible_employee_is_refused_with_the_reason():
    employee = EmployeeFactory(tmt_cpns=dt.date(2020, 1, 2), tmt_pns=dt.date(2021, 1, 2))
    nomination = NominationFactory(employee=employee, award_type=award_type("slks-x"))
    services.nomination_start_review(nomination=nomination)
    with pytest.raises(ValidationError, match="10"):
        services.nomination_approve(
            nomination=nomination, sk_number="1/TK/2026", sk_date=dt.date(2026, 8, 13)
        )


def test_approval_is_refused_while_a_sanction_is_in_force():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_12)
    nomination = NominationFactory(employee=sanction.case.employee)
    services.nomination_start_review(nomination=nomination)
    with pytest.raises(ValidationError):
        services.nomination_approve(
            nomination=nomination, sk_number="1/2026", sk_date=dt.date(2026, 10, 1)
        )


def test_an_approved_nomination_cannot_be_rejected_later():
    nomination = NominationFactory()
    services.nomination_start_review(nomination=nomination)
    services.nomination_approve(
        nomination=nomination, sk_number="2/2026", sk_date=dt.date(2026, 3, 2)
    )
    with pytest.raises(ValidationError):
        services.nomination_reject(nomination=nomination, reason="Salah")


def test_a_second_open_nomination_for_the_same_award_and_year_is_refused():
    nomination = NominationFactory()
    with pytest.raises(ValidationError):
        services.nomination_submit(
            employee=nomination.employee,
            award_type=nomination.award_type,
            year=2026,
            justification="lagi",
        )


def test_cash_incentive_needs_an_amount():
    cash = AwardTypeFactory(category=AwardType.Category.CASH)
    with pytest.raises(ValidationError):
        services.nomination_submit(
            employee=EmployeeFactory(), award_type=cash, year=2026, justification="x"
        )


def test_database_refuses_an_approved_nomination_without_sk():
    with pytest.raises(IntegrityError):
        NominationFactory(status=Nomination.Status.APPROVED)
