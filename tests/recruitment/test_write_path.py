"""Recruitment on the one write path: the workflow tables, their audit trail, and the stage dates
as one source of truth for the public, the applicant and the officer."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from asn_portal.common import workflow
from asn_portal.common.workflow import TransitionNotAllowed
from recruitment import services
from recruitment.forms import RuleChangeForm
from recruitment.models import Application, Objection, Publication, RuleChange, Selection, Stage

from .factories import TIMELINE, ApplicationFactory, FormasiFactory, SelectionFactory

pytestmark = pytest.mark.django_db

WIB = dt.timezone(dt.timedelta(hours=7))
ALL_MS = {r: ("ms", "") for r in ("identity", "education", "grade", "age", "documents")}


def _pairs(model):
    """Every (from, to) pair of the status field that the model's table does not allow."""
    statuses = [value for value, _label in model._meta.get_field("status").choices]
    table = model.workflow
    return [
        (a, b)
        for a, b in itertools.product(statuses, statuses)
        if a != b and table.move(a, b) is None
    ]


# --- the tables refuse every move they do not list ---------------------------------------


@pytest.mark.parametrize(("source", "target"), _pairs(Application))
def test_an_application_move_outside_the_table_is_refused_with_a_message(source, target):
    application = ApplicationFactory(status=source)

    with pytest.raises(TransitionNotAllowed, match="cannot change"):
        workflow.transition(application, target, by=None)

    application.refresh_from_db()
    assert application.status == source
    assert not workflow.status_history(application).exists()


@pytest.mark.parametrize(("source", "target"), _pairs(Objection))
def test_an_objection_move_outside_the_table_is_refused_with_a_message(source, target):
    objection = Objection.objects.create(
        application=ApplicationFactory(status=Application.Status.INELIGIBLE),
        text="Mohon ditinjau.",
        answer_due=dt.date(2026, 4, 4),
        status=source,
        answer="" if source == Objection.Status.PENDING else "Sudah dijawab.",
    )

    with pytest.raises(TransitionNotAllowed, match="cannot change"):
        workflow.transition(objection, target, by=None)


@pytest.mark.parametrize(("source", "target"), _pairs(Selection))
def test_a_selection_move_outside_the_table_is_refused_with_a_message(source, target):
    selection = SelectionFactory(status=source)

    with pytest.raises(TransitionNotAllowed, match="cannot change"):
        workflow.transition(selection, target, by=None)


# --- every legal move is recorded with the acting user ------------------------------------


def _recorded(obj, actor, source, target):
    event = workflow.status_history(obj).get(from_status=source, to_status=target)
    entry = LogEntry.objects.get_for_object(obj).filter(actor=actor).order_by("-pk").first()
    return event.by == actor and entry is not None and entry.changes["status"] == [source, target]


@pytest.mark.parametrize("verdict", ["ms", "tms"])
def test_verification_is_in_the_audit_trail_with_the_verifier(officer, verdict):
    application = ApplicationFactory(verifier=officer)
    verdicts = {**ALL_MS, "documents": (verdict, "" if verdict == "ms" else "Ijazah buram.")}

    services.verification_decide(application=application, by=officer, verdicts=verdicts)

    assert _recorded(application, officer, "submitted", verdict)


def test_submitting_and_withdrawing_are_recorded_as_the_applicants_moves(registration_time):
    application = ApplicationFactory(status=Application.Status.DRAFT)
    user = application.applicant.user

    services.application_withdraw(application=application, by=user)

    assert _recorded(application, user, "draft", "withdrawn")


def test_answering_an_objection_is_recorded_with_the_officer(officer):
    application = ApplicationFactory(status=Application.Status.INELIGIBLE)
    objection = Objection.objects.create(
        application=application, text="Mohon ditinjau.", answer_due=dt.date(2026, 4, 4)
    )

    services.objection_answer(objection=objection, by=officer, accept=True, answer="Diterima.")

    assert _recorded(objection, officer, "pending", "accepted")
    assert _recorded(application, officer, "tms", "ms")


def test_publishing_the_rules_is_recorded_with_the_officer(officer, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=WIB), tick=False)
    selection = SelectionFactory(status=Selection.Status.DRAFT, rules_published_at=None)
    FormasiFactory(selection=selection)

    services.selection_publish_rules(selection=selection, by=officer)

    assert _recorded(selection, officer, "draft", "announced")


