"""Demo data is realistic and idempotent; the daily reminders go out once a day."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from asn_portal.common.models import Notification
from recruitment import selectors, services
from recruitment.demo import seed_module_demo
from recruitment.models import Application, Objection, Publication, Selection
from recruitment.tasks import recruitment_reminders_task
from tests import factories as core

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_regency(officer):
    for i in range(3):
        core.OrgUnitFactory(name=f"Dinas Demo {i}")
    return officer


def test_demo_seeds_a_finished_and_an_open_selection(demo_regency):
    seed_module_demo(seed=7, stdout=io.StringIO(), today=dt.date(2026, 11, 23))

    finished = Selection.objects.get(slug="demo-cpns")
    kinds = set(Publication.objects.filter(selection=finished).values_list("kind", flat=True))
    assert kinds == {"administrative", "skd", "final"}
    assert Application.objects.filter(selection=finished, result="lulus").exists()
    assert selectors.registration_is_open(
        Selection.objects.get(slug="demo-pppk"), on=dt.date(2026, 11, 23)
    )


def test_demo_publications_are_intact(demo_regency):
    seed_module_demo(seed=7, stdout=io.StringIO(), today=dt.date(2026, 11, 23))

    assert all(selectors.publication_is_intact(p) for p in Publication.objects.all())


def test_demo_seeding_twice_changes_nothing(demo_regency):
    seed_module_demo(seed=7, stdout=io.StringIO(), today=dt.date(2026, 11, 23))
    counts = (Application.objects.count(), Publication.objects.count())

    seed_module_demo(seed=7, stdout=io.StringIO(), today=dt.date(2026, 11, 23))

    assert (Application.objects.count(), Publication.objects.count()) == counts


def test_demo_prints_the_demo_applicants_nik(demo_regency):
    out = io.StringIO()

    seed_module_demo(seed=7, stdout=out, today=dt.date(2026, 11, 23))

    assert "demo applicant NIK" in out.getvalue()


def pending_objection(answer_due):
    application = ApplicationFactory(status=Application.Status.INELIGIBLE)
    return Objection.objects.create(application=application, text="X", answer_due=answer_due)


def test_officers_are_reminded_of_objections_due_within_two_days(officer):
    objection = pending_objection(dt.date(2026, 4, 3))

    sent = services.recruitment_reminders_send(on_date=dt.date(2026, 4, 1))

    assert sent == 1
    assert Notification.objects.get(recipient=officer).dedup_key.startswith(
        f"reminder:recruitment.objection_due:objection:{objection.pk}:"
    )


def test_objections_due_later_are_not_reminded_yet(officer):
    pending_objection(dt.date(2026, 4, 10))

    assert services.recruitment_reminders_send(on_date=dt.date(2026, 4, 1)) == 0


def test_the_reminder_task_sends_nothing_twice_on_one_day(officer, time_machine):
    time_machine.move_to(dt.datetime(2026, 4, 1, 8, 0, tzinfo=dt.UTC), tick=False)
    pending_objection(dt.date(2026, 4, 2))

    assert (recruitment_reminders_task(), recruitment_reminders_task()) == (1, 0)


def test_applicants_with_a_draft_are_reminded_before_registration_closes():
    draft = ApplicationFactory(status=Application.Status.DRAFT)

    sent = services.recruitment_reminders_send(on_date=dt.date(2026, 3, 18))  # closes 20-03

    assert sent == 1
    assert Notification.objects.filter(recipient=draft.applicant.user).exists()
