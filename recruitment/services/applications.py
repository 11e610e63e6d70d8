"""Applicants: account with confirmed email, profile, one application, documents, submission."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.common.notifications import notification_send
from asn_portal.common.uploads import (
    ACADEMIC_RECORD,
    IDENTITY_CARD,
    LETTER,
    PHOTO,
    UploadPolicy,
    upload_check,
)
from asn_portal.common.workflow import record_start, transition
from asn_portal.personnel import identifiers

from .. import selectors
from ..models import Applicant, Application, ApplicationDocument, Formasi
from .errors import RecruitmentError

CONFIRM_SALT = "recruitment.confirm-email"
CONFIRM_MAX_AGE = 3 * 24 * 3600

# Each kind of document has its upload policy (types and size, see asn_portal.common.uploads).
K = ApplicationDocument.Kind
POLICIES: dict[str, UploadPolicy] = {
    K.KTP: IDENTITY_CARD,
    K.DIPLOMA: ACADEMIC_RECORD,
    K.TRANSCRIPT: ACADEMIC_RECORD,
    K.PHOTO: PHOTO,
    K.LETTER: LETTER,
}
REQUIRED_DOCUMENTS = tuple(K.values)


def confirmation_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT)


@transaction.atomic
def applicant_register(
    *,
    nik: str,
    name: str,
    email: str,
    password: str,
    sex: str,
    birth_date: dt.date,
    site_url: str,
) -> Applicant | None:
    """Create an inactive account (username = NIK) and email the confirmation link.

    The NIK must agree with the birth date and sex (DOMAIN "Identifiers"). When the NIK or the
    email address already has an account, nothing is created and the owner of that account is
    emailed instead; the caller answers the same in both cases (no account enumeration).
    """
    nik = (nik or "").strip()
    try:
        identifiers.validate_nik_for(nik, sex=sex, birth_date=birth_date)
    except ValidationError as exc:
        raise RecruitmentError(exc.messages) from exc
    owners = _existing_owners(nik=nik, email=email)
    if owners:
        make_password(password)  # as slow as creating an account: the timing tells nothing
        for owner in owners:
            _registration_attempt_notify(owner=owner, site_url=site_url)
        return None
    User = get_user_model()
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=nik, email=email, password=password, is_active=False
            )
            applicant = Applicant.objects.create(
                user=user, nik=nik, name=name.strip(), sex=sex, birth_date=birth_date
            )
    except IntegrityError:  # registered a moment ago by a concurrent request
        for owner in _existing_owners(nik=nik, email=email):
            _registration_attempt_notify(owner=owner, site_url=site_url)
        return None
    link = site_url.rstrip("/") + reverse(
        "recruitment:confirm", kwargs={"token": confirmation_token(user)}
    )
    notification_send(
        recipient=user,
        title=_("Confirm your email address"),
        body=_("Open this link to activate your applicant account:"),
        url=link,
        dedup_key=f"recruitment:confirm:{user.pk}",
    )
    return applicant


def _existing_owners(*, nik: str, email: str) -> list:
    """The accounts that already hold this NIK (as applicant or username) or email address."""
    User = get_user_model()
    owners = {
        user.pk: user
        for user in User.objects.filter(
            Q(username=nik) | Q(applicant__nik=nik) | Q(email__iexact=email)
        )
    }
    return [owners[pk] for pk in sorted(owners)]


def _registration_attempt_notify(*, owner, site_url: str) -> None:
    """Tell an account's owner that someone tried to register with their NIK or email address.

    In the agency's language (Indonesian), at most once a day per account.
    """
    base = site_url.rstrip("/")
    sign_in = reverse("recruitment:login" if hasattr(owner, "applicant") else "accounts:login")
    with translation.override(settings.LANGUAGE_CODE):
        body = _(
            "Someone tried to create an applicant account with your NIK or email address. "
            "You already have an account (username %(username)s): sign in at %(sign_in)s. "
            "Forgot your password? Set a new one with the link below. If it was not you, "
            "you can ignore this email: nothing was changed."
        ) % {"username": owner.get_username(), "sign_in": base + sign_in}
        title = _("Someone tried to register with your data")
    notification_send(
        recipient=owner,
        title=title,
        body=body,
        url=base + reverse("accounts:password_reset"),
        dedup_key=f"recruitment:register-attempt:{owner.pk}:{timezone.localdate().isoformat()}",
    )


@transaction.atomic
def applicant_confirm_email(*, token: str) -> Applicant:
    """Activate the account whose confirmation link was opened (valid three days)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise RecruitmentError(_("This confirmation link has expired.")) from exc
    except signing.BadSignature as exc:
        raise RecruitmentError(_("This confirmation link is not valid.")) from exc
    applicant = (
        Applicant.objects.select_related("user")
        .filter(user_id=data.get("u"), user__email=data.get("e"))
        .first()
    )
    if applicant is None:
        raise RecruitmentError(_("This confirmation link is not valid."))
    if applicant.email_confirmed_at is None:
        applicant.email_confirmed_at = timezone.now()
        applicant.save(update_fields=["email_confirmed_at"])
        applicant.user.is_active = True
        applicant.user.save(update_fields=["is_active"])
    return applicant


PROFILE_FIELDS = (
    "name",
    "birth_place",
    "phone",
    "education_level",
    "major",
    "institution",
    "ipk",
    "diploma_average",
)


