"""The predikat matrix of PermenPANRB 6/2022 and the interface payroll and rewards read."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from appraisal import selectors
from appraisal.models import Evaluation, Predikat, Rating

pytestmark = pytest.mark.django_db

A, S, B = Rating.ABOVE, Rating.MEETS, Rating.BELOW


@pytest.mark.parametrize(
    ("results", "behaviour", "predikat"),
    [
        (A, A, Predikat.SANGAT_BAIK),
        (A, S, Predikat.BAIK),
        (A, B, Predikat.KURANG),
        (S, A, Predikat.BAIK),
        (S, S, Predikat.BAIK),
        (S, B, Predikat.KURANG),
        (B, A, Predikat.BUTUH_PERBAIKAN),
        (B, S, Predikat.BUTUH_PERBAIKAN),
        (B, B, Predikat.SANGAT_KURANG),
    ],
)
def test_the_predikat_matrix(results, behaviour, predikat):
    assert selectors.predikat_from_ratings(results=results, behaviour=behaviour) == predikat


def _rate(evaluation, results, behaviour, predikat=None):
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status="rated",
        rating_results=results,
        rating_behaviour=behaviour,
        predikat=predikat or selectors.predikat_from_ratings(results=results, behaviour=behaviour),
        rated_at=timezone.now(),
    )


def test_the_database_refuses_a_predikat_that_contradicts_the_matrix(cycle, org):
    evaluation = Evaluation.objects.filter(employee=org.staff[0]).first()

    with pytest.raises(IntegrityError):
        _rate(evaluation, A, A, Predikat.BAIK)


def test_the_database_refuses_a_rated_evaluation_without_ratings(cycle, org):
    with pytest.raises(IntegrityError):
        Evaluation.objects.filter(employee=org.staff[0]).update(
            status="rated", rated_at=timezone.now()
        )


def test_predikat_for_a_month_reads_the_rated_monthly_evaluation(cycle, org):
    february = Evaluation.objects.get(
        employee=org.staff[0], period__kind="periodic", period__number=2
    )
    _rate(february, B, S)

    assert selectors.predikat_for(employee=org.staff[0], year=2026, month=2) == "butuh_perbaikan"
    assert selectors.predikat_for(employee=org.staff[0], year=2026, month=1) is None


def test_predikat_for_the_year_reads_the_annual_evaluation(cycle, org):
    annual = Evaluation.objects.get(employee=org.staff[0], period__kind="annual")
    _rate(annual, A, A)

    assert selectors.predikat_for(employee=org.staff[0], year=2026) == Predikat.SANGAT_BAIK
    assert selectors.predikat_for(employee=org.staff[0], year=2025) is None


def test_an_evaluation_not_yet_rated_gives_no_predikat(cycle, org):
    Evaluation.objects.filter(employee=org.staff[0]).update(status="submitted")

    assert selectors.predikat_for(employee=org.staff[0], year=2026, month=1) is None


def test_a_quarterly_predikat_applies_to_each_month_of_the_quarter(org, time_machine):
    from .factories import open_cycle

    cycle = open_cycle(frequency="quarterly", on_date=dt.date(2026, 4, 2))
    q1 = Evaluation.objects.get(employee=org.staff[0], period__cycle=cycle, period__number=1)
    _rate(q1, S, S)

    months = [
        selectors.predikat_for(employee=org.staff[0], year=2026, month=m) for m in (1, 2, 3, 4)
    ]
    assert months == ["baik", "baik", "baik", None]


def test_predikat_for_many_reads_everyone_in_one_query(cycle, org, django_assert_num_queries):
    for employee, (r, b) in zip(org.staff, [(A, A), (S, S), (B, B)], strict=False):
        _rate(
            Evaluation.objects.get(employee=employee, period__number=1, period__kind="periodic"),
            r,
            b,
        )
    ids = [e.pk for e in org.staff]

    with django_assert_num_queries(1):
        result = selectors.predikat_for_many(employee_ids=ids, year=2026, month=1)

    assert result == {
        org.staff[0].pk: "sangat_baik",
        org.staff[1].pk: "baik",
        org.staff[2].pk: "sangat_kurang",
    }


def test_a_month_outside_1_to_12_is_an_error(org):
    with pytest.raises(ValueError):
        selectors.predikat_for(employee=org.staff[0], year=2026, month=13)
