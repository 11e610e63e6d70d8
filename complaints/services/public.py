"""The citizen's side: submitting a report, tracking it, answering, accepting, reopening."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.common.uploads import COMPLAINT_ATTACHMENT, CheckedFile, upload_check
from asn_portal.common.workflow import record_start
from asn_portal.personnel.models import OrgUnit

from .. import codes, conf, selectors
from ..models import Attachment, Complaint, Privacy
from ._base import (
    CODE_ATTEMPTS,
    TRACK_PATH,
    DuplicateSubmission,
    Kind,
    S,
    _deadline,
    _event,
    _locked,
    _move,
    _now,
)
from .outbox import _email_reporters, _notify_staff


@dataclass(frozen=True)
class Submitted:
    complaint: Complaint
    pin: str


@transaction.atomic
def complaint_submit(
    *,
    classification: str,
    category,
    subject: str,
    description: str,
    privacy: str,
    consent: bool,
    reported_unit: OrgUnit | None = None,
    incident_date: dt.date | None = None,
    incident_place: str = "",
    asn_named: str = "",
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    contact_shared_with_opd: bool = False,
    attachments: list[CheckedFile] = (),
    submission_token: uuid.UUID | None = None,
) -> Submitted:
    """Store a report with a fresh tracking code and PIN; the verification clock starts.

    An anonymous report keeps no name, email or phone, whatever was typed.
    """
    if not consent:
        raise ValidationError(_("Please agree to the processing of your report."))
    if len(attachments) > conf.get("MAX_ATTACHMENTS"):
        raise ValidationError(_("At most %(n)s attachments.") % {"n": conf.get("MAX_ATTACHMENTS")})
    if privacy == Privacy.ANONYMOUS:
        reporter_name = reporter_email = reporter_phone = ""
    elif not reporter_name.strip():
        raise ValidationError(_("Give your name, or choose to report anonymously."))
    pin = codes.new_pin()
    complaint = Complaint(
        classification=classification,
        category=category,
        reported_unit=reported_unit,
        subject=subject.strip(),
        description=description.strip(),
        incident_date=incident_date,
        incident_place=incident_place.strip(),
        asn_named=asn_named.strip(),
        privacy=privacy,
        reporter_name=reporter_name.strip(),
        reporter_email=reporter_email.strip(),
        reporter_phone=reporter_phone.strip(),
        contact_shared_with_opd=contact_shared_with_opd and privacy == Privacy.PUBLIC,
        consent=consent,
        pin_hash=codes.hash_pin(pin),
        submission_token=submission_token,
        due_on=_deadline("verify_days"),
    )
    # Field checks only: the constraints are the database's, and each would cost a query.
    complaint.full_clean(
        exclude=["tracking_code", "submission_token", "category", "reported_unit"],
        validate_unique=False,
        validate_constraints=False,
    )
    for _attempt in range(CODE_ATTEMPTS):
        complaint.tracking_code = codes.new_tracking_code()
        try:
            with transaction.atomic():
                complaint.save()
            break
        except IntegrityError as exc:
            if (
                submission_token
                and Complaint.objects.filter(submission_token=submission_token).exists()
            ):
                raise DuplicateSubmission from exc
            if "tracking_code" not in str(exc):
                raise
            complaint.pk = None  # the code was taken: draw another
    else:  # pragma: no cover - 8 collisions in 10^12 codes
        raise RuntimeError("no free tracking code")
    for upload in attachments:
        clean = upload_check(upload, policy=COMPLAINT_ATTACHMENT)
        attachment = Attachment(
            complaint=complaint, content_type=clean.content_type, size=len(clean.content)
        )
        attachment.file.save("upload", ContentFile(clean.content), save=True)
    record_start(complaint)
    _event(complaint, Kind.STATUS, to_status=S.RECEIVED, by_reporter=True, public=True)
    _email_reporters(
        complaint,
        key="receipt",
        subject=_("Your report {code} was received"),
        body=_(
            "Thank you. Your report was received.\n\nTracking code: {code}\nPIN: %(pin)s\n\n"
            "Follow it at %(url)s. Keep the PIN secret: it is not stored in a readable form "
            "and cannot be shown again."
        )
        % {"pin": pin, "url": TRACK_PATH},
        merged=False,  # a new report has none merged into it
    )
    _notify_staff(
        selectors.intake_officers(),
        complaint,
        key="new",
        title=_("New report %(code)s to verify") % {"code": complaint.tracking_code},
    )
    return Submitted(complaint=complaint, pin=pin)


class TrackResult:
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"


def tracking_authenticate(*, code: str, pin: str) -> tuple[str, Complaint | None]:
    """Check a code and PIN. Wrong PINs count per report; too many lock it for a while.

    An unknown code and a wrong PIN give the same answer, so codes cannot be probed.
    """
    normalised = codes.normalise_code(code)
    now = _now()
    with transaction.atomic():
        complaint = (
            Complaint.objects.select_for_update().filter(tracking_code=normalised).first()
            if normalised
            else None
        )
        if complaint is None:
            return TrackResult.WRONG, None
        if complaint.pin_locked_until and complaint.pin_locked_until > now:
            return TrackResult.LOCKED, None
        if codes.check_pin((pin or "").strip(), complaint.pin_hash):
            if complaint.pin_failures:
                complaint.pin_failures = 0
                complaint.save(update_fields=["pin_failures"])
            return TrackResult.OK, complaint
        complaint.pin_failures = F("pin_failures") + 1
        complaint.save(update_fields=["pin_failures"])
        complaint.refresh_from_db(fields=["pin_failures"])
        if complaint.pin_failures >= conf.get("PIN_MAX_FAILURES"):
            complaint.pin_failures = 0
            complaint.pin_locked_until = now + dt.timedelta(seconds=conf.get("PIN_LOCK_SECONDS"))
            complaint.save(update_fields=["pin_failures", "pin_locked_until"])
            return TrackResult.LOCKED, None
        return TrackResult.WRONG, None


def _reporter_attachments(complaint: Complaint, attachments: list[CheckedFile]) -> None:
    room = conf.get("MAX_ATTACHMENTS") * 2 - complaint.attachments.count()
    if len(attachments) > room:
        raise ValidationError(_("This report cannot take more attachments."))
    for upload in attachments:
        clean = upload_check(upload, policy=COMPLAINT_ATTACHMENT)
        attachment = Attachment(
            complaint=complaint, content_type=clean.content_type, size=len(clean.content)
        )
        attachment.file.save("upload", ContentFile(clean.content), save=True)


@transaction.atomic
def complaint_add_information(
    *, complaint: Complaint, message: str, attachments: list[CheckedFile] = ()
) -> Complaint:
    """The reporter adds information or answers a question.

    An answer to a postponed report sends it back to intake with a fresh verification clock.
    """
    complaint = _locked(complaint)
    if complaint.status in Complaint.FINISHED_STATUSES:
        raise ValidationError(_("This report is finished; reopen it to add information."))
    if not message.strip():
        raise ValidationError(_("Write your information first."))
    _event(complaint, Kind.REPORTER_MESSAGE, by_reporter=True, message=message.strip(), public=True)
    _reporter_attachments(complaint, list(attachments))
    if complaint.status == S.NEEDS_INFO:
        _move(complaint, S.RECEIVED, by_reporter=True)
        complaint.due_on = _deadline("verify_days")
    complaint.save()
    if complaint.status in (S.DISPOSED, S.RESPONDED) and complaint.disposed_unit:
        recipients = selectors.unit_operators(complaint.disposed_unit)
    else:
        recipients = selectors.intake_officers()
    _notify_staff(
        recipients,
        complaint,
        key=f"info:{uuid.uuid4().hex[:8]}",
        title=_("The reporter of %(code)s added information") % {"code": complaint.tracking_code},
    )
    return complaint


@transaction.atomic
def complaint_accept(*, complaint: Complaint, rating: int | None = None) -> Complaint:
    """The reporter accepts the follow-up: the report is closed (optionally rated)."""
    complaint = _locked(complaint)
    if complaint.status != S.RESPONDED:
        raise ValidationError(_("Only a report that was followed up can be accepted."))
    _move(complaint, S.CLOSED, by_reporter=True, message=_("Accepted by the reporter."))
    complaint.closed_at = _now()
    complaint.due_on = None
    complaint.save()
    if rating is not None:
        complaint = complaint_rate(complaint=complaint, rating=rating)
    return complaint


@transaction.atomic
def complaint_rate(*, complaint: Complaint, rating: int) -> Complaint:
    """The reporter rates the resolution from 1 to 5 (again, if they change their mind)."""
    complaint = _locked(complaint)
    if complaint.status not in (S.RESPONDED, S.CLOSED):
        raise ValidationError(_("A report can be rated once it has been followed up."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError(_("The rating is a number from 1 to 5."))
    complaint.rating = rating
    complaint.save(update_fields=["rating", "updated_at"])
    _event(complaint, Kind.RATING, by_reporter=True, message=str(rating), public=True)
    return complaint


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, reason: str) -> Complaint:
    """The reporter is not satisfied: back to the OPD with a fresh follow-up clock.

    Allowed while the follow-up awaits their reply, and for `reopen_days` working days after
    the report was closed.
    """
    complaint = _locked(complaint)
    if not reason.strip():
        raise ValidationError(_("Tell us why the report should be reopened."))
    if complaint.status == S.CLOSED:
        last_day = selectors.reopen_deadline(complaint)
        if last_day is None or calendar.today() > last_day:
            raise ValidationError(_("The time to reopen this report has passed."))
    elif complaint.status != S.RESPONDED:
        raise ValidationError(_("Only a report that was followed up can be reopened."))
    _event(complaint, Kind.REPORTER_MESSAGE, by_reporter=True, message=reason.strip(), public=True)
    _move(complaint, S.DISPOSED, by_reporter=True, message=_("Reopened by the reporter."))
    complaint.closed_at = None
    complaint.due_on = _deadline("follow_up_days")
    complaint.save()
    _notify_staff(
        selectors.unit_operators(complaint.disposed_unit),
        complaint,
        key=f"reopened:{uuid.uuid4().hex[:8]}",
        title=_("Report %(code)s was reopened by the reporter") % {"code": complaint.tracking_code},
    )
    return complaint
