"""Predikat distribution per unit against the SE MenPANRB 3/2023 curve, boundaries included."""

import pytest

from appraisal.models import Evaluation, UnitAssessment
from appraisal.selectors import distribution_problems, unit_distributions
from asn_portal.personnel.models import OrgUnit

SB = "sangat_baik"


def check(unit_predikat, **counts):
    return distribution_problems(unit_predikat=unit_predikat, counts=counts)


def test_istimewa_allows_exactly_70_percent_sangat_baik():
    assert check("istimewa", sangat_baik=7, baik=3) == []


def test_istimewa_refuses_71_percent_sangat_baik():
    assert check("istimewa", sangat_baik=71, baik=29) == ["More than 70% Sangat Baik."]


def test_baik_allows_70_percent_baik_with_one_butuh_perbaikan():
    assert check("baik", baik=7, sangat_baik=2, butuh_perbaikan=1) == []


def test_baik_refuses_more_than_70_percent_baik():
    assert "More than 70% Baik." in check("baik", baik=8, kurang=2)


def test_baik_needs_at_least_one_butuh_perbaikan_or_kurang():
    assert check("baik", baik=5, sangat_baik=5) == ["No Butuh Perbaikan or Kurang/Misconduct."]


def test_baik_accepts_a_kurang_in_place_of_butuh_perbaikan():
    assert check("baik", baik=6, sangat_baik=3, kurang=1) == []


def test_butuh_perbaikan_needs_60_percent_and_at_most_10_percent_sangat_baik():
    assert check("butuh_perbaikan", butuh_perbaikan=6, baik=3, sangat_baik=1) == []


def test_butuh_perbaikan_refuses_59_percent():
    assert check("butuh_perbaikan", butuh_perbaikan=59, baik=41) == [
        "Less than 60% Butuh Perbaikan."
    ]


def test_butuh_perbaikan_refuses_11_percent_sangat_baik():
    assert check("butuh_perbaikan", butuh_perbaikan=60, baik=29, sangat_baik=11) == [
        "More than 10% Sangat Baik."
    ]


def test_kurang_at_the_boundaries_is_within_the_curve():
    assert check("kurang", kurang=6, butuh_perbaikan=1, sangat_baik=1, baik=2) == []


def test_kurang_needs_10_percent_butuh_perbaikan():
    assert check("kurang", kurang=91, butuh_perbaikan=9) == ["Less than 10% Butuh Perbaikan."]


def test_kurang_refuses_less_than_60_percent_kurang():
    assert "Less than 60% Kurang/Misconduct." in check("kurang", kurang=5, butuh_perbaikan=5)


def test_sangat_kurang_at_the_boundaries_is_within_the_curve():
    assert check("sangat_kurang", sangat_kurang=6, kurang=1, baik=3) == []


def test_sangat_kurang_refuses_any_sangat_baik():
    assert check("sangat_kurang", sangat_kurang=8, butuh_perbaikan=1, sangat_baik=1) == [
        "Sangat Baik is not allowed."
    ]


def test_sangat_kurang_needs_10_percent_kurang_or_butuh_perbaikan():
    assert check("sangat_kurang", sangat_kurang=95, kurang=2, butuh_perbaikan=2, baik=1) == [
        "Less than 10% Kurang/Misconduct or Butuh Perbaikan."
    ]


def test_sangat_kurang_refuses_59_percent_sangat_kurang():
    assert "Less than 60% Sangat Kurang." in check("sangat_kurang", sangat_kurang=59, kurang=41)


@pytest.mark.django_db
def test_units_outside_their_curve_are_flagged(cycle, org):
    from django.utils import timezone

    annual = cycle.periods.get(kind="annual")
    # Dinas A (with A.1): 6 employees, all Sangat Baik; the unit's own predikat is Baik.
    Evaluation.objects.filter(period=annual).update(
        status="rated",
        rating_results="above",
        rating_behaviour="above",
        predikat=SB,
        rated_at=timezone.now(),
    )
    UnitAssessment.objects.create(period=annual, unit=org.units["A"], predikat="baik")

    rows = {
        r.unit.code: r
        for r in unit_distributions(period=annual, units=OrgUnit.objects.filter(depth=1))
    }

    assert rows["A"].total == 6
    assert rows["A"].problems == ["No Butuh Perbaikan or Kurang/Misconduct."]
    assert rows["B"].unit_predikat == "" and rows["B"].problems == []
