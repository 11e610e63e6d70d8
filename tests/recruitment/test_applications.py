"""Applicants: account and confirmation, eligibility, one application per selection, documents."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from asn_portal.personnel import identifiers
from recruitment import services
from recruitment.models import Applicant, Application, ApplicationDocument
from tests.files import HTML_AS_JPEG, HTML_AS_PDF, pdf_bytes

from .factories import (
    HTML_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    ApplicantFactory,
    ApplicationFactory,
    FormasiFactory,
    SelectionFactory,
)

pytestmark = pytest.mark.django_db

BIRTH = dt.date(1999, 5, 17)


def register(**overrides):
    data = {
        "nik": identifiers.build_nik("150401", BIRTH, identifiers.FEMALE, 12),
        "name": "Siti Rahma",
        "email": "siti@example.com",
        "password": "Kata-Sandi-Kuat-99",
        "sex": identifiers.FEMALE,
        "birth_date": BIRTH,
        "site_url": "https://bkd.example.go.id/",
    }
    return services.applicant_register(**{**data, **overrides})


def test_registration_creates_an_inactive_account_named_by_nik(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        applicant = register()

    assert (applicant.user.username, applicant.user.is_active) == (applicant.nik, False)


def test_registration_emails_a_confirmation_link(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register()

    assert len(mail.outbox) == 1
    assert "https://bkd.example.go.id/rekrutmen/konfirmasi/" in mail.outbox[0].body


def test_a_nik_that_does_not_match_the_birth_date_is_refused():
    with pytest.raises(ValidationError):
        register(birth_date=dt.date(1999, 5, 18))


def test_a_nik_of_a_man_for_a_woman_is_refused():
    with pytest.raises(ValidationError):
        register(nik=identifiers.build_nik("150401", BIRTH, identifiers.MALE, 12))


def test_the_same_nik_cannot_register_twice():
    register()

    assert register(email="other@example.com") is None
    assert Applicant.objects.count() == 1


def test_the_confirmation_link_activates_the_account():
    applicant = register()

    services.applicant_confirm_email(token=services.applications.confirmation_token(applicant.user))

    applicant.refresh_from_db()
    applicant.user.refresh_from_db()
    assert applicant.email_confirmed_at is not None and applicant.user.is_active


def test_a_tampered_confirmation_link_is_refused():
    applicant = register()
    token = services.applications.confirmation_token(applicant.user)

    with pytest.raises(ValidationError, match="not valid"):
        services.applicant_confirm_email(token=token[:-2] + "xx")


def test_an_expired_confirmation_link_is_refused(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC), tick=False)
    applicant = register()
    token = services.applications.confirmation_token(applicant.user)
    time_machine.move_to(dt.datetime(2026, 3, 4, 8, 1, tzinfo=dt.UTC), tick=False)

    with pytest.raises(ValidationError, match="expired"):
        services.applicant_confirm_email(token=token)


def test_an_applicant_applies_to_a_formasi_during_registration(registration_time):
    formasi = FormasiFactory()

    application = services.application_create(applicant=ApplicantFactory(), formasi=formasi)

    assert application.status == Application.Status.DRAFT
    assert application.registration_number.endswith(f"{application.pk:08d}")


def test_a_second_application_in_the_same_selection_is_refused(registration_time):
    formasi = FormasiFactory()
    other = FormasiFactory(selection=formasi.selection)
    applicant = ApplicantFactory()
    services.application_create(applicant=applicant, formasi=formasi)

    with pytest.raises(ValidationError, match="only one formasi"):
        services.application_create(applicant=applicant, formasi=other)


def test_the_database_refuses_a_second_application_in_a_selection():
    from django.db import IntegrityError

    first = ApplicationFactory()

    with pytest.raises(IntegrityError):
        ApplicationFactory(formasi=first.formasi, applicant=first.applicant)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_create_one_application(registration_time):
    formasi = FormasiFactory()
    other = FormasiFactory(selection=formasi.selection)
    applicant = ApplicantFactory()
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def apply(target):
        try:
            barrier.wait()
            services.application_create(applicant=applicant, formasi=target)
            outcomes.append("created")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(f,)) for f in (formasi, other) * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["created", "refused", "refused", "refused"]
    assert Application.objects.filter(applicant=applicant).count() == 1


def test_applying_before_registration_opens_is_refused(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC), tick=False)
    formasi = FormasiFactory()

    with pytest.raises(ValidationError, match="not open"):
        services.application_create(applicant=ApplicantFactory(), formasi=formasi)


def test_applying_on_the_last_registration_day_is_accepted(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 20, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    formasi = FormasiFactory()

    assert services.application_create(applicant=ApplicantFactory(), formasi=formasi).pk


def test_applying_the_day_after_registration_closes_is_refused(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 21, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    formasi = FormasiFactory()

    with pytest.raises(ValidationError, match="not open"):
        services.application_create(applicant=ApplicantFactory(), formasi=formasi)


def test_an_unconfirmed_account_cannot_apply(registration_time):
    applicant = ApplicantFactory(email_confirmed_at=None)

    with pytest.raises(ValidationError, match="Confirm your email"):
        services.application_create(applicant=applicant, formasi=FormasiFactory())


# Age limits 18–35 on the reference date 20-03-2026.
@pytest.mark.parametrize(
    ("born", "accepted"),
    [
        (dt.date(1990, 3, 20), False),  # 36
        (dt.date(1990, 3, 21), True),  # 35, one day before turning 36
        (dt.date(2008, 3, 20), True),  # 18 on the day
        (dt.date(2008, 3, 21), False),  # 17
    ],
)
def test_age_limits_are_checked_on_the_reference_date(registration_time, born, accepted):
    applicant = ApplicantFactory(birth_date=born)
    formasi = FormasiFactory()

    if accepted:
        assert services.application_create(applicant=applicant, formasi=formasi).pk
    else:
        with pytest.raises(ValidationError, match="years old"):
            services.application_create(applicant=applicant, formasi=formasi)


def test_a_different_education_level_is_refused(registration_time):
    applicant = ApplicantFactory(education_level="D3")

    with pytest.raises(ValidationError, match="education level"):
        services.application_create(applicant=applicant, formasi=FormasiFactory())


def test_a_major_outside_the_list_is_refused(registration_time):
    applicant = ApplicantFactory(major="Ilmu Hukum")

    with pytest.raises(ValidationError, match="major"):
        services.application_create(applicant=applicant, formasi=FormasiFactory())


def test_a_major_is_matched_without_regard_to_case(registration_time):
    applicant = ApplicantFactory(major="sistem informasi")

    assert services.application_create(applicant=applicant, formasi=FormasiFactory()).pk


def test_an_ipk_below_the_formasi_minimum_is_refused(registration_time):
    applicant = ApplicantFactory(ipk=Decimal("2.99"))

    with pytest.raises(ValidationError, match="IPK"):
        services.application_create(
            applicant=applicant, formasi=FormasiFactory(min_ipk=Decimal("3.00"))
        )


def test_an_incomplete_profile_cannot_apply(registration_time):
    applicant = ApplicantFactory(ipk=None, diploma_average=None)

    with pytest.raises(ValidationError, match="Complete your profile"):
        services.application_create(applicant=applicant, formasi=FormasiFactory())


def upload(name, data, content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def draft():
    return ApplicationFactory(status=Application.Status.DRAFT, submitted_at=None)


def test_a_real_pdf_is_stored_privately_with_its_hash(settings):
    application = draft()

    document = services.document_upload(
        application=application, kind="diploma", upload=upload("ijazah.pdf", PDF_BYTES)
    )

    assert document.content_type == "application/pdf"
    assert document.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert document.file.read() == PDF_BYTES


def test_an_uploaded_document_has_no_public_url():
    document = services.document_upload(
        application=draft(), kind="diploma", upload=upload("ijazah.pdf", PDF_BYTES)
    )

    with pytest.raises(ValueError, match="not accessible via a URL"):
        _ = document.file.url


def test_an_html_file_named_pdf_is_refused():
    with pytest.raises(ValidationError, match="real PDF"):
        services.document_upload(
            application=draft(), kind="diploma", upload=upload("ijazah.pdf", HTML_BYTES)
        )
    assert not ApplicationDocument.objects.exists()


def test_html_behind_a_pdf_header_is_refused_as_the_diploma():
    with pytest.raises(ValidationError, match="real PDF"):
        services.document_upload(
            application=draft(), kind="diploma", upload=upload("ijazah.pdf", HTML_AS_PDF)
        )
    assert not ApplicationDocument.objects.exists()


def test_a_pdf_is_refused_as_the_photo():
    with pytest.raises(ValidationError, match="JPG, PNG"):
        services.document_upload(
            application=draft(), kind="photo", upload=upload("foto.png", PDF_BYTES, "image/png")
        )


def test_a_png_photo_is_accepted():
    document = services.document_upload(
        application=draft(), kind="photo", upload=upload("foto.pdf", PNG_BYTES, "application/pdf")
    )

    assert document.content_type == "image/png"
    assert document.file.name.endswith(".png")


def test_a_file_over_the_size_limit_is_refused():
    big = PDF_BYTES + b"0" * (2 * 1024 * 1024)

    with pytest.raises(ValidationError, match="too large"):
        services.document_upload(application=draft(), kind="diploma", upload=upload("a.pdf", big))


def test_a_file_at_the_size_limit_is_accepted():
    diploma = pdf_bytes(pad=2 * 1024 * 1024)

    document = services.document_upload(
        application=draft(), kind="diploma", upload=upload("ijazah.pdf", diploma)
    )

    assert document.size == 2 * 1024 * 1024


def test_a_photo_at_the_size_limit_is_accepted_and_stored_re_encoded():
    photo = PNG_BYTES + b"0" * (512 * 1024 - len(PNG_BYTES))

    document = services.document_upload(
        application=draft(), kind="photo", upload=upload("f.png", photo, "image/png")
    )

    assert document.content_type == "image/png"
    assert document.size < 512 * 1024
    assert _stored(document).endswith(b"IEND\xaeB`\x82")  # the padding after the image is gone


def _stored(document) -> bytes:
    with document.file.open("rb") as fh:
        return fh.read()


def test_html_behind_a_jpeg_header_is_refused_as_the_identity_card():
    with pytest.raises(ValidationError, match="real"):
        services.document_upload(
            application=draft(), kind="ktp", upload=upload("ktp.jpg", HTML_AS_JPEG, "image/jpeg")
        )
    assert not ApplicationDocument.objects.exists()


def test_a_new_upload_replaces_the_old_one_of_the_same_kind():
    application = draft()
    services.document_upload(application=application, kind="ktp", upload=upload("a.pdf", PDF_BYTES))
    services.document_upload(application=application, kind="ktp", upload=upload("b.png", PNG_BYTES))

    assert list(application.documents.values_list("content_type", flat=True)) == ["image/png"]


def test_documents_cannot_change_after_submission():
    application = ApplicationFactory(status=Application.Status.SUBMITTED)

    with pytest.raises(ValidationError, match="before the application is sent"):
        services.document_upload(
            application=application, kind="ktp", upload=upload("a.pdf", PDF_BYTES)
        )


def test_submitting_without_every_document_is_refused(registration_time):
    application = draft()

    with pytest.raises(ValidationError, match="Upload these documents"):
        services.application_submit(application=application)


def upload_all(application):
    for kind in ("ktp", "diploma", "transcript", "letter"):
        services.document_upload(
            application=application, kind=kind, upload=upload("d.pdf", PDF_BYTES)
        )
    services.document_upload(
        application=application, kind="photo", upload=upload("p.png", PNG_BYTES)
    )


def test_submitting_copies_the_profile_used_for_tie_breaks(registration_time):
    application = ApplicationFactory(
        status=Application.Status.DRAFT,
        formasi=FormasiFactory(selection=SelectionFactory()),
        name="",
        birth_date=None,
        grade=None,
    )
    upload_all(application)

    services.application_submit(application=application)

    application.refresh_from_db()
    applicant = application.applicant
    assert application.status == Application.Status.SUBMITTED
    assert (application.name, application.birth_date, application.grade) == (
        applicant.name,
        applicant.birth_date,
        applicant.ipk,
    )


def test_the_profile_cannot_change_nik_or_birth_date():
    applicant = ApplicantFactory()

    with pytest.raises(ValidationError, match="cannot be changed"):
        services.applicant_update_profile(applicant=applicant, birth_date=dt.date(2000, 1, 1))


def test_an_ipk_above_4_is_refused_in_the_profile():
    with pytest.raises(ValidationError):
        services.applicant_update_profile(applicant=ApplicantFactory(), ipk=Decimal("4.01"))


def test_an_applicant_row_is_created_per_registration():
    register()

    assert Applicant.objects.count() == 1
