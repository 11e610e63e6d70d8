"""Possible duplicates by trigram similarity, and merging that keeps both reporters informed."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from complaints import selectors, services
from complaints.models import Complaint

from .factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_a_similar_report_is_suggested_as_duplicate():
    first = ComplaintFactory(
        subject="Jalan rusak di Desa Sukamaju", description="Jalan desa berlubang dan becek."
    )
    second = ComplaintFactory(
        subject="Jalan rusak Desa Sukamaju", description="Jalan di desa berlubang, becek sekali."
    )
    assert selectors.possible_duplicates(second) == [first]


def test_an_unrelated_report_is_not_suggested():
    ComplaintFactory(subject="Jalan rusak di Desa Sukamaju", description="Jalan berlubang.")
    other = ComplaintFactory(
        subject="Antrean puskesmas", description="Dokter tidak hadir saat jam pelayanan."
    )
    assert selectors.possible_duplicates(other) == []


def test_merge_sends_the_duplicate_to_the_surviving_report(officer):
    primary, duplicate = ComplaintFactory(), ComplaintFactory()
    services.complaint_merge(complaint=duplicate, into=primary, by=officer)
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (Complaint.Status.MERGED, primary)


def test_merging_a_report_into_itself_is_refused(officer):
    complaint = ComplaintFactory()
    with pytest.raises(ValidationError):
        services.complaint_merge(complaint=complaint, into=complaint, by=officer)


def test_after_a_merge_both_reporters_receive_the_response(
    officer, opd, operator, django_capture_on_commit_callbacks
):
    primary = ComplaintFactory(reporter_email="satu@example.com")
    duplicate = ComplaintFactory(reporter_email="dua@example.com")
    services.complaint_merge(complaint=duplicate, into=primary, by=officer)
    services.complaint_verify(complaint=primary, by=officer)
    services.complaint_dispose(complaint=primary, by=officer, unit=opd)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_respond(complaint=primary, by=operator, message="Jalan diperbaiki.")
    assert sorted(m.to[0] for m in mail.outbox) == ["dua@example.com", "satu@example.com"]


def test_merged_reporter_sees_the_surviving_reports_response(officer, opd, operator):
    primary, duplicate = ComplaintFactory(), ComplaintFactory()
    services.complaint_merge(complaint=duplicate, into=primary, by=officer)
    services.complaint_verify(complaint=primary, by=officer)
    services.complaint_dispose(complaint=primary, by=officer, unit=opd)
    services.complaint_respond(complaint=primary, by=operator, message="Jalan diperbaiki.")
    duplicate.refresh_from_db()
    messages = [e.message for e in selectors.public_timeline(duplicate)]
    assert "Jalan diperbaiki." in messages


def test_merged_reporter_does_not_see_the_other_reporters_messages(officer):
    primary, duplicate = ComplaintFactory(), ComplaintFactory()
    services.complaint_add_information(complaint=primary, message="Nomor HP saya 0812999")
    services.complaint_merge(complaint=duplicate, into=primary, by=officer)
    duplicate.refresh_from_db()
    assert "Nomor HP saya 0812999" not in [e.message for e in selectors.public_timeline(duplicate)]
