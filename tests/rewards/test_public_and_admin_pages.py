"""The public awardee list, and the officers' admin pages rendering."""

import datetime as dt

import pytest
from django.urls import reverse

from asn_portal.accounts import roles
from rewards.models import Nomination, SanctionKind
from tests import factories
from tests.rewards.factories import (
    NominationFactory,
    ObjectionFactory,
    SanctionFactory,
    award_type,
)

pytestmark = pytest.mark.django_db


def _award(year=2026, **kwargs):
    return NominationFactory(
        year=year,
        status=Nomination.Status.APPROVED,
        sk_number=f"862/{year}",
        sk_date=dt.date(year, 8, 13),
        **kwargs,
    )


def test_public_list_shows_name_unit_and_award_only(client):
    award = _award(employee=factories.EmployeeFactory(name="Siti Aminah"))
    page = client.get(reverse("rewards:awardees_year", args=[2026])).content.decode()
    assert "Siti Aminah" in page
    assert award.employee.unit.name in page
    assert award.award_type.name in page
    assert award.employee.nip not in page
    assert award.sk_number not in page


def test_public_list_leaves_out_pending_and_rejected_nominations(client):
    pending = NominationFactory(employee=factories.EmployeeFactory(name="Budi Pending"))
    NominationFactory(
        employee=factories.EmployeeFactory(name="Rina Ditolak"),
        status=Nomination.Status.REJECTED,
        rejection_reason="Belum memenuhi syarat",
    )
    page = client.get(reverse("rewards:awardees_year", args=[pending.year])).content.decode()
    assert "Budi Pending" not in page
    assert "Rina Ditolak" not in page


def test_public_list_is_per_year(client):
    _award(year=2025, employee=factories.EmployeeFactory(name="Tahun Lalu"))
    page = client.get(reverse("rewards:awardees_year", args=[2026])).content.decode()
    assert "Tahun Lalu" not in page


def test_public_list_of_a_far_future_year_is_not_found(client):
    assert client.get(reverse("rewards:awardees_year", args=[2999])).status_code == 404


@pytest.fixture
def officer_client(client):
    client.force_login(factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER))
    return client


@pytest.mark.parametrize(
    "model", ["disciplinarycase", "sanction", "objection", "nomination", "awardtype"]
)
def test_officer_opens_every_list_and_add_page(officer_client, model):
    ObjectionFactory()
    _award()
    assert officer_client.get(reverse(f"admin:rewards_{model}_changelist")).status_code == 200
    assert officer_client.get(reverse(f"admin:rewards_{model}_add")).status_code == 200


def test_officer_opens_the_change_pages(officer_client):
    objection = ObjectionFactory(sanction__kind=SanctionKind.TPP_CUT_9)
    sanction = objection.sanction
    pages = [
        reverse("admin:rewards_disciplinarycase_change", args=[sanction.case.pk]),
        reverse("admin:rewards_sanction_change", args=[sanction.pk]),
        reverse("admin:rewards_objection_change", args=[objection.pk]),
        reverse("admin:rewards_nomination_change", args=[_award().pk]),
        reverse("admin:rewards_nomination_change", args=[NominationFactory().pk]),
    ]
    for url in pages:
        assert officer_client.get(url).status_code == 200, url


def test_nomination_page_shows_the_eligibility_reason(officer_client):
    employee = factories.EmployeeFactory(tmt_cpns=dt.date(2020, 1, 2), tmt_pns=dt.date(2021, 1, 2))
    nomination = NominationFactory(employee=employee, award_type=award_type("slks-x"))
    page = officer_client.get(
        reverse("admin:rewards_nomination_change", args=[nomination.pk])
    ).content.decode()
    assert "10" in page and "TMT CPNS" in page


def test_officer_rejects_a_nomination_with_its_reason_in_the_admin(officer_client):
    nomination = NominationFactory()
    response = officer_client.post(
        reverse("admin:rewards_nomination_change", args=[nomination.pk]),
        {
            "decision": "reject",
            "rejection_reason": "Bukti prestasi belum lengkap",
            "sk_number": "",
            "sk_date": "",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.REJECTED
    assert nomination.rejection_reason == "Bukti prestasi belum lengkap"


def test_officer_grants_an_objection_in_the_admin_and_the_cut_is_gone(officer_client):
    from rewards.selectors import tpp_cut_for

    objection = ObjectionFactory(sanction__kind=SanctionKind.TPP_CUT_6)
    response = officer_client.post(
        reverse("admin:rewards_objection_change", args=[objection.pk]),
        {
            "outcome": "granted",
            "decided_on": "2026-09-14",
            "decision_number": "800/KEB/2026",
            "notes": "",
        },
    )
    assert response.status_code == 302
    assert not tpp_cut_for(objection.sanction.case.employee, 2026, 10)


def test_officer_records_the_delivery_in_the_admin_and_the_window_is_computed(officer_client):
    sanction = SanctionFactory(delivered_on=None, effective_from=None, ends_on=None)
    response = officer_client.post(
        reverse("admin:rewards_sanction_change", args=[sanction.pk]),
        {"delivered_on": "2026-08-03"},
    )
    assert response.status_code == 302
    sanction.refresh_from_db()
    assert sanction.effective_from == dt.date(2026, 8, 26)
    assert sanction.ends_on == dt.date(2027, 2, 25)