def test_a_user_without_the_right_cannot_answer_an_objection():
    from tests import factories as core

    objection = Objection.objects.create(
        application=ApplicationFactory(status=Application.Status.INELIGIBLE),
        text="Mohon ditinjau.",
        answer_due=dt.date(2026, 4, 4),
    )
    clerk = core.UserFactory(is_staff=True)

    with pytest.raises(ValidationError):
        services.objection_answer(objection=objection, by=clerk, accept=True, answer="Diterima.")
    objection.refresh_from_db()
    assert objection.status == Objection.Status.PENDING


# --- withdrawing: the applicant's own move, before verification -----------------------------


def test_an_applicant_withdraws_an_application_awaiting_verification(client):
    application = ApplicationFactory()
    client.force_login(application.applicant.user)

    response = client.post(reverse("recruitment:application_withdraw", args=[application.pk]))

    application.refresh_from_db()
    assert response.status_code == 302 and application.status == Application.Status.WITHDRAWN


def test_another_applicant_cannot_withdraw_someone_elses_application(client):
    application = ApplicationFactory()
    client.force_login(ApplicationFactory().applicant.user)

    response = client.post(reverse("recruitment:application_withdraw", args=[application.pk]))

    application.refresh_from_db()
    assert response.status_code == 404 and application.status == Application.Status.SUBMITTED


def test_a_verified_application_can_no_longer_be_withdrawn_nor_is_it_offered(client):
    application = ApplicationFactory(status=Application.Status.ELIGIBLE)
    client.force_login(application.applicant.user)

    page = client.get(reverse("recruitment:application", args=[application.pk]))
    client.post(reverse("recruitment:application_withdraw", args=[application.pk]))

    application.refresh_from_db()
    assert 'data-testid="withdraw"' not in page.content.decode()
    assert application.status == Application.Status.ELIGIBLE


# --- the sanggah window is the timeline's sanggah stage -----------------------------------

LATE_SANGGAH = {**TIMELINE, Stage.SANGGAH: (dt.date(2026, 3, 30), dt.date(2026, 4, 1))}
PUBLISHED_AT = dt.datetime(2026, 3, 25, 15, 0, tzinfo=WIB)


@pytest.fixture
def tms_late_sanggah(officer, time_machine):
    """TMS applicant; results published 25-03, the timeline's sanggah stage is 30-03 – 01-04."""
    time_machine.move_to(PUBLISHED_AT, tick=False)
    selection = SelectionFactory(timeline=LATE_SANGGAH)
    application = ApplicationFactory(
        formasi=FormasiFactory(selection=selection), status=Application.Status.INELIGIBLE
    )
    services.publication_publish(
        selection=selection, kind=Publication.Kind.ADMINISTRATIVE, by=officer, notify=False
    )
    return application


def test_the_deadline_shown_to_the_applicant_is_the_last_day_of_the_sanggah_stage(
    tms_late_sanggah, client, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 31, 10, 0, tzinfo=WIB), tick=False)
    client.force_login(tms_late_sanggah.applicant.user)

    page = client.get(reverse("recruitment:application", args=[tms_late_sanggah.pk])).content

    assert "You may file one objection until 1 Apr 2026." in page.decode()
    assert "28 Mar 2026" not in page.decode()


def test_the_public_page_states_the_same_sanggah_deadline_as_its_timeline(tms_late_sanggah, client):
    page = client.get(reverse("recruitment:selection", args=[tms_late_sanggah.selection.slug]))

    assert "Objections (sanggah) accepted until 1 Apr 2026" in page.content.decode()


def test_an_objection_before_the_sanggah_stage_is_refused_with_its_first_day(tms_late_sanggah):
    with pytest.raises(ValidationError, match="starts on 30-03-2026"):
        services.objection_file(
            application=tms_late_sanggah,
            text="Mohon ditinjau.",
            now=dt.datetime(2026, 3, 27, 9, 0, tzinfo=WIB),
        )


def test_an_objection_on_the_last_day_of_the_sanggah_stage_is_accepted(tms_late_sanggah):
    objection = services.objection_file(
        application=tms_late_sanggah,
        text="Mohon ditinjau.",
        now=dt.datetime(2026, 4, 1, 23, 0, tzinfo=WIB),
    )

    assert objection.answer_due == dt.date(2026, 4, 8)


# --- results are published only once their stage is held ----------------------------------


