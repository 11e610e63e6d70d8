"""Ranking a selection: passing grades, N x quota to the SKB, final ranking and the quota."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from recruitment import services
from recruitment.models import Application, Category

from .factories import FormasiFactory, eligible

pytestmark = pytest.mark.django_db


def test_only_applicants_meeting_the_category_passing_grade_pass_skd():
    formasi = FormasiFactory(category=Category.UMUM)
    at_threshold = eligible(formasi, twk=65, tiu=80, tkp=166)
    one_below = eligible(formasi, twk=65, tiu=80, tkp=165)

    services.selection_rank_skd(selection=formasi.selection)

    at_threshold.refresh_from_db()
    one_below.refresh_from_db()
    assert (at_threshold.skd_passed, one_below.skd_passed) == (True, False)


def test_the_cumlaude_formasi_uses_the_cumlaude_passing_grade():
    formasi = FormasiFactory(category=Category.CUMLAUDE)
    low_twk_high_total = eligible(formasi, twk=50, tiu=90, tkp=171)  # total 311

    services.selection_rank_skd(selection=formasi.selection)

    low_twk_high_total.refresh_from_db()
    assert low_twk_high_total.skd_passed is True


def test_an_eligible_applicant_without_skd_scores_was_absent_and_fails():
    formasi = FormasiFactory()
    absent = eligible(formasi)

    services.selection_rank_skd(selection=formasi.selection)

    absent.refresh_from_db()
    assert (absent.skd_passed, absent.skd_rank, absent.to_skb) == (False, None, False)


def test_top_three_times_quota_by_skd_rank_go_to_skb():
    formasi = FormasiFactory(quota=2)
    apps = [eligible(formasi, twk=100, tiu=100, tkp=170 + i) for i in range(8)]

    services.selection_rank_skd(selection=formasi.selection)

    to_skb = set(Application.objects.filter(to_skb=True).values_list("pk", flat=True))
    assert to_skb == {a.pk for a in apps[2:]}  # the six best of eight (3 x 2)


def test_the_skb_multiplier_is_taken_from_the_selection():
    formasi = FormasiFactory(quota=1)
    formasi.selection.skb_multiplier = 2
    formasi.selection.save()
    for i in range(4):
        eligible(formasi, twk=100, tiu=100, tkp=170 + i)

    services.selection_rank_skd(selection=formasi.selection)

    assert Application.objects.filter(to_skb=True).count() == 2


def test_failing_the_passing_grade_keeps_an_applicant_from_skb_even_within_the_cut():
    formasi = FormasiFactory(quota=5)
    failed = eligible(formasi, twk=64, tiu=175, tkp=225)

    services.selection_rank_skd(selection=formasi.selection)

    failed.refresh_from_db()
    assert (failed.to_skb, failed.skd_rank) == (False, None)


def test_skd_rank_breaks_ties_by_tkp():
    formasi = FormasiFactory(quota=1)
    lower_tkp = eligible(formasi, twk=100, tiu=100, tkp=200)
    higher_tkp = eligible(formasi, twk=90, tiu=100, tkp=210)

    services.selection_rank_skd(selection=formasi.selection)

    lower_tkp.refresh_from_db()
    higher_tkp.refresh_from_db()
    assert (higher_tkp.skd_rank, lower_tkp.skd_rank) == (1, 2)


def test_skd_rank_breaks_a_full_score_tie_by_ipk_then_age():
    formasi = FormasiFactory(quota=1)
    young_high_ipk = eligible(
        formasi, twk=100, tiu=100, tkp=200, grade=Decimal("3.80"), birth_date=dt.date(2000, 1, 1)
    )
    old_low_ipk = eligible(
        formasi, twk=100, tiu=100, tkp=200, grade=Decimal("3.10"), birth_date=dt.date(1995, 1, 1)
    )
    old_same_ipk = eligible(
        formasi, twk=100, tiu=100, tkp=200, grade=Decimal("3.80"), birth_date=dt.date(1996, 1, 1)
    )

    services.selection_rank_skd(selection=formasi.selection)

    ranks = dict(Application.objects.values_list("pk", "skd_rank"))
    assert (ranks[old_same_ipk.pk], ranks[young_high_ipk.pk], ranks[old_low_ipk.pk]) == (1, 2, 3)


def test_tms_applicants_take_no_part_in_the_skd_ranking():
    formasi = FormasiFactory()
    tms = eligible(formasi, twk=150, tiu=175, tkp=225, status=Application.Status.INELIGIBLE)

    services.selection_rank_skd(selection=formasi.selection)

    tms.refresh_from_db()
    assert (tms.skd_passed, tms.to_skb) == (None, False)


def skb_ready(formasi, *, tkp, cat, interview=Decimal(80), other=Decimal(80), **kwargs):
    return eligible(
        formasi,
        twk=100,
        tiu=100,
        tkp=tkp,
        to_skb=True,
        skd_passed=True,
        skb_cat=cat,
        skb_interview=interview,
        skb_other=other,
        **kwargs,
    )


def test_applicants_inside_the_quota_pass_and_the_rest_do_not():
    formasi = FormasiFactory(quota=2)
    best = skb_ready(formasi, tkp=200, cat=Decimal(90))
    second = skb_ready(formasi, tkp=200, cat=Decimal(85))
    third = skb_ready(formasi, tkp=200, cat=Decimal(84))

    services.selection_rank_final(selection=formasi.selection)

    results = dict(Application.objects.values_list("pk", "result"))
    assert [results[a.pk] for a in (best, second, third)] == ["lulus", "lulus", "tidak_lulus"]


def test_final_score_stored_is_skd_40_plus_skb_60():
    formasi = FormasiFactory(quota=1)
    app = skb_ready(formasi, tkp=220, cat=Decimal(80))  # SKD 420

    services.selection_rank_final(selection=formasi.selection)

    app.refresh_from_db()
    # 420/550*40 = 30.545454… ; SKB 80 -> 48
    assert (app.skb_score, app.final_score) == (Decimal("80.000"), Decimal("78.545"))


def test_equal_final_scores_are_broken_by_skd_total():
    formasi = FormasiFactory(quota=1)
    # SKD 330 (part 24) + SKB 80 (part 48) ties SKD 440 (part 32) + SKB 66.667 (part 40).
    low_skd = eligible(
        formasi,
        twk=100,
        tiu=100,
        tkp=130,
        to_skb=True,
        skd_passed=True,
        skb_cat=Decimal(80),
        skb_interview=Decimal(80),
        skb_other=Decimal(80),
    )
    high_skd = eligible(
        formasi,
        twk=120,
        tiu=120,
        tkp=200,
        to_skb=True,
        skd_passed=True,
        skb_cat=Decimal("66.67"),
        skb_interview=Decimal("66.66"),
        skb_other=Decimal("66.67"),
    )

    services.selection_rank_final(selection=formasi.selection)

    low_skd.refresh_from_db()
    high_skd.refresh_from_db()
    assert low_skd.final_score == high_skd.final_score == Decimal("72.000")
    assert (high_skd.final_rank, low_skd.final_rank) == (1, 2)


def test_an_skb_participant_missing_a_weighted_score_does_not_pass():
    formasi = FormasiFactory(quota=2)
    absent = skb_ready(formasi, tkp=200, cat=None)

    services.selection_rank_final(selection=formasi.selection)

    absent.refresh_from_db()
    assert (absent.final_rank, absent.result) == (None, "tidak_lulus")


def test_ranking_runs_across_formasi_independently():
    first = FormasiFactory(quota=1)
    second = FormasiFactory(quota=1, selection=first.selection)
    a = skb_ready(first, tkp=200, cat=Decimal(60))
    b = skb_ready(second, tkp=200, cat=Decimal(50))

    services.selection_rank_final(selection=first.selection)

    assert dict(Application.objects.values_list("pk", "final_rank")) == {a.pk: 1, b.pk: 1}
