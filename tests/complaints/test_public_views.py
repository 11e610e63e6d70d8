"""The public pages: the form, its spam guards, tracking with code and PIN, statistics."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints import forms, services
from complaints.models import Attachment, Complaint, Privacy
from tests.files import HTML_AS_PDF

from .factories import TEST_PIN, CategoryFactory, ComplaintFactory, DisposedComplaintFactory
from .helpers import PDF_BYTES, png_bytes, submit

pytestmark = pytest.mark.django_db
SUBMIT = "/pengaduan/"
TRACK = "/pengaduan/lacak/"


def form_data(**overrides):
    import uuid

    data = {
        "classification": "complaint",
        "category": CategoryFactory().pk,
        "reported_unit": "",
        "subject": "Guru sering tidak hadir",
        "description": "Di SD Negeri 3 guru kelas 4 sering tidak hadir tanpa pengganti.",
        "privacy": "confidential",
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


def test_form_page_opens_for_anyone(client):
    response = client.get(SUBMIT)
    assert response.status_code == 200
    assert b"submission_token" in response.content


def test_valid_report_is_stored_and_shows_code_and_pin(client):
    response = client.post(SUBMIT, form_data())
    complaint = Complaint.objects.get()
    assert response.status_code == 201
    assert complaint.tracking_code in response.content.decode()
    assert re.search(r'id="tracking-pin">(\d{6})<', response.content.decode())


def test_anonymous_report_through_the_form_keeps_no_identity(client):
    client.post(SUBMIT, form_data(privacy="anonymous"))
    complaint = Complaint.objects.get()
    assert (complaint.reporter_name, complaint.reporter_email) == ("", "")


def test_confidential_report_without_a_contact_is_refused_with_a_message(client):
    response = client.post(SUBMIT, form_data(reporter_email="", reporter_phone=""))
    assert response.status_code == 400
    assert "email" in response.content.decode().lower()
    assert Complaint.objects.count() == 0


def test_filled_honeypot_is_refused(client):
    response = client.post(SUBMIT, form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


def test_a_form_sent_back_too_fast_is_refused(client, settings):
    settings.COMPLAINTS_MIN_FILL_SECONDS = 3
    response = client.post(SUBMIT, form_data())
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


def test_a_forged_form_stamp_is_refused(client):
    response = client.post(SUBMIT, form_data(issued=signing.dumps(0, salt="other")))
    assert response.status_code == 400


# Mid-window: the limits count per fixed window (an hour, ten minutes).
MID_WINDOW = dt.datetime(2026, 11, 23, 10, 25, tzinfo=dt.UTC)


@time_machine.travel(MID_WINDOW, tick=False)
def test_the_sixth_report_in_an_hour_from_one_address_is_refused(client):
    for _n in range(5):
        assert client.post(SUBMIT, form_data()).status_code == 201
    response = client.post(SUBMIT, form_data())
    assert response.status_code == 429
    assert "Too many reports" in response.content.decode() or "Terlalu" in response.content.decode()
    assert Complaint.objects.count() == 5


@time_machine.travel(MID_WINDOW, tick=False)
def test_another_address_is_not_limited_by_the_first(client):
    for _n in range(5):
        client.post(SUBMIT, form_data())
    response = client.post(SUBMIT, form_data(), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 201


def test_same_form_posted_twice_is_stored_once(client):
    data = form_data()
    client.post(SUBMIT, data)
    response = client.post(SUBMIT, data)
    assert response.status_code == 409
    assert Complaint.objects.count() == 1


def test_forged_attachment_type_is_refused_with_a_message(client):
    forged = SimpleUploadedFile("foto.png", b"MZ\x90\x00 executable", content_type="image/png")
    response = client.post(SUBMIT, {**form_data(), "attachments": [forged]})
    assert response.status_code == 400
    assert "foto.png" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_form_with_an_image_and_a_pdf_stores_both(client):
    files = [
        SimpleUploadedFile("a.png", png_bytes(), content_type="image/png"),
        SimpleUploadedFile("b.pdf", PDF_BYTES, content_type="application/pdf"),
    ]
    client.post(SUBMIT, {**form_data(), "attachments": files})
    assert sorted(Attachment.objects.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]


def test_user_text_is_escaped_on_the_tracking_page(client):
    client.post(SUBMIT, form_data(description="<script>alert('x')</script>"))
    complaint = Complaint.objects.get()
    body = client.get(reverse("complaints:detail", args=[complaint.tracking_code])).content
    assert b"<script>alert" not in body
    assert b"&lt;script&gt;" in body


def test_right_code_and_pin_open_the_tracking_page(client):
    complaint = ComplaintFactory()
    response = client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


def test_wrong_pin_is_refused_with_403(client):
    complaint = ComplaintFactory()
    response = client.post(TRACK, {"code": complaint.tracking_code, "pin": "111111"})
    assert response.status_code == 403


def test_fifth_wrong_pin_answers_429_and_locks(client):
    complaint = ComplaintFactory()
    for _n in range(4):
        client.post(TRACK, {"code": complaint.tracking_code, "pin": "111111"})
    response = client.post(TRACK, {"code": complaint.tracking_code, "pin": "111111"})
    assert response.status_code == 429
    assert client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN}).status_code == 429


@time_machine.travel(MID_WINDOW, tick=False)
def test_too_many_tracking_attempts_from_one_address_are_throttled(client, settings):
    settings.COMPLAINTS_TRACK_LIMIT = 3
    for _n in range(3):
        client.post(TRACK, {"code": "ADU-0000-0000", "pin": "111111"})
    assert client.post(TRACK, {"code": "ADU-0000-0000", "pin": "111111"}).status_code == 429


def assert_pin_prompt(response, complaint):
    """The tracking form with the code filled in, and nothing of the report itself."""
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="pin"' in body
    assert f'value="{complaint.tracking_code}"' in body
    assert complaint.subject not in body


def test_tracking_link_without_the_pin_asks_for_the_pin(client):
    complaint = ComplaintFactory()
    assert_pin_prompt(client.get(f"{TRACK}{complaint.tracking_code}/"), complaint)


def test_tracking_link_opened_in_another_browser_leads_to_the_report_after_the_pin(client):
    complaint = ComplaintFactory()
    link = f"{TRACK}{complaint.tracking_code}/"
    assert_pin_prompt(client.get(link), complaint)

    response = client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})

    assert response.status_code == 302
    assert response["Location"] == link
    assert complaint.subject in client.get(link).content.decode()


def test_tracking_link_with_an_unknown_code_asks_for_the_pin_too(client):
    response = client.get(f"{TRACK}ADU-ZZZZ-ZZZZ/")
    assert response.status_code == 200
    assert 'name="pin"' in response.content.decode()


def test_tracking_page_of_another_report_asks_for_its_pin(client):
    mine, other = ComplaintFactory(), ComplaintFactory()
    client.post(TRACK, {"code": mine.tracking_code, "pin": TEST_PIN})
    assert_pin_prompt(client.get(f"{TRACK}{other.tracking_code}/"), other)


def test_tracking_page_shows_the_agencys_response(client, operator, opd):
    complaint = DisposedComplaintFactory(disposed_unit=opd)
    services.complaint_respond(complaint=complaint, by=operator, message="Guru pengganti ada.")
    client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})
    page = client.get(f"{TRACK}{complaint.tracking_code}/").content.decode()
    assert "Guru pengganti ada." in page


def test_tracking_page_hides_internal_notes(client, officer):
    complaint = ComplaintFactory()
    services.complaint_note(complaint=complaint, by=officer, message="Catatan internal rahasia")
    client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})
    page = client.get(f"{TRACK}{complaint.tracking_code}/").content.decode()
    assert "Catatan internal rahasia" not in page


def test_tracking_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    complaint = ComplaintFactory()
    client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})
    with django_assert_max_num_queries(12):
        client.get(f"{TRACK}{complaint.tracking_code}/")


def test_reporter_adds_information_from_the_tracking_page(client):
    complaint = ComplaintFactory()
    client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})
    client.post(
        f"{TRACK}{complaint.tracking_code}/",
        {"action": "information", "information-message": "Kejadian jam 10 pagi."},
    )
    assert complaint.events.filter(message="Kejadian jam 10 pagi.", by_reporter=True).exists()


def test_reporter_accepts_with_a_rating_from_the_tracking_page(client, operator, opd):
    complaint = DisposedComplaintFactory(disposed_unit=opd)
    services.complaint_respond(complaint=complaint, by=operator, message="Selesai.")
    client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})
    client.post(f"{TRACK}{complaint.tracking_code}/", {"action": "accept", "accept-rating": "4"})
    complaint.refresh_from_db()
    assert (complaint.status, complaint.rating) == (Complaint.Status.CLOSED, 4)


def test_rating_of_nine_is_refused_with_400(client, operator, opd):
    complaint = DisposedComplaintFactory(disposed_unit=opd)
    services.complaint_respond(complaint=complaint, by=operator, message="Selesai.")
    client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})
    response = client.post(
        f"{TRACK}{complaint.tracking_code}/", {"action": "rate", "rate-rating": "9"}
    )
    assert response.status_code == 400


def test_reopening_a_received_report_is_refused_with_a_message(client):
    complaint = ComplaintFactory()
    client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})
    response = client.post(
        f"{TRACK}{complaint.tracking_code}/", {"action": "reopen", "reopen-reason": "x"}
    )
    assert response.status_code == 400


def test_unknown_action_is_refused_with_400(client):
    complaint = ComplaintFactory()
    client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})
    assert client.post(f"{TRACK}{complaint.tracking_code}/", {"action": "x"}).status_code == 400


def test_statistics_show_counts_without_personal_data(client):
    submit(reporter_name="Nama Pelapor Unik", subject="Subjek khusus pelapor")
    response = client.get("/pengaduan/statistik/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="stat-total">1<' in body
    assert "Nama Pelapor Unik" not in body
    assert "Subjek khusus pelapor" not in body


def test_statistics_median_and_share_within_sla(operator, opd):
    import datetime as dt

    from django.utils import timezone

    from complaints import selectors

    start = timezone.make_aware(dt.datetime(2026, 11, 16, 9))  # Monday
    on_time = DisposedComplaintFactory(disposed_unit=opd)
    late = DisposedComplaintFactory(disposed_unit=opd, sla_breached=True)
    Complaint.objects.filter(pk=on_time.pk).update(
        received_at=start, responded_at=start + dt.timedelta(days=2), status="responded"
    )
    Complaint.objects.filter(pk=late.pk).update(
        received_at=start, responded_at=start + dt.timedelta(days=7), status="responded"
    )
    stats = selectors.public_statistics()
    assert (stats["median_days"], stats["within_sla_share"]) == (3.5, 50)


def test_statistics_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for _n in range(5):
        ComplaintFactory()
    with django_assert_max_num_queries(8):
        client.get("/pengaduan/statistik/")


def _attachment_of(complaint):
    attachment = Attachment(complaint=complaint, content_type="application/pdf", size=10)
    from django.core.files.base import ContentFile

    attachment.file.save("x", ContentFile(PDF_BYTES), save=True)
    return attachment


def test_reporter_downloads_their_attachment_as_a_nosniff_download(client):
    complaint = ComplaintFactory()
    attachment = _attachment_of(complaint)
    client.post(TRACK, {"code": complaint.tracking_code, "pin": TEST_PIN})
    response = client.get(f"/pengaduan/lampiran/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["Content-Type"] == "application/pdf"


def test_html_disguised_as_a_pdf_attachment_is_refused_with_a_message(client):
    forged = SimpleUploadedFile("bukti.pdf", HTML_AS_PDF, content_type="application/pdf")
    response = client.post(SUBMIT, {**form_data(), "attachments": [forged]})
    assert response.status_code == 400
    assert "bukti.pdf" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_the_handling_page_links_attachments_without_their_storage_path(client, officer):
    attachment = _attachment_of(ComplaintFactory())
    client.force_login(officer)
    response = client.get(f"/admin/complaints/complaint/{attachment.complaint.pk}/handle/")
    assert response.status_code == 200
    assert attachment.get_download_url() in response.content.decode()
    assert attachment.file.name not in response.content.decode()


def test_attachment_is_refused_to_an_anonymous_visitor(client):
    attachment = _attachment_of(ComplaintFactory())
    assert client.get(f"/pengaduan/lampiran/{attachment.pk}/").status_code == 404


def test_attachment_is_refused_to_an_employee(client, employee_user):
    attachment = _attachment_of(ComplaintFactory())
    client.force_login(employee_user)
    assert client.get(f"/pengaduan/lampiran/{attachment.pk}/").status_code == 404


def test_attachment_is_refused_to_another_units_operator(client, other_operator, opd):
    attachment = _attachment_of(DisposedComplaintFactory(disposed_unit=opd))
    client.force_login(other_operator)
    assert client.get(f"/pengaduan/lampiran/{attachment.pk}/").status_code == 404


def test_attachment_is_served_to_the_units_operator(client, operator, opd):
    attachment = _attachment_of(DisposedComplaintFactory(disposed_unit=opd))
    client.force_login(operator)
    assert client.get(f"/pengaduan/lampiran/{attachment.pk}/").status_code == 200


def test_privacy_choice_is_required(client):
    response = client.post(SUBMIT, form_data(privacy=""))
    assert response.status_code == 400
    assert Complaint.objects.filter(privacy=Privacy.PUBLIC).count() == 0


@pytest.fixture
def cache_down(settings):
    """The cache (Redis) unreachable: a port where nothing listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/13",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }


def test_report_is_stored_when_the_cache_is_down(client, cache_down):
    assert client.post(SUBMIT, form_data()).status_code == 201
    assert Complaint.objects.count() == 1


def test_statistics_page_works_when_the_cache_is_down(client, cache_down):
    assert client.get("/pengaduan/statistik/").status_code == 200


def test_submission_runs_a_bounded_number_of_queries(
    client, officer, django_assert_max_num_queries
):
    data = form_data()
    # 21 before issue 12, plus the first StatusEvent of the one write path (record_start).
    with django_assert_max_num_queries(22):
        assert client.post(SUBMIT, data).status_code == 201


def test_tracking_page_is_refused_to_a_signed_in_employee_without_the_pin(client, employee_user):
    complaint = ComplaintFactory()
    client.force_login(employee_user)
    assert_pin_prompt(client.get(f"{TRACK}{complaint.tracking_code}/"), complaint)


def test_tracking_page_is_refused_to_another_units_operator(client, other_operator, opd):
    complaint = DisposedComplaintFactory(disposed_unit=opd)
    client.force_login(other_operator)
    assert_pin_prompt(client.get(f"{TRACK}{complaint.tracking_code}/"), complaint)
