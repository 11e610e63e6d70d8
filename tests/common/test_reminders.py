"""The shared reminder mechanism: working days only, once per recipient/kind/item/day, bulk."""

import datetime as dt

import pytest
from django.core import mail

from asn_portal.common.models import Notification
from asn_portal.common.reminders import Reminder, reminders_send
from tests import factories

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 23)
SATURDAY = dt.date(2026, 11, 28)
CHRISTMAS = dt.date(2026, 12, 25)  # a Friday and a national holiday


def _reminder(user, item="skp:1"):
    return Reminder(recipient_id=user.pk, kind="test.due", item=item, title="Tenggat SKP")


def test_reminder_is_created_and_emailed_on_a_working_day(django_capture_on_commit_callbacks):
    user = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders_send(reminders=[_reminder(user)], on_date=MONDAY)
    assert sent == 1
    assert Notification.objects.get().recipient == user
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_running_the_same_days_reminders_twice_sends_nothing_twice(
    django_capture_on_commit_callbacks,
):
    user = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(reminders=[_reminder(user)], on_date=MONDAY)
        second = reminders_send(reminders=[_reminder(user)], on_date=MONDAY)
    assert second == 0
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_next_working_day_sends_again():
    user = factories.UserFactory()
    reminders_send(reminders=[_reminder(user)], on_date=MONDAY)
    assert reminders_send(reminders=[_reminder(user)], on_date=MONDAY + dt.timedelta(days=1)) == 1


@pytest.mark.parametrize("day", [SATURDAY, CHRISTMAS])
def test_no_reminders_on_weekends_and_holidays(day):
    user = factories.UserFactory()
    assert reminders_send(reminders=[_reminder(user)], on_date=day) == 0
    assert not Notification.objects.exists()


def test_no_reminders_on_collective_leave():
    factories.CollectiveLeaveDayFactory(date=MONDAY)
    user = factories.UserFactory()
    assert reminders_send(reminders=[_reminder(user)], on_date=MONDAY) == 0


def test_many_reminders_are_inserted_with_a_bounded_number_of_queries(
    django_assert_max_num_queries,
):
    users = factories.UserFactory.create_batch(30)
    reminders = [_reminder(u, item=f"skp:{u.pk}") for u in users]
    with django_assert_max_num_queries(8):
        assert reminders_send(reminders=reminders, on_date=MONDAY) == 30
