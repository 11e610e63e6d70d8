"""Submitting a report: privacy options, receipt email, SLA start, attachments."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from PIL import Image
from pypdf import PdfReader

from asn_portal.common.uploads import COMPLAINT_ATTACHMENT, upload_check
from complaints import codes
from complaints.models import Attachment, Complaint, Privacy, ReporterEmail
from tests import factories as core
from tests.files import HTML_AS_PDF, XMP, pdf_bytes

from .factories import ComplaintFactory
from .helpers import PDF_BYTES, at, jpeg_with_exif, png_bytes, submit

pytestmark = pytest.mark.django_db


def test_submission_gets_a_tracking_code_in_the_human_friendly_format():
    complaint = submit().complaint
    assert codes.CODE_RE.match(complaint.tracking_code)


def test_submission_stores_the_pin_only_as_a_hash():
    submitted = submit()
    assert submitted.pin not in submitted.complaint.pin_hash
    assert len(submitted.pin) == 6


def test_two_submissions_get_different_codes():
    assert submit().complaint.tracking_code != submit().complaint.tracking_code


def test_a_taken_code_is_drawn_again(monkeypatch):
    taken = submit().complaint.tracking_code
    drawn = iter([taken, "ADU-2222-3333"])
    monkeypatch.setattr(codes, "new_tracking_code", lambda: next(drawn))
    assert submit().complaint.tracking_code == "ADU-2222-3333"


def test_anonymous_report_keeps_no_identity_even_when_typed():
    complaint = submit(privacy=Privacy.ANONYMOUS).complaint
    complaint.refresh_from_db()
    assert (complaint.reporter_name, complaint.reporter_email, complaint.reporter_phone) == (
        "",
        "",
        "",
    )


def test_anonymous_report_leaves_no_identity_anywhere_in_the_database():
    submit(privacy=Privacy.ANONYMOUS, reporter_name="Andi Wijaya", reporter_email="andi@x.id")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM complaints_complaint c "
            "WHERE c::text ILIKE %s OR c::text ILIKE %s",
            ["%Andi Wijaya%", "%andi@x.id%"],
        )
        in_complaints = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM complaints_complaintevent e WHERE e::text ILIKE %s",
            ["%Andi%"],
        )
        in_events = cursor.fetchone()[0]
    assert (in_complaints, in_events, ReporterEmail.objects.count()) == (0, 0, 0)


def test_database_refuses_an_anonymous_report_with_a_name():
    with pytest.raises(IntegrityError):
        ComplaintFactory(privacy=Privacy.ANONYMOUS, reporter_name="Andi", reporter_email="")


def test_database_refuses_a_report_without_consent():
    with pytest.raises(IntegrityError):
        ComplaintFactory(consent=False)


def test_database_refuses_a_rating_of_six():
    with pytest.raises(IntegrityError):
        ComplaintFactory(rating=6)


def test_submission_without_consent_is_refused():
    with pytest.raises(ValidationError):
        submit(consent=False)


def test_confidential_report_keeps_the_identity_for_intake():
    complaint = submit(privacy=Privacy.CONFIDENTIAL).complaint
    assert complaint.reporter_name == "Andi Wijaya"


def test_receipt_with_code_and_pin_is_emailed_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = submit()
    assert len(mail.outbox) == 1
    assert submitted.complaint.tracking_code in mail.outbox[0].subject
    assert submitted.pin in mail.outbox[0].body


def test_receipt_body_with_the_pin_is_blanked_once_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = submit()
    sent = ReporterEmail.objects.get(complaint=submitted.complaint)
    assert sent.sent_at is not None
    assert submitted.pin not in sent.body


def test_receipt_is_not_emailed_before_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        submit()
    assert mail.outbox == []


def test_report_without_email_queues_no_email():
    submit(reporter_email="")
    assert ReporterEmail.objects.count() == 0


def test_intake_officers_are_notified_of_a_new_report(officer):
    complaint = submit().complaint
    assert officer.notifications.filter(dedup_key__contains=f":new:{complaint.pk}:").exists()


@time_machine.travel(at(dt.date(2026, 11, 20)), tick=False)  # a Friday
def test_verification_deadline_is_three_working_days_across_a_weekend():
    assert submit().complaint.due_on == dt.date(2026, 11, 25)


@time_machine.travel(at(dt.date(2026, 12, 22)), tick=False)  # Tuesday before Christmas
def test_verification_deadline_skips_cuti_bersama_and_christmas():
    core.CollectiveLeaveDayFactory(date=dt.date(2026, 12, 24))
    assert submit().complaint.due_on == dt.date(2026, 12, 29)


def test_a_second_post_of_the_same_form_is_refused_as_duplicate():
    import uuid

    from complaints.services import DuplicateSubmission

    token = uuid.uuid4()
    submit(submission_token=token)
    with pytest.raises(DuplicateSubmission):
        submit(submission_token=token)
    assert Complaint.objects.count() == 1


def _check(upload):
    return upload_check(upload, policy=COMPLAINT_ATTACHMENT)


def test_attached_jpeg_loses_its_exif_metadata():
    clean = _check(SimpleUploadedFile("foto.jpg", jpeg_with_exif()))
    complaint = submit(attachments=[clean]).complaint
    stored = Attachment.objects.get(complaint=complaint)
    with stored.file.open("rb") as fh, Image.open(fh) as image:
        assert dict(image.getexif()) == {}
    assert b"KameraRahasia" not in clean.content


def test_png_attachment_is_accepted_as_png():
    assert _check(SimpleUploadedFile("a.png", png_bytes())).content_type == "image/png"


def test_pdf_attachment_is_accepted_as_pdf():
    clean = _check(SimpleUploadedFile("a.pdf", PDF_BYTES, "application/pdf"))
    assert clean.content_type == "application/pdf"


def test_html_renamed_to_jpg_is_refused():
    forged = SimpleUploadedFile("foto.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    with pytest.raises(ValidationError):
        _check(forged)


def test_truncated_image_with_a_jpeg_signature_is_refused():
    forged = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100, "image/jpeg")
    with pytest.raises(ValidationError):
        _check(forged)


def test_attachment_over_five_megabytes_is_refused():
    big = SimpleUploadedFile("a.pdf", PDF_BYTES + b"0" * (5 * 1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError):
        _check(big)


def test_attachment_of_exactly_five_megabytes_is_accepted():
    body = pdf_bytes(pad=5 * 1024 * 1024)
    assert len(body) == 5 * 1024 * 1024
    assert _check(SimpleUploadedFile("a.pdf", body)).content_type == "application/pdf"


def test_a_fourth_attachment_is_refused():
    clean = _check(SimpleUploadedFile("a.png", png_bytes()))
    with pytest.raises(ValidationError):
        submit(attachments=[clean] * 4)


def test_named_report_without_a_name_is_refused_with_a_message():
    with pytest.raises(ValidationError):
        submit(privacy=Privacy.CONFIDENTIAL, reporter_name=" ")


def test_an_invalid_email_is_refused_with_a_message():
    with pytest.raises(ValidationError):
        submit(reporter_email="bukan-email")


def test_an_anonymous_reporters_pdf_is_stored_without_author_producer_or_xmp():
    pdf = pdf_bytes(author="Siti Pelapor", producer="siti@example.com", xmp=XMP)
    clean = _check(SimpleUploadedFile("bukti.pdf", pdf, "application/pdf"))
    complaint = submit(
        privacy=Privacy.ANONYMOUS, reporter_name="", reporter_email="", attachments=[clean]
    ).complaint
    stored = Attachment.objects.get(complaint=complaint)
    with stored.file.open("rb") as fh:
        data = fh.read()
    reader = PdfReader(io.BytesIO(data))
    assert not reader.metadata
    assert reader.xmp_metadata is None
    assert b"Siti" not in data
    assert b"siti@example.com" not in data


def test_html_behind_a_pdf_header_is_refused():
    with pytest.raises(ValidationError):
        _check(SimpleUploadedFile("bukti.pdf", HTML_AS_PDF, "application/pdf"))
