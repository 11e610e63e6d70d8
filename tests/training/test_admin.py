"""The training officer's admin: pages render, actions call the services, others are refused."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from asn_portal.accounts import roles
from tests import factories
from tests.training.conftest import JAKARTA
from tests.training.factories import (
    EnrolmentFactory,
    ExternalTrainingFactory,
    JpCreditFactory,
    TrainingSessionFactory,
)
from training.models import Attendance, Certificate, Enrolment, ExternalTraining

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_window")]
S = Enrolment.Status
MODELS = ["program", "trainingsession", "enrolment", "certificate", "externaltraining", "jpcredit"]


@pytest.fixture
def admin_client(client, officer):
    client.force_login(officer)
    return client


def _action(client, model, action, objects, **extra):
    """Run an admin action as the officer does: choose it, then confirm on the next page."""
    return client.post(
        reverse(f"admin:training_{model}_changelist"),
        {
            "action": action,
            "_selected_action": [o.pk for o in objects],
            "confirmed": "yes",
            **extra,
        },
        follow=True,
    )


@pytest.mark.parametrize("model", MODELS)
def test_training_officer_opens_every_list(admin_client, model):
    EnrolmentFactory()

    assert admin_client.get(reverse(f"admin:training_{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_an_opd_operator_cannot_open_the_training_admin(client, unit_tree, model):
    client.force_login(factories.UserFactory(unit=unit_tree["A"], role=roles.OPD_OPERATOR))

    assert client.get(reverse(f"admin:training_{model}_changelist")).status_code == 403


def test_enrolment_list_runs_a_bounded_number_of_queries(
    admin_client, django_assert_max_num_queries
):
    for _i in range(30):
        EnrolmentFactory()

    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse("admin:training_enrolment_changelist")).status_code == 200


def test_session_add_form_refuses_an_end_before_the_start(admin_client, session):
    response = admin_client.post(
        reverse("admin:training_trainingsession_add"),
        {
            "program": session.program_id,
            "name": "Angkatan Salah",
            "start_date": "2026-03-10",
            "end_date": "2026-03-09",
            "capacity": "10",
            "enrolment_opens": "2026-02-01",
            "enrolment_closes": "2026-02-20",
            "quotas-TOTAL_FORMS": "0",
            "quotas-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors


def test_confirm_action_confirms_approved_requests_and_reports_the_others(admin_client):
    approved = EnrolmentFactory(supervisor_approved_at=dt.datetime(2026, 2, 9, tzinfo=JAKARTA))
    pending = EnrolmentFactory()

    response = _action(admin_client, "enrolment", "confirm", [approved, pending])

    approved.refresh_from_db()
    pending.refresh_from_db()
    assert (approved.status, pending.status) == (S.CONFIRMED, S.REQUESTED)
    assert "has not approved this request yet" in response.content.decode()


def test_reject_action_uses_the_reason_given(admin_client):
    enrolment = EnrolmentFactory()

    _action(admin_client, "enrolment", "reject", [enrolment], reason="Tidak sesuai kebutuhan")

    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.decision_note) == (S.REJECTED, "Tidak sesuai kebutuhan")


def test_allocate_action_ranks_the_requests(admin_client):
    session = TrainingSessionFactory(capacity=1)
    trained = factories.EmployeeFactory()
    JpCreditFactory(employee=trained, year=2026, jp=10)
    a = EnrolmentFactory(session=session, employee=trained)
    b = EnrolmentFactory(session=session, status=S.WAITLISTED)

    _action(admin_client, "trainingsession", "allocate_seats", [session])

    a.refresh_from_db()
    b.refresh_from_db()
    assert (b.allocation_rank, b.status, a.status) == (1, S.REQUESTED, S.WAITLISTED)


def test_attendance_grid_saves_ticked_days(admin_client):
    enrolment = EnrolmentFactory(status=S.CONFIRMED)
    url = reverse("admin:training_trainingsession_attendance", args=[enrolment.session_id])
    assert enrolment.employee.name in admin_client.get(url).content.decode()

    admin_client.post(url, {f"p-{enrolment.pk}-20260302": "on", f"p-{enrolment.pk}-20260303": "on"})

    marks = dict(Attendance.objects.filter(enrolment=enrolment).values_list("date", "present"))
    assert sum(marks.values()) == 2
    assert len(marks) == 5


def test_record_results_action_completes_and_issues_certificates(admin_client, officer):
    enrolment = EnrolmentFactory(status=S.CONFIRMED)
    for day in range(2, 7):
        Attendance.objects.create(enrolment=enrolment, date=dt.date(2026, 3, day))

    with time_machine.travel(dt.datetime(2026, 3, 9, 9, 0, tzinfo=JAKARTA)):
        admin_client.force_login(officer)
        _action(admin_client, "trainingsession", "record_results", [enrolment.session])

    enrolment.refresh_from_db()
    assert enrolment.status == S.COMPLETED
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_revoke_action_without_a_reason_is_refused(admin_client):
    certificate = Certificate.objects.create(enrolment=EnrolmentFactory(status=S.COMPLETED))

    response = _action(admin_client, "certificate", "revoke", [certificate], reason="")

    certificate.refresh_from_db()
    assert not certificate.is_revoked
    assert "reason for revoking" in response.content.decode()


def test_validate_action_credits_outside_training(admin_client):
    record = ExternalTrainingFactory()

    _action(admin_client, "externaltraining", "validate", [record])

    record.refresh_from_db()
    assert record.status == ExternalTraining.Status.VALIDATED
    assert record.jp_credit.jp == 16


def test_session_list_links_to_the_jp_reports(admin_client):
    page = admin_client.get(reverse("admin:training_trainingsession_changelist")).content.decode()

    assert reverse("training:report_below") in page
    assert reverse("training:report_equity") in page


def test_the_external_training_change_page_links_the_evidence_without_its_storage_path(
    admin_client,
):
    record = ExternalTrainingFactory()

    response = admin_client.get(reverse("admin:training_externaltraining_change", args=[record.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert record.get_download_url() in html
    assert record.evidence.name not in html
    assert "training/evidence" not in html
    assert 'type="file"' not in html


def test_an_opd_operator_cannot_open_the_external_training_change_page(client, unit_tree):
    record = ExternalTrainingFactory()
    client.force_login(factories.UserFactory(unit=unit_tree["A"], role=roles.OPD_OPERATOR))

    response = client.get(reverse("admin:training_externaltraining_change", args=[record.pk]))

    assert response.status_code in (302, 403, 404)
