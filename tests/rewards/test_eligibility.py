"""Satyalancana Karya Satya: 10/20/30 years from TMT CPNS and never a medium or heavy sanction."""

import datetime as dt

import pytest
from django.utils import translation

from asn_portal.personnel.models import Employee
from rewards import services
from rewards.models import AwardType, Nomination, Objection, SanctionKind
from rewards.selectors import award_eligibility, satyalancana_candidates, satyalancana_eligibility
from tests.factories import EmployeeFactory
from tests.rewards.factories import (
    AwardTypeFactory,
    NominationFactory,
    ObjectionFactory,
    SanctionFactory,
    award_type,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def slks_x():
    return award_type("slks-x")


def test_the_three_satyalancana_classes_are_seeded():
    seeded = AwardType.objects.filter(category=AwardType.Category.SATYALANCANA)
    assert sorted(seeded.values_list("min_service_years", flat=True)) == [10, 20, 30]
    assert all(t.requires_clean_record for t in seeded)


def test_exactly_ten_years_of_service_is_eligible(slks_x):
    employee = EmployeeFactory(tmt_cpns=dt.date(2016, 3, 1), tmt_pns=dt.date(2017, 3, 1))
    eligible, _reason = satyalancana_eligibility(employee, slks_x, dt.date(2026, 3, 1))
    assert eligible


def test_one_day_short_of_ten_years_is_not_eligible(slks_x):
    employee = EmployeeFactory(tmt_cpns=dt.date(2016, 3, 1), tmt_pns=dt.date(2017, 3, 1))
    eligible, reason = satyalancana_eligibility(employee, slks_x, dt.date(2026, 2, 28))
    assert not eligible
    assert "9" in reason and "10" in reason


def test_twenty_years_class_needs_twenty_years():
    employee = EmployeeFactory(tmt_cpns=dt.date(2007, 1, 1), tmt_pns=dt.date(2008, 1, 1))
    eligible, _reason = satyalancana_eligibility(
        employee, award_type("slks-xx"), dt.date(2026, 12, 31)
    )
    assert not eligible


def test_a_medium_sanction_years_ago_blocks_satyalancana(slks_x):
    employee = EmployeeFactory(tmt_cpns=dt.date(2000, 3, 1), tmt_pns=dt.date(2001, 3, 1))
    SanctionFactory(
        case__employee=employee,
        kind=SanctionKind.TPP_CUT_6,
        decree_date=dt.date(2009, 1, 5),
        delivered_on=dt.date(2009, 1, 12),
    )
    with translation.override("en"):
        eligible, reason = satyalancana_eligibility(employee, slks_x, dt.date(2026, 3, 1))
    assert not eligible
    assert "medium or heavy" in reason


def test_a_light_sanction_years_ago_does_not_block_satyalancana(slks_x):
    employee = EmployeeFactory(tmt_cpns=dt.date(2000, 3, 1), tmt_pns=dt.date(2001, 3, 1))
    SanctionFactory(
        case__employee=employee,
        kind=SanctionKind.WRITTEN_REPRIMAND,
        decree_date=dt.date(2009, 1, 5),
        delivered_on=dt.date(2009, 1, 12),
    )
    eligible, _reason = satyalancana_eligibility(employee, slks_x, dt.date(2026, 3, 1))
    assert eligible


def test_a_medium_sanction_cancelled_on_objection_does_not_count(slks_x):
    employee = EmployeeFactory(tmt_cpns=dt.date(2000, 3, 1), tmt_pns=dt.date(2001, 3, 1))
    objection = ObjectionFactory(
        sanction__case__employee=employee,
        sanction__decree_date=dt.date(2009, 1, 5),
        sanction__delivered_on=dt.date(2009, 1, 12),
        filed_on=dt.date(2009, 1, 20),
    )
    services.objection_decide(
        decision_number="800/KEB/BKPSDM/2026",
        objection=objection,
        outcome=Objection.Outcome.GRANTED,
        decided_on=dt.date(2009, 3, 2),
    )
    eligible, _reason = satyalancana_eligibility(employee, slks_x, dt.date(2026, 3, 1))
    assert eligible


def test_a_heavy_sanction_decided_after_the_date_does_not_count_for_that_date(slks_x):
    employee = EmployeeFactory(tmt_cpns=dt.date(2000, 3, 1), tmt_pns=dt.date(2001, 3, 1))
    SanctionFactory(case__employee=employee, kind=SanctionKind.DEMOTION)  # decreed 27 Jul 2026
    assert satyalancana_eligibility(employee, slks_x, dt.date(2026, 3, 1))[0]
    assert not satyalancana_eligibility(employee, slks_x, dt.date(2026, 7, 27))[0]


def test_satyalancana_is_received_once(slks_x):
    employee = EmployeeFactory(tmt_cpns=dt.date(2000, 3, 1), tmt_pns=dt.date(2001, 3, 1))
    NominationFactory(
        employee=employee,
        award_type=slks_x,
        year=2010,
        status=Nomination.Status.APPROVED,
        sk_number="12/TK/2010",
        sk_date=dt.date(2010, 8, 13),
    )
    eligible, _reason = satyalancana_eligibility(employee, slks_x, dt.date(2026, 3, 1))
    assert not eligible


def test_an_employee_no_longer_in_service_is_not_eligible(slks_x):
    employee = EmployeeFactory(state=Employee.State.RETIRED)
    assert not satyalancana_eligibility(employee, slks_x, dt.date(2026, 3, 1))[0]


def test_a_sanction_in_force_blocks_other_awards():
    sanction = SanctionFactory(kind=SanctionKind.VERBAL_REPRIMAND)
    certificate = AwardTypeFactory()
    employee = sanction.case.employee
    assert not award_eligibility(employee, certificate, sanction.effective_from)[0]
    assert award_eligibility(employee, certificate, dt.date(2027, 1, 4))[0]


def test_satyalancana_eligibility_refuses_other_award_types():
    with pytest.raises(ValueError):
        satyalancana_eligibility(EmployeeFactory(), AwardTypeFactory(), dt.date(2026, 1, 1))


def _employee(tmt_cpns):
    return EmployeeFactory(tmt_cpns=tmt_cpns, tmt_pns=tmt_cpns.replace(year=tmt_cpns.year + 1))


def test_candidates_are_those_completing_ten_twenty_or_thirty_years_in_the_year():
    x = _employee(dt.date(2016, 5, 1))
    xx = _employee(dt.date(2006, 12, 31))
    xxx = _employee(dt.date(1996, 1, 2))
    _employee(dt.date(2017, 1, 1))
    _employee(dt.date(2015, 12, 31))
    found = {(c.employee, c.award_type.code, c.eligible_on) for c in satyalancana_candidates(2026)}
    assert found == {
        (x, "slks-x", dt.date(2026, 5, 1)),
        (xx, "slks-xx", dt.date(2026, 12, 31)),
        (xxx, "slks-xxx", dt.date(2026, 1, 2)),
    }


def test_candidates_leave_out_the_seriously_sanctioned_and_the_awarded():
    sanctioned = _employee(dt.date(2016, 5, 1))
    SanctionFactory(case__employee=sanctioned, kind=SanctionKind.RELEASE)
    awarded = _employee(dt.date(2016, 6, 1))
    NominationFactory(
        employee=awarded,
        award_type=award_type("slks-x"),
        status=Nomination.Status.APPROVED,
        sk_number="1/TK/2026",
        sk_date=dt.date(2026, 8, 13),
    )
    kept = _employee(dt.date(2016, 7, 1))
    assert [c.employee for c in satyalancana_candidates(2026)] == [kept]


def test_candidates_are_listed_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    for month in range(1, 13):
        _employee(dt.date(2016, month, 1))
    with django_assert_max_num_queries(3):
        candidates = satyalancana_candidates(2026)
        assert len(candidates) == 12
        assert all(c.employee.unit.name for c in candidates)


def test_bulk_nomination_creates_one_nomination_per_candidate_once():
    _employee(dt.date(2016, 5, 1))
    _employee(dt.date(2006, 5, 1))
    assert len(services.nominations_create_satyalancana(year=2026)) == 2
    assert services.nominations_create_satyalancana(year=2026) == []


@pytest.fixture
def outstanding():
    return AwardTypeFactory(category=AwardType.Category.OUTSTANDING, min_predikat="baik")


def test_an_award_asking_for_a_predikat_reads_last_years_predikat(outstanding, monkeypatch):
    asked = []

    def predikat(employee, year):
        asked.append(year)
        return "sangat_baik"

    monkeypatch.setattr("rewards.selectors.annual_predikat", predikat)
    assert award_eligibility(EmployeeFactory(), outstanding, dt.date(2026, 3, 1))[0]
    assert asked == [2025]


def test_the_minimum_predikat_itself_is_enough(outstanding, monkeypatch):
    monkeypatch.setattr("rewards.selectors.annual_predikat", lambda employee, year: "baik")
    assert award_eligibility(EmployeeFactory(), outstanding, dt.date(2026, 3, 1))[0]


def test_a_predikat_below_the_minimum_is_not_eligible(outstanding, monkeypatch):
    monkeypatch.setattr(
        "rewards.selectors.annual_predikat", lambda employee, year: "butuh_perbaikan"
    )
    eligible, reason = award_eligibility(EmployeeFactory(), outstanding, dt.date(2026, 3, 1))
    assert not eligible
    assert "2025" in reason


def test_no_recorded_predikat_is_not_eligible(outstanding, monkeypatch):
    monkeypatch.setattr("rewards.selectors.annual_predikat", lambda employee, year: None)
    assert not award_eligibility(EmployeeFactory(), outstanding, dt.date(2026, 3, 1))[0]