@transaction.atomic
def applicant_update_profile(*, applicant: Applicant, **fields) -> Applicant:
    """Update the profile; NIK, sex and birth date are fixed at registration."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise RecruitmentError(_("These fields cannot be changed: %(f)s") % {"f": sorted(unknown)})
    for key, value in fields.items():
        setattr(applicant, key, value)
    applicant.full_clean(exclude=["user"])
    applicant.save()
    return applicant


def _check_eligibility(applicant: Applicant, formasi: Formasi) -> None:
    selection = formasi.selection
    if not applicant.profile_complete:
        raise RecruitmentError(
            _("Complete your profile (education, major and IPK or diploma average) first.")
        )
    age = selectors.age_on(applicant.birth_date, selection.age_reference_date)
    if not selection.min_age <= age <= selection.max_age:
        raise RecruitmentError(
            _(
                "On %(date)s you are %(age)d years old; this selection accepts applicants aged "
                "%(min)d to %(max)d."
            )
            % {
                "date": selection.age_reference_date.strftime("%d-%m-%Y"),
                "age": age,
                "min": selection.min_age,
                "max": selection.max_age,
            }
        )
    if applicant.education_level != formasi.education_level:
        raise RecruitmentError(
            _("This formasi requires the education level %(level)s.")
            % {"level": formasi.get_education_level_display()}
        )
    majors = [m.casefold() for m in formasi.major_list]
    if majors and applicant.major.strip().casefold() not in majors:
        raise RecruitmentError(
            _("Your major is not among those this formasi accepts: %(majors)s.")
            % {"majors": ", ".join(formasi.major_list)}
        )
    if formasi.min_ipk is not None and (applicant.ipk is None or applicant.ipk < formasi.min_ipk):
        raise RecruitmentError(
            _("This formasi requires an IPK of at least %(ipk)s.") % {"ipk": formasi.min_ipk}
        )


def application_create(*, applicant: Applicant, formasi: Formasi) -> Application:
    """Apply to one formasi; one application per applicant per selection (database constraint).

    Two simultaneous requests cannot both succeed: the second hits the unique constraint and
    gets the same message as a later attempt.
    """
    formasi = Formasi.objects.select_related("selection").get(pk=formasi.pk)
    selection = formasi.selection
    if not selectors.registration_is_open(selection, on=calendar.today()):
        raise RecruitmentError(_("Registration for this selection is not open."))
    if not applicant.user.is_active or applicant.email_confirmed_at is None:
        raise RecruitmentError(_("Confirm your email address before applying."))
    _check_eligibility(applicant, formasi)
    already = _("You have already applied in this selection; only one formasi is allowed.")
    if Application.objects.filter(applicant=applicant, selection=selection).exists():
        raise RecruitmentError(already)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                selection=selection,
                formasi=formasi,
                applicant=applicant,
                registration_number=uuid.uuid4().hex[:30],
            )
            application.registration_number = (
                f"{selection.created_at:%y}{selection.pk:03d}{application.pk:08d}"
            )
            application.save(update_fields=["registration_number"])
    except IntegrityError as exc:
        raise RecruitmentError(already) from exc
    record_start(application, by=applicant.user)
    return application


@transaction.atomic
def document_upload(*, application: Application, kind: str, upload) -> ApplicationDocument:
    """Store a required document privately; type checked by content and size, by kind.

    A second upload of the same kind replaces the first (while the application is a draft).
    """
    if kind not in POLICIES:
        raise RecruitmentError(_("Unknown document kind."))
    if application.status != Application.Status.DRAFT:
        raise RecruitmentError(_("Documents can only be changed before the application is sent."))
    try:
        checked = upload_check(upload, policy=POLICIES[kind])
    except ValidationError as exc:
        raise RecruitmentError(
            _("%(doc)s: %(problem)s") % {"doc": K(kind).label, "problem": " ".join(exc.messages)}
        ) from exc
    old = ApplicationDocument.objects.filter(application=application, kind=kind).first()
    if old is not None:
        old_file = old.file
        old.delete()
        transaction.on_commit(lambda: old_file.storage.delete(old_file.name))
    document = ApplicationDocument(
        application=application,
        kind=kind,
        content_type=checked.content_type,
        size=checked.size,
        sha256=hashlib.sha256(checked.content).hexdigest(),
    )
    document.file.save(
        f"{kind}-{uuid.uuid4().hex}.{checked.extension}", checked.as_file(), save=False
    )
    document.save()
    return document


@transaction.atomic
def application_submit(*, application: Application) -> Application:
    """Send the application for verification: every document uploaded, registration open."""
    application = (
        Application.objects.select_for_update()
        .select_related("applicant__user", "selection")
        .get(pk=application.pk)
    )
    if not selectors.registration_is_open(application.selection, on=calendar.today()):
        raise RecruitmentError(_("Registration for this selection is closed."))
    have = set(application.documents.values_list("kind", flat=True))
    missing = [K(k).label for k in REQUIRED_DOCUMENTS if k not in have]
    if missing:
        raise RecruitmentError(
            _("Upload these documents first: %(docs)s.") % {"docs": ", ".join(map(str, missing))}
        )
    applicant = application.applicant
    transition(
        application,
        Application.Status.SUBMITTED,
        by=applicant.user,
        changes={
            "name": applicant.name,
            "birth_date": applicant.birth_date,
            "grade": selectors.grade_for_ranking(applicant),
            "submitted_at": timezone.now(),
        },
    )
    notification_send(
        recipient=applicant.user,
        title=_("Application %(number)s received") % {"number": application.registration_number},
        body=_("Your application will now be verified."),
        url=reverse("recruitment:application", kwargs={"pk": application.pk}),
        dedup_key=f"recruitment:submitted:{application.pk}",
    )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by) -> Application:
    """The applicant withdraws their application, while it is a draft or awaits verification.

    Withdrawn applications are left out of verification, ranking and every publication.
    """
    application = (
        Application.objects.select_for_update()
        .select_related("applicant__user")
        .get(pk=application.pk)
    )
    transition(application, Application.Status.WITHDRAWN, by=by)
    return application
