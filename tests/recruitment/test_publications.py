"""Publications: frozen, fingerprinted snapshots; corrections are new versions with a reason."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from recruitment import selectors, services
from recruitment.models import Application, Publication, PublicationEntry

from .factories import ApplicationFactory, FormasiFactory, eligible

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified():
    formasi = FormasiFactory(code="F01")
    ms = ApplicationFactory(
        formasi=formasi, status=Application.Status.ELIGIBLE, name="Budi Santoso"
    )
    tms = ApplicationFactory(
        formasi=formasi, status=Application.Status.INELIGIBLE, name="Ani Lestari"
    )
    return formasi.selection, ms, tms


def publish(selection, officer, kind="administrative", reason=""):
    return services.publication_publish(
        selection=selection, kind=kind, by=officer, reason=reason, notify=False
    )


def test_the_fingerprint_is_the_sha256_of_the_published_snapshot(verified, officer):
    selection, _ms, _tms = verified

    publication = publish(selection, officer)

    assert publication.fingerprint == hashlib.sha256(publication.payload.encode()).hexdigest()
    assert selectors.publication_is_intact(publication)


def test_the_snapshot_holds_number_masked_name_and_status(verified, officer):
    selection, ms, tms = verified

    rows = json.loads(publish(selection, officer).payload)["rows"]

    assert [(r[1], r[2], r[-1]) for r in rows] == sorted(
        [
            (ms.registration_number, "Bu** Sa*****", "MS"),
            (tms.registration_number, "An* Le*****", "TMS"),
        ]
    )


def test_a_published_snapshot_cannot_be_updated_even_below_the_admin(verified, officer):
    publication = publish(verified[0], officer)

    with pytest.raises(DatabaseError), transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(fingerprint="0" * 64)


def test_a_published_row_cannot_be_updated(verified, officer):
    publication = publish(verified[0], officer)

    with pytest.raises(DatabaseError), transaction.atomic():
        PublicationEntry.objects.filter(publication=publication).update(status="MS")


def test_a_published_snapshot_cannot_be_deleted(verified, officer):
    publication = publish(verified[0], officer)

    with pytest.raises(DatabaseError), transaction.atomic():
        PublicationEntry.objects.filter(publication=publication).delete()


def test_a_correction_without_a_reason_is_refused(verified, officer):
    publish(verified[0], officer)

    with pytest.raises(ValidationError, match="needs a reason"):
        publish(verified[0], officer)


def test_a_correction_is_a_new_version_with_a_new_fingerprint(verified, officer):
    selection, _ms, tms = verified
    first = publish(selection, officer)
    Application.objects.filter(pk=tms.pk).update(status=Application.Status.ELIGIBLE)

    second = publish(selection, officer, reason="Sanggah diterima")

    assert (second.version, second.reason) == (2, "Sanggah diterima")
    assert second.fingerprint != first.fingerprint
    assert Publication.objects.filter(selection=selection).count() == 2


def test_the_first_version_stays_unchanged_after_a_correction(verified, officer):
    selection, _ms, tms = verified
    first = publish(selection, officer)
    Application.objects.filter(pk=tms.pk).update(status=Application.Status.ELIGIBLE)
    publish(selection, officer, reason="Sanggah diterima")

    first.refresh_from_db()
    assert selectors.publication_is_intact(first)
    assert json.loads(first.payload)["rows"][-1][-1] in ("MS", "TMS")


def test_unverified_applications_block_the_administrative_publication(officer):
    application = ApplicationFactory()

    with pytest.raises(ValidationError, match="not verified"):
        publish(application.selection, officer)


def test_skd_results_are_published_after_ranking(officer):
    formasi = FormasiFactory(quota=1)
    best = eligible(formasi, twk=100, tiu=100, tkp=200)
    eligible(formasi, twk=64, tiu=100, tkp=200)
    services.selection_rank_skd(selection=formasi.selection)

    publication = publish(formasi.selection, officer, kind="skd")

    entry = publication.entries.get(registration_number=best.registration_number)
    assert (entry.skd_total, entry.rank, entry.status) == (400, 1, "P/L SKB")
    assert set(publication.entries.values_list("status", flat=True)) == {"P/L SKB", "TL"}


def test_skd_results_cannot_be_published_before_ranking(officer):
    formasi = FormasiFactory()
    eligible(formasi, twk=100, tiu=100, tkp=200)

    with pytest.raises(ValidationError, match="Rank the SKD"):
        publish(formasi.selection, officer, kind="skd")


def test_publishing_notifies_each_applicant_once(
    verified, officer, django_capture_on_commit_callbacks
):
    selection, ms, tms = verified
    with django_capture_on_commit_callbacks(execute=True):
        publication = services.publication_publish(
            selection=selection, kind="administrative", by=officer
        )
    services.publication_notify(publication_id=publication.pk)  # a second run sends nothing

    for application in (ms, tms):
        assert application.applicant.user.notifications.count() == 1


@pytest.mark.parametrize("table", ["recruitment_publication", "recruitment_publicationentry"])
def test_a_published_snapshot_cannot_be_truncated(verified, officer, table):
    from django.db import connection

    publish(verified[0], officer)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks before TRUNCATE
        cursor.execute(f"TRUNCATE {table} CASCADE")
    assert PublicationEntry.objects.exists()


def test_truncate_of_publications_needs_the_explicit_session_setting(verified, officer):
    from django.db import connection

    publish(verified[0], officer)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL asn_portal.allow_truncate = on")
        cursor.execute("TRUNCATE recruitment_publication CASCADE")
    assert not Publication.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_test_suite_flush_still_empties_published_results(verified, officer):
    """The flush after this transactional test TRUNCATEs a publication: it must not fail."""
    assert publish(verified[0], officer).fingerprint


def test_notifications_resumed_after_a_dead_worker_reach_each_applicant_once(
    verified, officer, django_capture_on_commit_callbacks
):
    """The worker died half-way (one applicant told, its lease left to expire); the sweep
    resumes the job and a late redelivery of the first message changes nothing."""
    from datetime import timedelta

    from django.utils import timezone

    from asn_portal.common import jobs
    from asn_portal.common.models import JobLease
    from asn_portal.common.notifications import notification_send
    from recruitment.services.publications import NOTIFY_JOB
    from recruitment.tasks import publication_notify_task

    selection, ms, tms = verified
    publication = services.publication_publish(
        selection=selection, kind="administrative", by=officer
    )  # the on-commit enqueue never runs here: as if the worker took it and died
    notification_send(
        recipient=ms.applicant.user,
        title="Hasil seleksi administrasi telah diumumkan",
        dedup_key=f"recruitment:published:{publication.pk}:{ms.pk}",
    )
    JobLease.objects.filter(kind=NOTIFY_JOB, key=str(publication.pk)).update(
        state=JobLease.State.RUNNING,
        owner="dead-worker:1:1",
        attempts=1,
        expires_at=timezone.now() - timedelta(seconds=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.jobs_sweep() == 1
    publication_notify_task(publication.pk)  # the original message, redelivered late

    for application in (ms, tms):
        assert application.applicant.user.notifications.count() == 1
    lease = JobLease.objects.get(kind=NOTIFY_JOB, key=str(publication.pk))
    assert (lease.state, lease.interruptions) == (JobLease.State.DONE, 1)
