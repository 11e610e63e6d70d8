"""Setting up a selection: default rules, formasi within approved seats, public rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from recruitment import services
from recruitment.models import Formasi, PassingGrade, RuleChange, Selection
from tests import factories as core

from .factories import TIMELINE, FormasiFactory, SelectionFactory

pytestmark = pytest.mark.django_db


def new_selection(**kwargs):
    return services.selection_create(
        name="Seleksi CPNS 2026",
        slug="cpns-2026",
        kind="CPNS",
        approved_quota=kwargs.pop("approved_quota", 10),
        age_reference_date=dt.date(2026, 3, 20),
        timeline=TIMELINE,
        **kwargs,
    )


def test_a_new_selection_gets_the_kepmenpanrb_321_2024_passing_grades():
    selection = new_selection()

    grades = {
        g.category: (g.min_twk, g.min_tiu, g.min_tkp, g.min_total)
        for g in PassingGrade.objects.filter(selection=selection)
    }
    assert grades == {
        "umum": (65, 80, 166, None),
        "putra_daerah": (65, 80, 166, None),
        "cumlaude": (None, 85, None, 311),
        "disabilitas": (None, 60, None, 286),
    }


def test_a_new_selection_weights_skd_40_and_skb_60_with_3_times_quota():
    selection = new_selection()

    assert (selection.skd_weight, selection.skb_weight, selection.skb_multiplier) == (40, 60, 3)


def test_weights_that_do_not_add_up_to_100_are_refused_by_the_database():
    with pytest.raises(IntegrityError):
        new_selection(skd_weight=50, skb_weight=60)


def formasi(selection, quota, code="A1"):
    return Formasi(
        selection=selection,
        code=code,
        position_name="Analis",
        unit=core.OrgUnitFactory(),
        education_level="S1",
        quota=quota,
    )


def test_formasi_quotas_up_to_the_approved_seats_are_accepted():
    selection = new_selection(approved_quota=10)
    services.formasi_save(formasi=formasi(selection, 6, "A1"))

    assert services.formasi_save(formasi=formasi(selection, 4, "A2")).pk


def test_formasi_quotas_above_the_approved_seats_are_refused():
    selection = new_selection(approved_quota=10)
    services.formasi_save(formasi=formasi(selection, 6, "A1"))

    with pytest.raises(ValidationError, match="more than the 10 approved"):
        services.formasi_save(formasi=formasi(selection, 5, "A2"))


def test_raising_an_existing_quota_counts_only_the_other_formasi():
    selection = new_selection(approved_quota=10)
    first = services.formasi_save(formasi=formasi(selection, 6, "A1"))
    first.quota = 10

    assert services.formasi_save(formasi=first).quota == 10


def test_skb_weights_above_the_caps_are_refused():
    selection = new_selection()
    item = formasi(selection, 1)
    item.skb_interview_weight = 31

    with pytest.raises(ValidationError, match="at most 30%"):
        services.formasi_save(formasi=item)


def test_a_zero_quota_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        FormasiFactory(quota=0)


def test_rules_are_published_before_registration_opens(officer, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC), tick=False)
    selection = new_selection()
    services.formasi_save(formasi=formasi(selection, 1))

    services.selection_publish_rules(selection=selection, by=officer)

    selection.refresh_from_db()
    assert selection.status == Selection.Status.ANNOUNCED and selection.rules_published_at


def test_rules_cannot_first_be_published_once_registration_has_opened(officer, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 6, 9, 0, tzinfo=dt.UTC), tick=False)
    selection = new_selection()
    services.formasi_save(formasi=formasi(selection, 1))

    with pytest.raises(ValidationError, match="before registration opens"):
        services.selection_publish_rules(selection=selection, by=officer)


def test_rules_without_formasi_cannot_be_published(officer, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False)

    with pytest.raises(ValidationError, match="formasi"):
        services.selection_publish_rules(selection=new_selection(), by=officer)


def test_a_published_rule_cannot_change_without_a_reason(officer):
    selection = SelectionFactory()

    with pytest.raises(ValidationError, match="give the reason"):
        services.selection_change_rules(
            selection=selection, changes={"grade:umum:min_tkp": 170}, reason="", by=officer
        )


def test_a_published_rule_change_is_recorded_with_its_reason(officer):
    selection = SelectionFactory()

    services.selection_change_rules(
        selection=selection,
        changes={"grade:umum:min_tkp": 170, "timeline:skd:starts_on": dt.date(2026, 4, 12)},
        reason="Keputusan MenPANRB terbaru",
        by=officer,
    )

    changes = RuleChange.objects.filter(selection=selection, reason="Keputusan MenPANRB terbaru")
    assert set(changes.values_list("old_value", "new_value")) == {
        ("10-04-2026", "12-04-2026"),
        ("166", "170"),
    }
    assert PassingGrade.objects.get(selection=selection, category="umum").min_tkp == 170


def test_an_unpublished_selection_changes_without_a_record(officer):
    selection = SelectionFactory(rules_published_at=None, status=Selection.Status.DRAFT)

    services.selection_change_rules(
        selection=selection, changes={"skb_multiplier": 2}, reason="", by=officer
    )

    assert not RuleChange.objects.exists()


def test_a_weight_change_must_keep_the_sum_at_100(officer):
    selection = SelectionFactory()

    with pytest.raises(ValidationError, match="add up to 100"):
        services.selection_change_rules(
            selection=selection, changes={"skd_weight": 50}, reason="Uji", by=officer
        )


def test_a_slug_taken_by_a_page_is_refused():
    selection = SelectionFactory.build(slug="dasbor")

    with pytest.raises(ValidationError, match="used by a page"):
        selection.clean()
