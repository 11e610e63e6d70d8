"""The reporter-identity cell of the access matrix: a conduct or whistle-blowing report's contact
stays with BKD's intake officers unless the reporter chose to share it with the OPD."""

import uuid

import pytest
from django.urls import reverse

from asn_portal.accounts import roles
from complaints import forms, permissions, services
from complaints.models import Classification, Complaint, Privacy
from tests import factories as core

from .factories import CategoryFactory
from .helpers import submit

pytestmark = pytest.mark.django_db
SUBMIT = "/pengaduan/"
LIST = "/admin/complaints/complaint/"


def handle_url(complaint):
    return reverse("admin:complaints_complaint_handle", args=[complaint.pk])


def disposed(officer, opd, **overrides) -> Complaint:
    complaint = submit(**overrides).complaint
    services.complaint_verify(complaint=complaint, by=officer)
    services.complaint_dispose(complaint=complaint, by=officer, unit=opd)
    complaint.refresh_from_db()
    return complaint


def page_of(client, user, complaint) -> str:
    client.force_login(user)
    response = client.get(handle_url(complaint))
    assert response.status_code == 200
    return response.content.decode()


def test_operator_does_not_see_the_contact_of_an_open_report_about_an_asns_conduct(
    client, officer, opd, operator
):
    complaint = disposed(officer, opd, asn_named="Pak Camat Budi")

    page = page_of(client, operator, complaint)

    assert "Andi Wijaya" not in page and "andi@example.com" not in page
    assert "081234567890" not in page
    assert not permissions.can_see_identity(operator, complaint)


def test_operator_does_not_see_the_contact_of_an_open_whistle_blowing_report(
    client, officer, opd, operator
):
    complaint = disposed(officer, opd, classification=Classification.WHISTLEBLOWING)

    page = page_of(client, operator, complaint)

    assert "andi@example.com" not in page


def test_operator_sees_the_contact_when_the_reporter_chose_to_share_it(
    client, officer, opd, operator
):
    complaint = disposed(officer, opd, asn_named="Pak Camat Budi", contact_shared_with_opd=True)

    page = page_of(client, operator, complaint)

    assert "Andi Wijaya" in page and "andi@example.com" in page and "081234567890" in page


def test_operator_still_sees_the_contact_of_an_open_report_about_a_service(
    client, officer, opd, operator
):
    complaint = disposed(officer, opd)

    assert "andi@example.com" in page_of(client, operator, complaint)


def test_intake_officer_sees_the_contact_of_a_conduct_report_without_sharing(client, officer, opd):
    complaint = disposed(officer, opd, asn_named="Pak Camat Budi")

    assert "andi@example.com" in page_of(client, officer, complaint)


def test_operator_cannot_reveal_a_conduct_reporters_contact(client, officer, opd, operator):
    complaint = disposed(officer, opd, asn_named="Pak Camat Budi")
    client.force_login(operator)

    response = client.post(handle_url(complaint), {"action": "reveal"})

    assert response.status_code == 403


def test_operator_export_masks_a_conduct_reporter_who_did_not_share(client, officer, opd, operator):
    hidden = disposed(officer, opd, asn_named="Pak Camat Budi", reporter_name="Tersembunyi")
    shared = disposed(
        officer, opd, asn_named="Bu Lurah", reporter_name="Dibagikan", contact_shared_with_opd=True
    )
    client.force_login(operator)

    response = client.post(
        LIST, {"action": "export_csv", "_selected_action": [hidden.pk, shared.pk]}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tersembunyi" not in body and "Dibagikan" in body


@pytest.mark.parametrize(
    "role",
    [roles.PAYROLL_OFFICER, roles.APPRAISAL_OFFICER, roles.TRAINING_OFFICER, roles.REWARDS_OFFICER],
)
def test_officers_of_other_modules_see_no_reporter(client, officer, opd, role):
    complaint = disposed(officer, opd)
    user = core.UserFactory(role=role)
    client.force_login(user)

    response = client.get(handle_url(complaint))

    assert response.status_code in (302, 403, 404)
    assert "andi@example.com" not in response.content.decode()
    assert not permissions.can_see_identity(user, complaint)


def test_the_public_form_offers_sharing_with_the_opd_unticked_by_default(client):
    response = client.get(SUBMIT)

    field = response.context["form"]["contact_shared_with_opd"]
    assert response.status_code == 200
    assert 'name="contact_shared_with_opd"' in response.content.decode()
    assert not field.value()


def _form_data(**overrides):
    data = {
        "classification": "complaint",
        "category": CategoryFactory().pk,
        "reported_unit": "",
        "subject": "Camat meminta uang",
        "description": "Camat meminta uang untuk tanda tangan surat keterangan.",
        "asn_named": "Pak Camat Budi",
        "privacy": "public",
        "reporter_name": "Rina",
        "reporter_email": "rina@example.com",
        "reporter_phone": "",
        "consent": "on",
        "website": "",
        "issued": forms.issue_stamp(),
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_a_report_sent_without_ticking_keeps_the_contact_with_bkd(client):
    client.post(SUBMIT, _form_data())

    assert Complaint.objects.get().contact_shared_with_opd is False


def test_a_report_sent_with_the_box_ticked_shares_the_contact(client):
    client.post(SUBMIT, _form_data(contact_shared_with_opd="on"))

    assert Complaint.objects.get().contact_shared_with_opd is True


def test_sharing_is_not_recorded_for_a_confidential_report(client):
    client.post(SUBMIT, _form_data(privacy="confidential", contact_shared_with_opd="on"))

    complaint = Complaint.objects.get()
    assert complaint.privacy == Privacy.CONFIDENTIAL
    assert complaint.contact_shared_with_opd is False