def test_publishing_results_before_the_stage_is_held_is_refused_with_a_message(officer):
    application = ApplicationFactory(status=Application.Status.ELIGIBLE)

    with pytest.raises(ValidationError, match="runs until 25-03-2026"):
        services.publication_publish(
            selection=application.selection,
            kind=Publication.Kind.ADMINISTRATIVE,
            by=officer,
            now=dt.datetime(2026, 3, 12, 10, 0, tzinfo=WIB),
            notify=False,
        )
    assert not Publication.objects.exists()


def test_skd_results_cannot_be_published_weeks_before_the_skd(officer):
    application = ApplicationFactory(
        status=Application.Status.ELIGIBLE, twk=100, tiu=100, tkp=200, skd_total=400
    )
    Application.objects.filter(pk=application.pk).update(skd_passed=True, skd_rank=1)

    with pytest.raises(ValidationError, match="runs until 20-04-2026"):
        services.publication_publish(
            selection=application.selection,
            kind=Publication.Kind.SKD,
            by=officer,
            now=dt.datetime(2026, 3, 30, 10, 0, tzinfo=WIB),
            notify=False,
        )


def test_results_are_published_from_the_last_day_of_their_stage(officer):
    application = ApplicationFactory(status=Application.Status.ELIGIBLE)

    publication = services.publication_publish(
        selection=application.selection,
        kind=Publication.Kind.ADMINISTRATIVE,
        by=officer,
        now=dt.datetime(2026, 3, 25, 8, 0, tzinfo=WIB),
        notify=False,
    )

    assert publication.version == 1


def test_the_publish_page_shows_the_refusal_as_a_form_error(client, officer, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 12, 10, 0, tzinfo=WIB), tick=False)
    application = ApplicationFactory(status=Application.Status.ELIGIBLE)
    client.force_login(officer)

    response = client.post(
        reverse("admin:recruitment_selection_publish", args=[application.selection_id]),
        {"kind": "administrative", "reason": ""},
    )

    assert response.status_code == 400 and "runs until 25-03-2026" in response.content.decode()


# --- rule changes: named fields in the admin's date format, with the logged reason --------


def rules_data(selection, *, reason="", **changes) -> dict:
    """The rules form as the officer receives it, with some fields changed."""
    form = RuleChangeForm(selection=selection)
    data = {}
    for name, field in form.fields.items():
        value = field.initial
        data[name] = "" if value is None else getattr(value, "isoformat", lambda v=value: v)()
    data.update(changes)
    data["reason"] = reason
    return data


def test_the_rules_form_takes_dates_in_the_admins_format_and_names_each_rule():
    selection = SelectionFactory()

    with translation.override("id"):
        form = RuleChangeForm(
            rules_data(selection, reason="Ruang ujian", timeline__skd__starts_on="11-04-2026"),
            selection=selection,
        )
        assert form.is_valid(), form.errors
        label = str(form.fields["timeline__skd__starts_on"].label)

    assert form.changes() == {"timeline:skd:starts_on": dt.date(2026, 4, 11)}
    assert label.startswith("SKD")


def test_a_rule_change_in_the_admin_is_logged_with_its_reason_and_shown_publicly(client, officer):
    selection = SelectionFactory()
    client.force_login(officer)

    response = client.post(
        reverse("admin:recruitment_selection_rules", args=[selection.pk]),
        rules_data(
            selection, reason="Ruang ujian belum siap", timeline__skd__starts_on="2026-04-11"
        ),
    )

    change = RuleChange.objects.get(selection=selection)
    assert response.status_code == 302
    assert (change.old_value, change.new_value, change.reason, change.changed_by) == (
        "10-04-2026",
        "11-04-2026",
        "Ruang ujian belum siap",
        officer,
    )
    public = client.get(reverse("recruitment:selection", args=[selection.slug])).content.decode()
    assert "Ruang ujian belum siap" in public


def test_a_published_rule_change_without_a_reason_is_refused(client, officer):
    selection = SelectionFactory()
    client.force_login(officer)

    response = client.post(
        reverse("admin:recruitment_selection_rules", args=[selection.pk]),
        rules_data(selection, timeline__skd__starts_on="2026-04-11"),
    )

    assert response.status_code == 400 and not RuleChange.objects.exists()


