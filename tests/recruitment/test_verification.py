"""Administrative verification (random assignment, conflicts, MS/TMS) and sanggah (objections)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from recruitment import services
from recruitment.models import (
    Application,
    ConflictOfInterest,
    Objection,
    Publication,
    VerificationDecision,
)

from .factories import ApplicationFactory, FormasiFactory

pytestmark = pytest.mark.django_db

WIB = dt.timezone(dt.timedelta(hours=7))
ALL_MS = {r: ("ms", "") for r in ("identity", "education", "grade", "age", "documents")}


def test_assignment_spreads_applications_evenly_across_verifiers(officer, officer2):
    formasi = FormasiFactory()
    for _ in range(6):
        ApplicationFactory(formasi=formasi)

    assigned = services.verification_assign(
        selection=formasi.selection, verifiers=[officer, officer2], seed=1
    )

    loads = sorted(Application.objects.filter(verifier=v).count() for v in (officer, officer2))
    assert (assigned, loads) == (6, [3, 3])


def test_assignment_is_random(officer, officer2):
    formasi = FormasiFactory()
    apps = [ApplicationFactory(formasi=formasi) for _ in range(12)]

    def assignment(seed):
        Application.objects.update(verifier=None)
        services.verification_assign(
            selection=formasi.selection, verifiers=[officer, officer2], seed=seed
        )
        return tuple(
            Application.objects.filter(pk__in=[a.pk for a in apps])
            .order_by("pk")
            .values_list("verifier_id", flat=True)
        )

    assert len({assignment(seed) for seed in range(6)}) > 1


def test_a_verifier_with_a_conflict_is_never_assigned_that_applicant(officer, officer2):
    formasi = FormasiFactory()
    relative = ApplicationFactory(formasi=formasi)
    services.conflict_declare(verifier=officer, applicant=relative.applicant, reason="Adik kandung")

    for seed in range(10):
        Application.objects.update(verifier=None)
        services.verification_assign(
            selection=formasi.selection, verifiers=[officer, officer2], seed=seed
        )
        relative.refresh_from_db()
        assert relative.verifier == officer2


def test_an_application_every_verifier_conflicts_with_stays_unassigned(officer):
    application = ApplicationFactory()
    services.conflict_declare(verifier=officer, applicant=application.applicant, reason="Sepupu")

    assert services.verification_assign(selection=application.selection, verifiers=[officer]) == 0


def test_declaring_a_conflict_releases_an_existing_assignment(officer):
    application = ApplicationFactory(verifier=officer)

    services.conflict_declare(verifier=officer, applicant=application.applicant, reason="Tetangga")

    application.refresh_from_db()
    assert application.verifier is None


def test_every_decision_is_recorded_with_who_and_when(officer):
    application = ApplicationFactory(verifier=officer)

    services.verification_decide(application=application, by=officer, verdicts=ALL_MS)

    decisions = VerificationDecision.objects.filter(application=application)
    assert decisions.count() == 5
    assert all(d.decided_by == officer and d.decided_at for d in decisions)


def test_all_ms_makes_the_application_eligible(officer):
    application = ApplicationFactory(verifier=officer)

    services.verification_decide(application=application, by=officer, verdicts=ALL_MS)

    application.refresh_from_db()
    assert application.status == Application.Status.ELIGIBLE


def test_one_tms_makes_the_application_not_eligible(officer):
    application = ApplicationFactory(verifier=officer)
    verdicts = {**ALL_MS, "documents": ("tms", "Ijazah tidak terbaca")}

    services.verification_decide(application=application, by=officer, verdicts=verdicts)

    application.refresh_from_db()
    assert application.status == Application.Status.INELIGIBLE


def test_tms_without_a_reason_is_refused(officer):
    application = ApplicationFactory(verifier=officer)

    with pytest.raises(ValidationError, match="reason"):
        services.verification_decide(
            application=application, by=officer, verdicts={**ALL_MS, "age": ("tms", " ")}
        )


def test_a_verifier_cannot_decide_an_application_assigned_to_someone_else(officer, officer2):
    application = ApplicationFactory(verifier=officer2)

    with pytest.raises(ValidationError, match="not assigned to you"):
        services.verification_decide(application=application, by=officer, verdicts=ALL_MS)


def test_a_verifier_with_a_conflict_cannot_decide_even_if_assigned(officer):
    application = ApplicationFactory(verifier=officer)
    ConflictOfInterest.objects.create(
        verifier=officer, applicant=application.applicant, reason="Saudara"
    )

    with pytest.raises(ValidationError, match="conflict of interest"):
        services.verification_decide(application=application, by=officer, verdicts=ALL_MS)


def test_an_application_is_verified_only_once(officer):
    application = ApplicationFactory(verifier=officer)
    services.verification_decide(application=application, by=officer, verdicts=ALL_MS)

    with pytest.raises(ValidationError, match="cannot change"):
        services.verification_decide(application=application, by=officer, verdicts=ALL_MS)


# --- sanggah ---------------------------------------------------------------------------------

PUBLISHED_AT = dt.datetime(2026, 3, 25, 15, 0, tzinfo=WIB)
# The sanggah stage of the standard timeline runs 26–28 March 2026.
IN_WINDOW = dt.datetime(2026, 3, 26, 9, 0, tzinfo=WIB)


@pytest.fixture
def tms_published(officer, time_machine):
    """A TMS applicant whose administrative results were published on 25-03-2026 15:00 WIB."""
    time_machine.move_to(PUBLISHED_AT, tick=False)
    application = ApplicationFactory(status=Application.Status.INELIGIBLE)
    services.publication_publish(
        selection=application.selection,
        kind=Publication.Kind.ADMINISTRATIVE,
        by=officer,
        notify=False,
    )
    return application


def test_an_objection_inside_the_window_is_filed_with_its_answer_deadline(tms_published):
    objection = services.objection_file(
        application=tms_published,
        text="Ijazah saya sudah dilegalisir.",
        now=dt.datetime(2026, 3, 26, 9, 0, tzinfo=WIB),
    )

    # Window: the sanggah stage of the timeline (until 28-03); answer within 7 days after it.
    assert objection.answer_due == dt.date(2026, 4, 4)


def test_an_objection_on_the_last_day_of_the_window_is_accepted(tms_published):
    objection = services.objection_file(
        application=tms_published,
        text="Mohon ditinjau.",
        now=dt.datetime(2026, 3, 28, 23, 59, tzinfo=WIB),
    )

    assert objection.pk


def test_an_objection_after_the_window_is_refused_with_a_clear_message(tms_published):
    with pytest.raises(ValidationError, match="period ended on 28-03-2026"):
        services.objection_file(
            application=tms_published,
            text="Terlambat.",
            now=dt.datetime(2026, 3, 29, 0, 0, tzinfo=WIB),
        )
    assert not Objection.objects.exists()


def test_an_objection_before_the_results_are_published_is_refused():
    application = ApplicationFactory(status=Application.Status.INELIGIBLE)

    with pytest.raises(ValidationError, match="not published yet"):
        services.objection_file(application=application, text="Mohon ditinjau.")


def test_only_one_objection_per_applicant(tms_published):
    now = dt.datetime(2026, 3, 26, 9, 0, tzinfo=WIB)
    services.objection_file(application=tms_published, text="Pertama.", now=now)

    with pytest.raises(ValidationError, match="one objection"):
        services.objection_file(application=tms_published, text="Kedua.", now=now)


def test_an_eligible_applicant_cannot_object(officer, time_machine):
    time_machine.move_to(PUBLISHED_AT, tick=False)
    application = ApplicationFactory(status=Application.Status.ELIGIBLE)
    services.publication_publish(
        selection=application.selection, kind="administrative", by=officer, notify=False
    )

    with pytest.raises(ValidationError, match="not eligible"):
        services.objection_file(application=application, text="?", now=IN_WINDOW)


def test_an_accepted_objection_makes_the_applicant_eligible(tms_published, officer):
    objection = services.objection_file(
        application=tms_published, text="Dokumen lengkap.", now=IN_WINDOW
    )

    services.objection_answer(objection=objection, by=officer, accept=True, answer="Diterima.")

    tms_published.refresh_from_db()
    assert tms_published.status == Application.Status.ELIGIBLE


def test_a_rejected_objection_keeps_the_applicant_not_eligible(tms_published, officer):
    objection = services.objection_file(
        application=tms_published, text="Dokumen lengkap.", now=IN_WINDOW
    )

    services.objection_answer(objection=objection, by=officer, accept=False, answer="Ditolak.")

    tms_published.refresh_from_db()
    assert tms_published.status == Application.Status.INELIGIBLE


def test_an_answer_notifies_the_applicant(tms_published, officer):
    objection = services.objection_file(application=tms_published, text="X.", now=IN_WINDOW)

    services.objection_answer(objection=objection, by=officer, accept=True, answer="Diterima.")

    assert tms_published.applicant.user.notifications.filter(
        dedup_key=f"recruitment:objection-answered:{objection.pk}"
    ).exists()


def test_an_objection_is_answered_only_once(tms_published, officer):
    objection = services.objection_file(application=tms_published, text="X.", now=IN_WINDOW)
    services.objection_answer(objection=objection, by=officer, accept=False, answer="Ditolak.")

    with pytest.raises(ValidationError, match="already been answered"):
        services.objection_answer(objection=objection, by=officer, accept=True, answer="Eh.")
