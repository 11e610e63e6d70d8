"""Filing windows of keberatan and banding: placeholder policy, 14 calendar days after delivery."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from asn_portal.accounts import roles
from rewards import services
from rewards.models import Objection, RemedyPolicy, SanctionKind
from rewards.selectors import filing_deadline, remedy_policy_on
from tests import factories
from tests.rewards.factories import SanctionFactory

pytestmark = pytest.mark.django_db

DELIVERED = dt.date(2026, 8, 3)  # the factory's delivery day


def _file(sanction, kind, day):
    return services.objection_file(sanction=sanction, kind=kind, filed_on=day, grounds="x")


def test_the_migration_seeds_14_days_for_both_windows():
    policy = remedy_policy_on(DELIVERED)
    assert (policy.objection_days, policy.appeal_days) == (14, 14)


def test_an_objection_on_the_14th_day_after_delivery_is_accepted():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    objection = _file(sanction, Objection.Kind.OBJECTION, dt.date(2026, 8, 17))
    assert objection.pk is not None


def test_an_objection_on_the_15th_day_after_delivery_is_refused_with_the_deadline():
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    with pytest.raises(ValidationError, match="17-08-2026"):
        _file(sanction, Objection.Kind.OBJECTION, dt.date(2026, 8, 18))
    assert not Objection.objects.exists()


def test_an_appeal_on_the_14th_day_after_delivery_is_accepted():
    sanction = SanctionFactory(kind=SanctionKind.DISMISSAL)
    assert _file(sanction, Objection.Kind.APPEAL, dt.date(2026, 8, 17)).pk is not None


def test_an_appeal_on_the_15th_day_after_delivery_is_refused():
    sanction = SanctionFactory(kind=SanctionKind.DISMISSAL)
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="filing window has closed"),
    ):
        _file(sanction, Objection.Kind.APPEAL, dt.date(2026, 8, 18))


def test_bkd_can_set_another_window_from_a_date():
    RemedyPolicy.objects.create(effective_from=dt.date(2026, 8, 1), objection_days=30)
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    assert filing_deadline(sanction, Objection.Kind.OBJECTION) == dt.date(2026, 9, 2)
    assert _file(sanction, Objection.Kind.OBJECTION, dt.date(2026, 9, 2)).pk is not None


def test_the_window_in_force_on_the_delivery_day_applies():
    RemedyPolicy.objects.create(effective_from=dt.date(2026, 8, 4), objection_days=30)
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    assert filing_deadline(sanction, Objection.Kind.OBJECTION) == dt.date(2026, 8, 17)


def test_an_undelivered_decision_has_no_deadline_yet():
    sanction = SanctionFactory(delivered_on=None)
    assert filing_deadline(sanction, Objection.Kind.OBJECTION) is None


def test_without_a_recorded_policy_the_defaults_apply():
    RemedyPolicy.objects.all().delete()
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    assert filing_deadline(sanction, Objection.Kind.OBJECTION) == dt.date(2026, 8, 17)


def test_the_admin_shows_a_late_objection_as_an_error_and_saves_nothing(client):
    sanction = SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    client.force_login(factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER))
    with translation.override("en"):
        response = client.post(
            reverse("admin:rewards_objection_add"),
            {
                "sanction": sanction.pk,
                "kind": "objection",
                "filed_on": "2026-08-18",
                "grounds": "x",
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    assert "filing window has closed" in str(response.context["adminform"].form.non_field_errors())
    assert not Objection.objects.exists()