def test_moving_registration_to_the_day_the_rules_were_published_is_refused(officer, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=WIB), tick=False)
    selection = SelectionFactory(status=Selection.Status.DRAFT, rules_published_at=None)
    FormasiFactory(selection=selection)
    services.selection_publish_rules(selection=selection, by=officer)

    with pytest.raises(ValidationError, match="Registration must open after"):
        services.selection_change_rules(
            selection=selection,
            changes={"timeline:registration:starts_on": dt.date(2026, 3, 2)},
            reason="Dipercepat",
            by=officer,
        )

    assert selection.stages.get(stage=Stage.REGISTRATION).starts_on == dt.date(2026, 3, 6)


def test_moving_registration_to_a_later_day_after_publication_is_allowed(officer):
    selection = SelectionFactory()  # rules published 02-03-2026

    services.selection_change_rules(
        selection=selection,
        changes={"timeline:registration:starts_on": dt.date(2026, 3, 3)},
        reason="Dipercepat sehari",
        by=officer,
    )

    assert selection.stages.get(stage=Stage.REGISTRATION).starts_on == dt.date(2026, 3, 3)


# --- answering a sanggah in the admin ----------------------------------------------------


@pytest.fixture
def pending_objection():
    return Objection.objects.create(
        application=ApplicationFactory(status=Application.Status.INELIGIBLE),
        text="Mohon ditinjau.",
        answer_due=dt.date(2026, 4, 4),
    )


def test_an_empty_answer_shows_only_a_form_error_and_no_success_message(
    client, officer, pending_objection
):
    client.force_login(officer)

    response = client.post(
        reverse("admin:recruitment_objection_change", args=[pending_objection.pk]),
        {"accept": "1", "answer": "  "},
    )

    pending_objection.refresh_from_db()
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "success"]
    assert pending_objection.status == Objection.Status.PENDING


def test_an_answer_in_the_admin_is_recorded_with_the_officer(client, officer, pending_objection):
    client.force_login(officer)

    response = client.post(
        reverse("admin:recruitment_objection_change", args=[pending_objection.pk]),
        {"accept": "0", "answer": "Ijazah tetap belum dilegalisir."},
    )

    pending_objection.refresh_from_db()
    assert response.status_code == 302
    assert _recorded(pending_objection, officer, "pending", "rejected")


def test_a_user_without_recruitment_rights_cannot_answer_in_the_admin(client, pending_objection):
    from tests import factories as core

    client.force_login(core.UserFactory(is_staff=True))

    response = client.post(
        reverse("admin:recruitment_objection_change", args=[pending_objection.pk]),
        {"accept": "1", "answer": "Diterima."},
    )

    pending_objection.refresh_from_db()
    assert response.status_code == 403 and pending_objection.status == Objection.Status.PENDING


def test_publishing_the_rules_from_the_admin_asks_for_confirmation_first(client, officer):
    selection = SelectionFactory(status=Selection.Status.DRAFT, rules_published_at=None)
    client.force_login(officer)
    data = {"action": "publish_rules", "_selected_action": [selection.pk], "index": 0}

    page = client.post(reverse("admin:recruitment_selection_changelist"), data)

    selection.refresh_from_db()
    assert page.status_code == 200 and "Are you sure?" in page.content.decode()
    assert selection.status == Selection.Status.DRAFT


def test_a_selection_added_in_the_admin_is_created_by_the_service_with_its_first_status(
    client, officer
):
    client.force_login(officer)
    data = {
        "name": "Seleksi PPPK 2027",
        "slug": "pppk-2027",
        "kind": "PPPK",
        "description": "",
        "approved_quota": 10,
        "min_age": 20,
        "max_age": 56,
        "age_reference_date": "2027-03-01",
        "skd_weight": 40,
        "skb_weight": 60,
        "skb_multiplier": 3,
        "sanggah_days": 3,
        "sanggah_answer_days": 7,
    }
    for prefix in ("stages", "passing_grades", "rule_changes"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})

    response = client.post(reverse("admin:recruitment_selection_add"), data)

    selection = Selection.objects.get(slug="pppk-2027")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert selection.passing_grades.count() == 4
    assert workflow.status_history(selection).get().by == officer


def test_a_user_without_recruitment_rights_cannot_add_a_selection(client):
    from tests import factories as core

    client.force_login(core.UserFactory(is_staff=True))

    response = client.get(reverse("admin:recruitment_selection_add"))

    assert response.status_code == 403
