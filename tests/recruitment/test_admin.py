"""Admin for recruitment officers: pages load, tools call the services, publications read-only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from asn_portal.accounts import roles
from recruitment.models import Application, Formasi, Publication, RuleChange
from tests import factories as core

from .factories import ApplicationFactory, FormasiFactory, SelectionFactory, eligible
from .test_write_path import rules_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_officer(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.parametrize(
    "model", ["selection", "formasi", "application", "applicant", "objection", "publication"]
)
def test_recruitment_officers_open_every_changelist(signed_in_officer, model):
    ApplicationFactory()

    response = signed_in_officer.get(reverse(f"admin:recruitment_{model}_changelist"))

    assert response.status_code == 200


def test_the_application_changelist_runs_a_bounded_number_of_queries(
    signed_in_officer, django_assert_max_num_queries
):
    formasi = FormasiFactory()
    for _ in range(20):
        ApplicationFactory(formasi=formasi)

    with django_assert_max_num_queries(12):
        signed_in_officer.get(reverse("admin:recruitment_application_changelist"))


def test_an_opd_operator_has_no_access_to_recruitment_admin(client, unit_tree):
    client.force_login(
        core.UserFactory(username="op", unit=unit_tree["A"], role=roles.OPD_OPERATOR)
    )

    response = client.get(reverse("admin:recruitment_application_changelist"))

    assert response.status_code == 403


def test_a_publication_cannot_be_changed_in_the_admin(signed_in_officer, officer):
    from recruitment import services

    application = ApplicationFactory(status=Application.Status.ELIGIBLE)
    publication = services.publication_publish(
        selection=application.selection, kind="administrative", by=officer, notify=False
    )
    url = reverse("admin:recruitment_publication_change", args=[publication.pk])

    response = signed_in_officer.post(url, {"reason": "diubah"})

    assert response.status_code == 403
    assert Publication.objects.get(pk=publication.pk).reason == ""


def test_the_import_page_lists_row_errors_and_imports_nothing(signed_in_officer):
    application = eligible(FormasiFactory())
    data = f"NO_PESERTA,TWK,TIU,TKP\n{application.registration_number},151,80,166\n".encode()
    url = reverse("admin:recruitment_selection_import", args=[application.selection_id])

    response = signed_in_officer.post(
        url, {"kind": "skd", "file": SimpleUploadedFile("skd.csv", data, "text/csv")}
    )

    application.refresh_from_db()
    assert response.status_code == 400 and application.twk is None
    assert "TWK is above the maximum of 150" in response.content.decode()


def test_the_publish_page_publishes_a_version(signed_in_officer):
    application = ApplicationFactory(status=Application.Status.ELIGIBLE)
    url = reverse("admin:recruitment_selection_publish", args=[application.selection_id])

    response = signed_in_officer.post(url, {"kind": "administrative", "reason": ""})

    assert response.status_code == 302
    assert Publication.objects.filter(selection=application.selection).count() == 1


def test_the_rules_page_records_a_change_with_its_reason(signed_in_officer):
    selection = SelectionFactory()
    url = reverse("admin:recruitment_selection_rules", args=[selection.pk])

    response = signed_in_officer.post(
        url, rules_data(selection, reason="Revisi KepmenPANRB", grade__umum__min_tkp="170")
    )

    assert response.status_code == 302
    assert RuleChange.objects.get(selection=selection).new_value == "170"


def test_the_rules_page_refuses_a_bad_value_with_400(signed_in_officer):
    selection = SelectionFactory()
    url = reverse("admin:recruitment_selection_rules", args=[selection.pk])

    response = signed_in_officer.post(
        url, rules_data(selection, reason="Uji", timeline__skd__starts_on="besok")
    )

    assert response.status_code == 400 and "Enter a valid date." in response.content.decode()
    assert not RuleChange.objects.exists()


def test_published_rule_fields_are_read_only_in_the_selection_form(signed_in_officer):
    selection = SelectionFactory()

    response = signed_in_officer.get(
        reverse("admin:recruitment_selection_change", args=[selection.pk])
    )

    assert 'name="skd_weight"' not in response.content.decode()


def test_adding_a_formasi_beyond_the_approved_seats_shows_an_error(signed_in_officer):
    selection = SelectionFactory(approved_quota=1)
    unit = core.OrgUnitFactory()

    response = signed_in_officer.post(
        reverse("admin:recruitment_formasi_add"),
        {
            "selection": selection.pk,
            "code": "X1",
            "position_name": "Analis",
            "unit": unit.pk,
            "education_level": "S1",
            "quota": 2,
            "category": "umum",
            "skb_cat_weight": 50,
            "skb_interview_weight": 30,
            "skb_other_weight": 20,
        },
    )

    assert response.status_code == 200 and not Formasi.objects.filter(code="X1").exists()
    assert "more than the 1 approved for this selection" in response.content.decode()


def test_a_formasi_of_an_announced_selection_is_read_only(signed_in_officer):
    formasi = FormasiFactory()

    response = signed_in_officer.get(reverse("admin:recruitment_formasi_change", args=[formasi.pk]))

    assert 'name="quota"' not in response.content.decode()


def test_an_officer_answers_an_objection_in_the_admin(signed_in_officer):
    import datetime as dt

    from recruitment.models import Objection

    application = ApplicationFactory(status=Application.Status.INELIGIBLE)
    objection = Objection.objects.create(
        application=application, text="Mohon ditinjau", answer_due=dt.date(2026, 4, 4)
    )
    url = reverse("admin:recruitment_objection_change", args=[objection.pk])

    response = signed_in_officer.post(url, {"accept": "1", "answer": "Dokumen sah."})

    application.refresh_from_db()
    assert response.status_code == 302 and application.status == Application.Status.ELIGIBLE
