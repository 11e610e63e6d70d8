"""Eligibility rules at their boundaries: PKN II (DOMAIN.md, "Training") and the generic fields."""

from __future__ import annotations

import datetime as dt

import pytest

from asn_portal.personnel.models import Employee, Position
from tests import factories
from tests.training.factories import EligibilityRuleFactory, ProgramFactory
from training.models import Program
from training.selectors import age_on, program_eligibility

pytestmark = pytest.mark.django_db

FIRST_DAY = dt.date(2026, 3, 2)  # the session's first day: the day the rules are measured on


@pytest.fixture
def pkn_ii():
    """Seeded by migration with the three PKN II rules."""
    return Program.objects.get(code="PKN-II")


def _employee(level, rank="IV/a", rank_tmt=dt.date(2020, 1, 1), birth=dt.date(1975, 5, 5)):
    kind = {
        Position.Level.JPT_PRATAMA: Position.Kind.STRUCTURAL,
        Position.Level.ADMINISTRATOR: Position.Kind.STRUCTURAL,
        Position.Level.AHLI_MADYA: Position.Kind.FUNCTIONAL,
    }.get(level, Position.Kind.EXECUTOR)
    return factories.EmployeeFactory(
        position=factories.PositionFactory(level=level, kind=kind),
        rank=factories.rank(rank),
        rank_tmt=rank_tmt,
        birth_date=birth,
    )


def _eligible(program, employee) -> bool:
    return program_eligibility(program=program, employee=employee, on=FIRST_DAY).eligible


def test_pkn_ii_admits_jpt_pratama_whatever_their_age(pkn_ii):
    employee = _employee(Position.Level.JPT_PRATAMA, rank="IV/c", birth=dt.date(1967, 1, 1))

    assert _eligible(pkn_ii, employee)


def test_pkn_ii_admits_administrator_with_exactly_3_years_6_months_in_iv_a(pkn_ii):
    employee = _employee(Position.Level.ADMINISTRATOR, rank_tmt=dt.date(2022, 9, 2))

    assert _eligible(pkn_ii, employee)


def test_pkn_ii_refuses_administrator_one_day_short_of_3_years_6_months(pkn_ii):
    employee = _employee(Position.Level.ADMINISTRATOR, rank_tmt=dt.date(2022, 9, 3))

    result = program_eligibility(program=pkn_ii, employee=employee, on=FIRST_DAY)

    assert not result.eligible
    assert "3 years 6 months in rank" in result.message
    assert "03-03-2026" in result.message


def test_pkn_ii_refuses_administrator_below_iv_a(pkn_ii):
    employee = _employee(Position.Level.ADMINISTRATOR, rank="III/d", rank_tmt=dt.date(2015, 1, 1))

    result = program_eligibility(program=pkn_ii, employee=employee, on=FIRST_DAY)

    assert not result.eligible
    assert "rank must be at least IV/a" in result.message


def test_pkn_ii_admits_administrator_above_iv_a_who_served_iv_a_before(pkn_ii):
    employee = _employee(Position.Level.ADMINISTRATOR, rank="IV/b", rank_tmt=dt.date(2025, 10, 1))

    assert _eligible(pkn_ii, employee)


def test_pkn_ii_admits_ahli_madya_with_exactly_2_years_6_months_in_iv_a(pkn_ii):
    employee = _employee(Position.Level.AHLI_MADYA, rank_tmt=dt.date(2023, 9, 2))

    assert _eligible(pkn_ii, employee)


def test_pkn_ii_refuses_ahli_madya_one_day_short_of_2_years_6_months(pkn_ii):
    employee = _employee(Position.Level.AHLI_MADYA, rank_tmt=dt.date(2023, 9, 3))

    result = program_eligibility(program=pkn_ii, employee=employee, on=FIRST_DAY)

    assert not result.eligible
    assert "2 years 6 months in rank" in result.message


def test_pkn_ii_admits_administrator_aged_55_on_the_first_day(pkn_ii):
    # 56th birthday is the day after the first day.
    employee = _employee(Position.Level.ADMINISTRATOR, birth=dt.date(1970, 3, 3))

    assert age_on(employee.birth_date, FIRST_DAY) == 55
    assert _eligible(pkn_ii, employee)


def test_pkn_ii_refuses_administrator_who_turns_56_on_the_first_day(pkn_ii):
    employee = _employee(Position.Level.ADMINISTRATOR, birth=dt.date(1970, 3, 2))

    result = program_eligibility(program=pkn_ii, employee=employee, on=FIRST_DAY)

    assert not result.eligible
    assert "age must be at most 55 (is 56)" in result.message


def test_pkn_ii_refuses_ahli_madya_aged_56(pkn_ii):
    employee = _employee(Position.Level.AHLI_MADYA, birth=dt.date(1969, 12, 31))

    assert not _eligible(pkn_ii, employee)


def test_pkn_ii_refuses_an_executor_and_explains_every_rule(pkn_ii):
    employee = _employee(Position.Level.PELAKSANA, rank="III/a")

    result = program_eligibility(program=pkn_ii, employee=employee, on=FIRST_DAY)

    assert not result.eligible
    assert len(result.reasons) == 3
    assert all("position level must be" in reason for reason in result.reasons)


def test_program_without_rules_is_open_to_everyone():
    employee = factories.PPPKEmployeeFactory()

    assert _eligible(ProgramFactory(), employee)


def test_status_rule_admits_only_that_status():
    latsar = ProgramFactory(kind="latsar")
    EligibilityRuleFactory(program=latsar, status=Employee.Status.CPNS)
    cpns = factories.EmployeeFactory(status=Employee.Status.CPNS, tmt_pns=None)
    pns = factories.EmployeeFactory()

    assert _eligible(latsar, cpns)
    assert not _eligible(latsar, pns)


def test_highest_rank_rule_refuses_a_rank_above_it():
    program = ProgramFactory()
    EligibilityRuleFactory(program=program, max_rank=factories.rank("III/b"))

    assert _eligible(program, factories.EmployeeFactory(rank=factories.rank("III/b")))
    assert not _eligible(program, factories.EmployeeFactory(rank=factories.rank("III/c")))


def test_pns_rank_range_refuses_a_pppk_employee():
    program = ProgramFactory()
    EligibilityRuleFactory(program=program, min_rank=factories.rank("III/a"))

    assert not _eligible(program, factories.PPPKEmployeeFactory())
