"""Deciding a sanction: valid level/type only, effective 15 working days after delivery, windows."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from asn_portal.accounts import roles
from asn_portal.common.workflow import status_history
from asn_portal.personnel.models import Employee
from rewards import services
from rewards.models import (
    DisciplinaryCase,
    Examination,
    Objection,
    RemedyPolicy,
    Sanction,
    SanctionKind,
    SanctionLevel,
)
from rewards.selectors import (
    is_blocked_from_promotion,
    is_blocked_from_rewards,
    pay_kept_under_appeal,
    sanctions_in_force,
    tpp_cut_for,
)
from rewards.tasks import dismissals_apply_task
from tests.factories import CollectiveLeaveDayFactory, EmployeeFactory, UserFactory
from tests.rewards.factories import (
    DisciplinaryCaseFactory,
    ExaminationFactory,
    ObjectionFactory,
    SanctionFactory,
    examined_case,
)

pytestmark = pytest.mark.django_db

# Decisions are recorded once they happened: tests dated after today run later.
AFTER_THESE_DATES = time_machine.travel(dt.datetime(2028, 1, 3, 9, tzinfo=dt.UTC), tick=False)


def decide(kind, delivered_on=None, **kwargs):
    case = examined_case(**kwargs)
    return services.sanction_decide(
        case=case,
        kind=kind,
        decree_number=f"800/{case.pk}/2026",
        decree_date=dt.date(2026, 7, 27),
        official_name="Ir. Bupati Contoh",
        official_title="Bupati Contoh",
        delivered_on=delivered_on,
    )


def test_effective_date_skips_weekends_and_national_holidays():
    # From Mon 3 Aug 2026: three weekends, 17 Aug (Independence) and 25 Aug (Maulid) skipped.
    sanction = decide(SanctionKind.TPP_CUT_6, delivered_on=dt.date(2026, 8, 3))
    assert sanction.effective_from == dt.date(2026, 8, 26)


def test_effective_date_from_a_friday_delivery_counts_from_monday():
    sanction = decide(SanctionKind.WRITTEN_REPRIMAND, delivered_on=dt.date(2026, 7, 31))
    assert sanction.effective_from == dt.date(2026, 8, 24)


def test_effective_date_skips_collective_leave():
    CollectiveLeaveDayFactory(date=dt.date(2026, 8, 18), name="Cuti bersama uji")
    sanction = decide(SanctionKind.TPP_CUT_6, delivered_on=dt.date(2026, 8, 3))
    assert sanction.effective_from == dt.date(2026, 8, 27)


@AFTER_THESE_DATES
def test_effective_date_crosses_the_year_end_over_christmas_and_new_year():
    # 11 Dec 2026 (Fri) + 15 working days skips 25 Dec, 1 Jan and 5 Jan 2027 (Isra' Mi'raj).
    sanction = decide(SanctionKind.TPP_CUT_6, delivered_on=dt.date(2026, 12, 11))
    assert sanction.effective_from == dt.date(2027, 1, 6)


@pytest.mark.parametrize(
    ("kind", "ends_on"),
    [
        (SanctionKind.TPP_CUT_6, dt.date(2027, 2, 25)),
        (SanctionKind.TPP_CUT_9, dt.date(2027, 5, 25)),
        (SanctionKind.TPP_CUT_12, dt.date(2027, 8, 25)),
        (SanctionKind.DEMOTION, dt.date(2027, 8, 25)),
        (SanctionKind.RELEASE, dt.date(2027, 8, 25)),
        (SanctionKind.VERBAL_REPRIMAND, dt.date(2026, 8, 26)),
        (SanctionKind.DISMISSAL, None),
    ],
)
def test_end_date_follows_the_sanction_type(kind, ends_on):
    sanction = decide(kind, delivered_on=dt.date(2026, 8, 3))
    assert sanction.ends_on == ends_on


def test_level_is_taken_from_the_type():
    sanction = decide(SanctionKind.DEMOTION)
    assert sanction.level == SanctionLevel.HEAVY


def test_service_refuses_a_type_with_the_wrong_level():
    case = examined_case()
    with pytest.raises(ValidationError):
        services.sanction_decide(
            case=case,
            level=SanctionLevel.LIGHT,
            kind=SanctionKind.TPP_CUT_6,
            decree_number="800/1/2026",
            decree_date=dt.date(2026, 7, 27),
            official_name="A",
            official_title="B",
        )


def test_database_refuses_an_invalid_level_and_type_combination():
    case = DisciplinaryCaseFactory(status=DisciplinaryCase.Status.DECIDED)
    with pytest.raises(IntegrityError):
        Sanction.objects.create(
            case=case,
            level=SanctionLevel.LIGHT,
            kind=SanctionKind.DISMISSAL,
            decree_number="800/X/2026",
            decree_date=dt.date(2026, 7, 27),
            official_name="A",
            official_title="B",
        )


def _decide_kind(case, kind):
    return services.sanction_decide(
        case=case,
        kind=kind,
        decree_number=f"800/E{case.pk}/2026",
        decree_date=dt.date(2026, 7, 27),
        official_name="A",
        official_title="B",
    )


def test_a_decision_needs_an_examination_record():
    case = DisciplinaryCaseFactory(status=DisciplinaryCase.Status.EXAMINATION)
    ExaminationFactory(case=case, kind=Examination.Kind.SUMMONS)
    with pytest.raises(ValidationError):
        _decide_kind(case, SanctionKind.VERBAL_REPRIMAND)


def test_a_heavy_sanction_needs_an_examination_by_a_team():
    case = ExaminationFactory(by_team=False).case
    with pytest.raises(ValidationError):
        _decide_kind(case, SanctionKind.DEMOTION)


def test_a_medium_sanction_may_rest_on_the_supervisors_examination():
    case = ExaminationFactory(by_team=False).case
    assert _decide_kind(case, SanctionKind.TPP_CUT_9).level == SanctionLevel.MEDIUM


def test_an_examination_team_has_at_least_three_examiners():
    case = DisciplinaryCaseFactory(status=DisciplinaryCase.Status.EXAMINATION)
    with pytest.raises(ValidationError):
        services.examination_record(
            case=case,
            kind=Examination.Kind.RECORD,
            held_on=dt.date(2026, 6, 8),
            examiners=[EmployeeFactory(), EmployeeFactory()],
            by_team=True,
        )


def test_the_employee_concerned_cannot_examine_their_own_case():
    case = DisciplinaryCaseFactory(status=DisciplinaryCase.Status.EXAMINATION)
    with pytest.raises(ValidationError):
        services.examination_record(
            case=case,
            kind=Examination.Kind.RECORD,
            held_on=dt.date(2026, 6, 8),
            examiners=[case.employee],
        )


def test_examination_is_recorded_only_while_the_case_is_under_examination():
    case = DisciplinaryCaseFactory(status=DisciplinaryCase.Status.REPORTED)
    with pytest.raises(ValidationError):
        services.examination_record(
            case=case, kind=Examination.Kind.SUMMONS, held_on=dt.date(2026, 6, 8)
        )


def test_a_reported_case_cannot_be_decided_before_examination():
    case = DisciplinaryCaseFactory(status=DisciplinaryCase.Status.REPORTED)
    with pytest.raises(ValidationError):
        services.sanction_decide(
            case=case,
            kind=SanctionKind.TPP_CUT_6,
            decree_number="800/2/2026",
            decree_date=dt.date(2026, 7, 27),
            official_name="A",
            official_title="B",
        )
    assert not Sanction.objects.exists()


def test_deciding_moves_the_case_to_decided_and_records_the_event():
    officer = UserFactory(username="disiplin", role=roles.REWARDS_OFFICER)
    case = examined_case()
    services.sanction_decide(
        case=case,
        kind=SanctionKind.TPP_CUT_9,
        decree_number="800/3/2026",
        decree_date=dt.date(2026, 7, 27),
        official_name="A",
        official_title="B",
        by=officer,
    )
    case.refresh_from_db()
    assert case.status == DisciplinaryCase.Status.DECIDED
    assert status_history(case).filter(to_status="decided", by=officer).exists()


def test_undelivered_decision_is_not_in_force():
    sanction = decide(SanctionKind.TPP_CUT_6)
    assert sanction.effective_from is None
    assert not sanctions_in_force(sanction.case.employee, dt.date(2027, 1, 1)).exists()


def test_sanction_is_in_force_from_its_effective_date_to_its_last_day():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)  # 26 Aug 2026 - 25 Feb 2027
    employee = sanction.case.employee
    assert not sanctions_in_force(employee, dt.date(2026, 8, 25)).exists()
    assert sanctions_in_force(employee, dt.date(2026, 8, 26)).get() == sanction
    assert sanctions_in_force(employee, dt.date(2027, 2, 25)).exists()
    assert not sanctions_in_force(employee, dt.date(2027, 2, 26)).exists()


def test_dismissal_stays_in_force():
    sanction = SanctionFactory(kind=SanctionKind.DISMISSAL)
    assert sanctions_in_force(sanction.case.employee, dt.date(2040, 1, 1)).exists()


# TPP cut as payroll reads it: a month is cut when the sanction is in force on its first day.


def test_no_tpp_cut_in_the_month_a_sanction_takes_effect_mid_month():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)  # from 26 Aug 2026
    assert tpp_cut_for(sanction.case.employee, 2026, 8) is None


def test_tpp_cut_from_the_first_full_month():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    assert tpp_cut_for(sanction.case.employee, 2026, 9) is not None


def test_tpp_cut_in_the_month_the_sanction_ends():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)  # until 25 Feb 2027
    assert tpp_cut_for(sanction.case.employee, 2027, 2) is not None


def test_no_tpp_cut_the_month_after_the_sanction_ends():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    assert tpp_cut_for(sanction.case.employee, 2027, 3) is None


def test_six_month_sanction_cuts_exactly_six_payments():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    months = [(2026, m) for m in range(1, 13)] + [(2027, m) for m in range(1, 13)]
    cut = [ym for ym in months if tpp_cut_for(sanction.case.employee, *ym)]
    assert cut == [(2026, 9), (2026, 10), (2026, 11), (2026, 12), (2027, 1), (2027, 2)]


def test_sanction_taking_effect_on_the_first_cuts_that_month():
    # The window is set directly: a sanction in force from 1 Sep to 28 Feb.
    employee = EmployeeFactory()
    sanction = SanctionFactory(
        case__employee=employee,
        kind=SanctionKind.TPP_CUT_6,
        delivered_on=dt.date(2026, 8, 3),
        effective_from=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 2, 28),
    )
    assert tpp_cut_for(employee, 2026, 9) is not None
    assert tpp_cut_for(employee, 2027, 3) is None
    assert sanction.in_force_on(dt.date(2026, 9, 1))


def test_heavy_sanction_does_not_cut_tpp():
    sanction = SanctionFactory(kind=SanctionKind.DEMOTION)
    assert tpp_cut_for(sanction.case.employee, 2026, 10) is None


def test_another_employees_sanction_does_not_cut_tpp():
    SanctionFactory(kind=SanctionKind.TPP_CUT_12)
    assert tpp_cut_for(EmployeeFactory(), 2026, 10) is None


def test_medium_sanction_in_force_blocks_rewards_and_promotion():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_9)
    employee = sanction.case.employee
    assert is_blocked_from_rewards(employee, dt.date(2026, 10, 1))
    assert is_blocked_from_promotion(employee, dt.date(2026, 10, 1))
    assert not is_blocked_from_rewards(employee, dt.date(2027, 6, 1))


def test_light_sanction_does_not_block_promotion():
    sanction = SanctionFactory(kind=SanctionKind.WRITTEN_REPRIMAND)
    assert not is_blocked_from_promotion(sanction.case.employee, sanction.effective_from)


# Objections and appeals.


def test_granted_objection_removes_the_tpp_cut():
    objection = ObjectionFactory(sanction__kind=SanctionKind.TPP_CUT_6)
    employee = objection.sanction.case.employee
    assert tpp_cut_for(employee, 2026, 10) is not None
    services.objection_decide(
        objection=objection,
        outcome=Objection.Outcome.GRANTED,
        decided_on=dt.date(2026, 11, 2),
        decision_number="800/K/2026",
    )
    assert tpp_cut_for(employee, 2026, 10) is None
    assert tpp_cut_for(employee, 2026, 12) is None
    assert not is_blocked_from_rewards(employee, dt.date(2026, 12, 1))


def test_rejected_objection_keeps_the_tpp_cut():
    objection = ObjectionFactory(sanction__kind=SanctionKind.TPP_CUT_6)
    services.objection_decide(
        decision_number="800/KEB/BKPSDM/2026",
        objection=objection,
        outcome=Objection.Outcome.REJECTED,
        decided_on=dt.date(2026, 11, 2),
    )
    assert tpp_cut_for(objection.sanction.case.employee, 2026, 10) is not None


@AFTER_THESE_DATES
def test_granted_appeal_cancels_a_dismissal():
    sanction = SanctionFactory(kind=SanctionKind.DISMISSAL)
    appeal = services.objection_file(
        sanction=sanction,
        kind=Objection.Kind.APPEAL,
        filed_on=dt.date(2026, 8, 10),
        grounds="Keberatan atas pemberhentian",
    )
    services.objection_decide(
        decision_number="800/KEB/BKPSDM/2026",
        objection=appeal,
        outcome=Objection.Outcome.GRANTED,
        decided_on=dt.date(2026, 12, 1),
    )
    sanction.refresh_from_db()
    assert sanction.cancelled_on == dt.date(2026, 12, 1)
    assert not sanctions_in_force(sanction.case.employee, dt.date(2027, 1, 1)).exists()


@pytest.fixture
def long_appeal_window():
    """A region whose appeal window outlasts the 15 working days before dismissal takes effect."""
    RemedyPolicy.objects.update(appeal_days=45)


@AFTER_THESE_DATES
def test_a_dismissed_employee_keeps_pay_while_the_appeal_is_pending(long_appeal_window):
    sanction = SanctionFactory(kind=SanctionKind.DISMISSAL)  # in force from 26 Aug 2026
    employee = sanction.case.employee
    appeal = services.objection_file(
        sanction=sanction, kind=Objection.Kind.APPEAL, filed_on=dt.date(2026, 9, 1), grounds="x"
    )
    assert not pay_kept_under_appeal(employee, dt.date(2026, 8, 31))
    assert pay_kept_under_appeal(employee, dt.date(2026, 9, 1))
    services.objection_decide(
        decision_number="800/KEB/BKPSDM/2026",
        objection=appeal,
        outcome=Objection.Outcome.REJECTED,
        decided_on=dt.date(2026, 12, 1),
    )
    assert not pay_kept_under_appeal(employee, dt.date(2026, 12, 2))
    assert pay_kept_under_appeal(employee, dt.date(2026, 11, 30))


def test_appeal_against_a_non_dismissal_is_refused():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    with pytest.raises(ValidationError):
        services.objection_file(
            sanction=sanction,
            kind=Objection.Kind.APPEAL,
            filed_on=dt.date(2026, 8, 10),
            grounds="x",
        )


def test_objection_against_dismissal_is_refused():
    sanction = SanctionFactory(kind=SanctionKind.DISMISSAL)
    with pytest.raises(ValidationError):
        services.objection_file(
            sanction=sanction,
            kind=Objection.Kind.OBJECTION,
            filed_on=dt.date(2026, 8, 10),
            grounds="x",
        )


def test_second_pending_objection_is_refused():
    objection = ObjectionFactory()
    with pytest.raises(ValidationError):
        services.objection_file(
            sanction=objection.sanction,
            kind=Objection.Kind.OBJECTION,
            filed_on=dt.date(2026, 8, 11),
            grounds="x",
        )


def test_an_objection_is_decided_once():
    objection = ObjectionFactory()
    services.objection_decide(
        decision_number="800/KEB/BKPSDM/2026",
        objection=objection,
        outcome=Objection.Outcome.REJECTED,
        decided_on=dt.date(2026, 9, 1),
    )
    with pytest.raises(ValidationError):
        services.objection_decide(
            decision_number="800/KEB/BKPSDM/2026",
            objection=objection,
            outcome=Objection.Outcome.GRANTED,
            decided_on=dt.date(2026, 9, 2),
        )


def test_a_dismissal_in_force_records_the_employee_as_dismissed_once():
    sanction = SanctionFactory(kind=SanctionKind.DISMISSAL)  # in force from 26 Aug 2026
    employee = sanction.case.employee
    assert services.dismissals_apply(on_date=dt.date(2026, 8, 25)) == []
    assert services.dismissals_apply(on_date=dt.date(2026, 8, 26)) == [employee]
    assert services.dismissals_apply(on_date=dt.date(2026, 8, 27)) == []
    employee.refresh_from_db()
    assert employee.state == Employee.State.DISMISSED


def test_a_pending_appeal_holds_the_dismissal_back():
    sanction = SanctionFactory(kind=SanctionKind.DISMISSAL)
    services.objection_file(
        sanction=sanction, kind=Objection.Kind.APPEAL, filed_on=dt.date(2026, 8, 10), grounds="x"
    )
    assert services.dismissals_apply(on_date=dt.date(2026, 9, 1)) == []


@AFTER_THESE_DATES
def test_a_granted_appeal_brings_a_dismissed_employee_back(long_appeal_window):
    sanction = SanctionFactory(kind=SanctionKind.DISMISSAL)
    employee = sanction.case.employee
    services.dismissals_apply(on_date=dt.date(2026, 9, 1))
    appeal = services.objection_file(
        sanction=sanction, kind=Objection.Kind.APPEAL, filed_on=dt.date(2026, 9, 2), grounds="x"
    )
    services.objection_decide(
        decision_number="800/KEB/BKPSDM/2026",
        objection=appeal,
        outcome=Objection.Outcome.GRANTED,
        decided_on=dt.date(2026, 12, 1),
    )
    employee.refresh_from_db()
    assert employee.state == Employee.State.ACTIVE


def test_the_daily_task_applies_dismissals_due_today():
    SanctionFactory(kind=SanctionKind.DISMISSAL)
    with time_machine.travel(dt.datetime(2026, 9, 1, 8, 0, tzinfo=dt.UTC), tick=False):
        assert dismissals_apply_task() == 1
        assert dismissals_apply_task() == 0


def test_an_objection_lightening_the_sanction_shortens_the_tpp_cut():
    objection = ObjectionFactory(sanction__kind=SanctionKind.TPP_CUT_12)  # until 25 Aug 2027
    employee = objection.sanction.case.employee
    assert tpp_cut_for(employee, 2027, 5) is not None
    services.objection_decide(
        decision_number="800/KEB/BKPSDM/2026",
        objection=objection,
        outcome=Objection.Outcome.AMENDED,
        amended_kind=SanctionKind.TPP_CUT_6,
        decided_on=dt.date(2026, 10, 1),
    )
    objection.refresh_from_db()
    assert objection.original_kind == SanctionKind.TPP_CUT_12
    assert tpp_cut_for(employee, 2027, 2) is not None
    assert tpp_cut_for(employee, 2027, 5) is None


def test_an_objection_changing_a_tpp_cut_to_a_reprimand_ends_the_cut():
    objection = ObjectionFactory(sanction__kind=SanctionKind.TPP_CUT_6)
    services.objection_decide(
        decision_number="800/KEB/BKPSDM/2026",
        objection=objection,
        outcome=Objection.Outcome.AMENDED,
        amended_kind=SanctionKind.WRITTEN_REPRIMAND,
        decided_on=dt.date(2026, 10, 1),
    )
    sanction = Sanction.objects.get(pk=objection.sanction_id)
    assert sanction.level == SanctionLevel.LIGHT
    assert tpp_cut_for(sanction.case.employee, 2026, 10) is None


def test_an_amendment_needs_a_different_sanction():
    objection = ObjectionFactory(sanction__kind=SanctionKind.TPP_CUT_6)
    with pytest.raises(ValidationError):
        services.objection_decide(
            decision_number="800/KEB/BKPSDM/2026",
            objection=objection,
            outcome=Objection.Outcome.AMENDED,
            amended_kind=SanctionKind.TPP_CUT_6,
            decided_on=dt.date(2026, 10, 1),
        )


@AFTER_THESE_DATES
def test_an_appeal_turning_dismissal_into_release_brings_the_employee_back(long_appeal_window):
    sanction = SanctionFactory(kind=SanctionKind.DISMISSAL)
    employee = sanction.case.employee
    services.dismissals_apply(on_date=dt.date(2026, 9, 1))
    appeal = services.objection_file(
        sanction=sanction, kind=Objection.Kind.APPEAL, filed_on=dt.date(2026, 9, 2), grounds="x"
    )
    services.objection_decide(
        decision_number="800/KEB/BKPSDM/2026",
        objection=appeal,
        outcome=Objection.Outcome.AMENDED,
        amended_kind=SanctionKind.RELEASE,
        decided_on=dt.date(2026, 12, 1),
    )
    employee.refresh_from_db()
    sanction.refresh_from_db()
    assert employee.state == Employee.State.ACTIVE
    assert sanction.ends_on == dt.date(2027, 8, 25)
    assert is_blocked_from_promotion(employee, dt.date(2027, 1, 4))
