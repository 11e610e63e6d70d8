"""DOMAIN "Recruitment" rules with their numbers: passing grades, scaling, weights, tie-breaks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from recruitment import selectors
from recruitment.models import Category, Formasi, PassingGrade, Selection


def grade(category: str) -> PassingGrade:
    twk, tiu, tkp, total = selectors.DEFAULT_PASSING_GRADES[category]
    return PassingGrade(category=category, min_twk=twk, min_tiu=tiu, min_tkp=tkp, min_total=total)


# umum and putra/putri daerah (Kalimantan): TWK >= 65, TIU >= 80, TKP >= 166.
@pytest.mark.parametrize("category", [Category.UMUM, Category.PUTRA_DAERAH])
@pytest.mark.parametrize(
    ("twk", "tiu", "tkp", "passes"),
    [
        (65, 80, 166, True),
        (64, 80, 166, False),
        (65, 79, 166, False),
        (65, 80, 165, False),
        (66, 81, 167, True),
        (150, 175, 225, True),
        (150, 175, 165, False),
    ],
)
def test_general_passing_grade_needs_every_subtest_minimum(category, twk, tiu, tkp, passes):
    assert selectors.skd_passes(grade(category), twk=twk, tiu=tiu, tkp=tkp) is passes


# cumlaude: total >= 311 and TIU >= 85 (no per-subtest minimum for TWK and TKP).
@pytest.mark.parametrize(
    ("twk", "tiu", "tkp", "passes"),
    [
        (60, 85, 166, True),  # total 311
        (60, 85, 165, False),  # total 310
        (61, 84, 166, False),  # total 311 but TIU 84
        (0, 175, 136, True),  # total 311, TWK 0
        (100, 85, 126, True),
    ],
)
def test_cumlaude_passing_grade_needs_total_311_and_tiu_85(twk, tiu, tkp, passes):
    assert selectors.skd_passes(grade(Category.CUMLAUDE), twk=twk, tiu=tiu, tkp=tkp) is passes


# disabilitas (and putra/putri Papua): total >= 286 and TIU >= 60.
@pytest.mark.parametrize(
    ("twk", "tiu", "tkp", "passes"),
    [
        (60, 60, 166, True),  # total 286
        (60, 60, 165, False),  # total 285
        (61, 59, 166, False),  # total 286 but TIU 59
        (0, 61, 225, True),
    ],
)
def test_disability_passing_grade_needs_total_286_and_tiu_60(twk, tiu, tkp, passes):
    assert selectors.skd_passes(grade(Category.DISABILITAS), twk=twk, tiu=tiu, tkp=tkp) is passes


def test_an_edited_passing_grade_is_applied_as_edited():
    papua = PassingGrade(category=Category.PUTRA_DAERAH, min_tiu=60, min_total=286)

    assert selectors.skd_passes(papua, twk=40, tiu=60, tkp=186) is True


@pytest.mark.parametrize(
    ("total", "part"),
    [
        (550, Decimal("40.000")),
        (0, Decimal("0.000")),
        (275, Decimal("20.000")),
        (311, Decimal("22.618")),
        (400, Decimal("29.091")),
    ],
)
def test_skd_part_is_total_over_550_times_40(total, part):
    assert selectors.skd_part(total, weight=40) == part


def test_final_score_is_skd_40_percent_plus_skb_60_percent():
    selection = Selection(skd_weight=40, skb_weight=60)

    # 440 / 550 * 40 = 32 and 80 / 100 * 60 = 48.
    assert selectors.final_score(selection, skd_total=440, skb=Decimal("80")) == Decimal("80.000")


def test_final_score_is_rounded_half_up_to_three_places():
    selection = Selection(skd_weight=40, skb_weight=60)

    # 401 / 550 * 40 = 29.163636… ; 75.5 * 0.6 = 45.3
    assert selectors.final_score(selection, skd_total=401, skb=Decimal("75.5")) == Decimal("74.464")


def test_perfect_scores_give_a_final_score_of_100():
    selection = Selection(skd_weight=40, skb_weight=60)

    assert selectors.final_score(selection, skd_total=550, skb=Decimal(100)) == Decimal("100.000")


def test_skb_score_weights_cat_50_interview_30_other_20():
    formasi = Formasi(skb_cat_weight=50, skb_interview_weight=30, skb_other_weight=20)

    score = selectors.skb_score(formasi, cat=Decimal(80), interview=Decimal(70), other=Decimal(90))

    assert score == Decimal("79.000")  # 40 + 21 + 18


def test_skb_score_without_interview_uses_the_remaining_weights():
    formasi = Formasi(skb_cat_weight=50, skb_interview_weight=0, skb_other_weight=20)

    score = selectors.skb_score(formasi, cat=Decimal(80), interview=Decimal(0), other=Decimal(66))

    assert score == Decimal("76.000")  # (4000 + 1320) / 70


def row(pk, *, twk=100, tiu=100, tkp=200, grade="3.50", born=dt.date(1999, 1, 1), final=None):
    return selectors.RankRow(
        id=pk,
        formasi_id=1,
        registration_number=f"{pk:05d}",
        twk=twk,
        tiu=tiu,
        tkp=tkp,
        grade=Decimal(grade) if grade is not None else None,
        birth_date=born,
        final=final,
    )


def first_of(*rows, key=selectors.skd_rank_key):
    ranks = selectors.rank_rows(list(rows), key)
    return min(ranks, key=ranks.get)


def test_tie_break_one_higher_skd_total_wins():
    assert first_of(row(1, tkp=200), row(2, tkp=201)) == 2


def test_tie_break_two_same_total_higher_tkp_wins():
    assert first_of(row(1, twk=100, tkp=200), row(2, twk=99, tkp=201)) == 2


def test_tie_break_three_same_total_and_tkp_higher_tiu_wins():
    assert first_of(row(1, twk=100, tiu=100), row(2, twk=95, tiu=105)) == 2


def test_tie_break_four_twk_is_compared_after_tiu_and_before_ipk():
    # With equal total, TKP and TIU the TWK is equal too, so this step can never decide alone;
    # it is kept in the order the regulation lists it.
    key = selectors.tiebreak_key(row(7, twk=90, tiu=110, tkp=200, grade="3.25"))

    assert key == (-400, -200, -110, -90, Decimal("-3.25"), dt.date(1999, 1, 1), "00007")


def test_tie_break_five_same_scores_higher_ipk_wins():
    assert first_of(row(1, grade="3.40"), row(2, grade="3.41")) == 2


def test_tie_break_six_same_scores_and_ipk_the_older_applicant_wins():
    assert first_of(row(1, born=dt.date(1999, 1, 2)), row(2, born=dt.date(1999, 1, 1))) == 2


def test_tie_break_a_missing_ipk_ranks_below_any_ipk():
    assert first_of(row(1, grade=None), row(2, grade="2.00")) == 2


def test_final_ranking_puts_the_final_score_before_every_tie_break():
    high_skd = row(1, tkp=225, final=Decimal("70.000"))
    high_final = row(2, tkp=150, final=Decimal("70.001"))

    assert first_of(high_skd, high_final, key=selectors.final_rank_key) == 2


def test_ranks_are_counted_per_formasi():
    rows = [row(1), row(2, tkp=220)]
    other = selectors.RankRow(3, 2, "00003", 10, 10, 10, None, None)

    ranks = selectors.rank_rows([*rows, other], selectors.skd_rank_key)

    assert ranks == {2: 1, 1: 2, 3: 1}


def test_diploma_average_is_scaled_to_the_ipk_scale():
    from recruitment.models import Applicant

    applicant = Applicant(ipk=None, diploma_average=Decimal("87.50"))

    assert selectors.grade_for_ranking(applicant) == Decimal("3.50")


@pytest.mark.parametrize(
    ("name", "masked"),
    [("Budi Santoso", "Bu** Sa*****"), ("Ani", "An*"), ("Yo", "Yo"), ("Siti  Nur", "Si** Nu*")],
)
def test_published_names_are_masked(name, masked):
    assert selectors.mask_name(name) == masked


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (dt.date(1991, 3, 20), dt.date(2026, 3, 20), 35),
        (dt.date(1991, 3, 21), dt.date(2026, 3, 20), 34),
        (dt.date(2008, 3, 20), dt.date(2026, 3, 20), 18),
        (dt.date(2008, 3, 21), dt.date(2026, 3, 20), 17),
    ],
)
def test_age_counts_completed_years(born, on, age):
    assert selectors.age_on(born, on) == age
