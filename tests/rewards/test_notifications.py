"""The people concerned are told of decisions, once each."""

import datetime as dt

import pytest

from asn_portal.common.models import Notification
from rewards import services
from rewards.models import Objection
from tests import factories
from tests.rewards.factories import NominationFactory, ObjectionFactory, SanctionFactory

pytestmark = pytest.mark.django_db


def test_employee_is_told_when_a_decision_is_delivered(employee_user):
    sanction = SanctionFactory(
        case__employee=employee_user.employee, delivered_on=None, effective_from=None, ends_on=None
    )
    services.sanction_record_delivery(sanction=sanction, delivered_on=dt.date(2026, 8, 3))
    services.sanction_record_delivery(sanction=sanction, delivered_on=dt.date(2026, 8, 3))
    notification = Notification.objects.get(recipient=employee_user)
    assert sanction.decree_number in notification.title


def test_employee_is_told_the_outcome_of_their_objection(employee_user):
    objection = ObjectionFactory(sanction__case__employee=employee_user.employee)
    services.objection_decide(
        decision_number="800/KEB/BKPSDM/2026",
        objection=objection,
        outcome=Objection.Outcome.GRANTED,
        decided_on=dt.date(2026, 9, 1),
    )
    assert Notification.objects.filter(recipient=employee_user).count() == 1


def test_nominator_is_told_of_a_rejection(employee_user):
    nominator = factories.UserFactory(username="operator")
    nomination = NominationFactory(nominated_by=nominator)
    services.nomination_reject(nomination=nomination, reason="Belum memenuhi syarat")
    assert Notification.objects.filter(recipient=nominator).exists()


def test_employee_is_told_of_an_award(employee_user):
    nomination = NominationFactory(employee=employee_user.employee)
    services.nomination_start_review(nomination=nomination)
    services.nomination_approve(
        nomination=nomination, sk_number="1/2026", sk_date=dt.date(2026, 8, 13)
    )
    assert Notification.objects.filter(recipient=employee_user).exists()


def test_an_employee_without_a_portal_account_is_not_notified():
    sanction = SanctionFactory(delivered_on=None, effective_from=None, ends_on=None)
    services.sanction_record_delivery(sanction=sanction, delivered_on=dt.date(2026, 8, 3))
    assert not Notification.objects.exists()
