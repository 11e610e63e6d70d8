"""The agency's side: intake (verify, postpone, reject, archive, merge, dispose), the OPD's
follow-up, identity views and disciplinary cases."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.personnel.models import OrgUnit

from .. import permissions, selectors
from ..models import Complaint, ComplaintEvent, Privacy
from ._base import (
    TRACK_PATH,
    Kind,
    S,
    _deadline,
    _event,
    _locked,
    _move,
    _note_breach,
    _now,
)
from .outbox import _email_reporters, _notify_staff, _notify_status


def _require_intake(by) -> None:
    if not permissions.is_intake_officer(by):
        raise PermissionDenied(_("Only intake officers may do this."))


@transaction.atomic
def complaint_verify(
    *, complaint: Complaint, by, category=None, classification: str = "", note: str = ""
) -> Complaint:
    """Intake confirms the report is complete and within the agency's remit."""
    _require_intake(by)
    complaint = _locked(complaint)
    _move(complaint, S.VERIFIED, by=by, message=note)
    if category is not None:
        complaint.category = category
    if classification:
        complaint.classification = classification
    complaint.verified_at = _now()
    _note_breach(complaint)
    complaint.save()
    return complaint


@transaction.atomic
def complaint_postpone(*, complaint: Complaint, by, question: str) -> Complaint:
    """Intake needs more from the reporter; the agency's clock waits for their answer, which is
    due within `info_wait_days` working days (the report is archived otherwise)."""
    _require_intake(by)
    if not question.strip():
        raise ValidationError(_("Write the question for the reporter."))
    complaint = _locked(complaint)
    _move(complaint, S.NEEDS_INFO, by=by)
    _event(complaint, Kind.QUESTION, by=by, message=question.strip(), public=True)
    complaint.due_on = _deadline("info_wait_days")
    complaint.save()
    _notify_status(complaint, event_key="question")
    return complaint


def _finish(complaint: Complaint, to: str, *, by, reason: str, public_reason: bool) -> Complaint:
    _require_intake(by)
    if not reason.strip():
        raise ValidationError(_("Give the reason."))
    complaint = _locked(complaint)
    _move(complaint, to, by=by, message=reason.strip() if public_reason else "")
    if not public_reason:
        _event(complaint, Kind.NOTE, by=by, message=reason.strip())
    complaint.closed_at = _now()
    complaint.due_on = None
    complaint.save()
    _notify_status(complaint, event_key=to)
    return complaint


@transaction.atomic
def complaint_reject_not_authority(*, complaint: Complaint, by, reason: str) -> Complaint:
    """Not the region's remit: the reporter is told why (and where to turn)."""
    return _finish(complaint, S.NOT_AUTHORITY, by=by, reason=reason, public_reason=True)


@transaction.atomic
def complaint_archive(*, complaint: Complaint, by, reason: str) -> Complaint:
    """Spam or an abandoned postponed report; the reason stays internal."""
    return _finish(complaint, S.ARCHIVED, by=by, reason=reason, public_reason=False)


@transaction.atomic
def complaint_dispose(*, complaint: Complaint, by, unit: OrgUnit, note: str = "") -> Complaint:
    """Hand a verified report to the responsible OPD; its follow-up clock starts."""
    _require_intake(by)
    complaint = _locked(complaint)
    if complaint.status != S.VERIFIED:
        raise ValidationError(_("Verify the report before disposing it."))
    _move(
        complaint,
        S.DISPOSED,
        by=by,
        message=_("Forwarded to %(unit)s.") % {"unit": unit.name},
        changes={"disposed_unit": unit},
    )
    if note.strip():
        _event(complaint, Kind.NOTE, by=by, message=note.strip())
    _note_breach(complaint)
    complaint.disposed_unit = unit
    complaint.disposed_at = _now()
    complaint.due_on = _deadline("follow_up_days")
    complaint.save()
    _notify_staff(
        selectors.unit_operators(unit),
        complaint,
        key="disposed",
        title=_("Report %(code)s needs your unit's follow-up") % {"code": complaint.tracking_code},
    )
    _notify_status(complaint, event_key="disposed")
    return complaint


@transaction.atomic
def complaint_respond(*, complaint: Complaint, by, message: str) -> Complaint:
    """The OPD's follow-up, with its answer to the reporter; the reply window starts."""
    complaint = _locked(complaint)
    if not permissions.can_follow_up(by, complaint):
        raise PermissionDenied(_("You cannot follow up this report."))
    if not message.strip():
        raise ValidationError(_("Write the response to the reporter."))
    _event(complaint, Kind.RESPONSE, by=by, message=message.strip(), public=True)
    _move(complaint, S.RESPONDED, by=by)
    _note_breach(complaint)
    complaint.responded_at = _now()
    complaint.due_on = _deadline("auto_close_days")
    complaint.save()
    _email_reporters(
        complaint,
        key=f"response:{uuid.uuid4().hex[:8]}",
        subject=_("Your report {code} was followed up"),
        body=_(
            "The agency responded to your report {code}:\n\n%(message)s\n\nYou can accept it, "
            "rate it or reopen the report at %(url)s."
        )
        % {"message": message.strip(), "url": TRACK_PATH},
    )
    return complaint


@transaction.atomic
def complaint_note(*, complaint: Complaint, by, message: str) -> ComplaintEvent:
    """An internal note, never shown to the reporter."""
    if not permissions.can_see_complaint(by, complaint):
        raise PermissionDenied(_("You cannot see this report."))
    if not message.strip():
        raise ValidationError(_("Write the note first."))
    return _event(complaint, Kind.NOTE, by=by, message=message.strip())


@transaction.atomic
def complaint_identity_reveal(*, complaint: Complaint, by) -> dict:
    """The reporter's identity, for those allowed; a confidential one's view is recorded."""
    if not permissions.can_see_identity(by, complaint):
        raise PermissionDenied(_("You may not see this reporter's identity."))
    if complaint.privacy == Privacy.CONFIDENTIAL:
        _event(complaint, Kind.IDENTITY_VIEW, by=by)
    return {
        "name": complaint.reporter_name,
        "email": complaint.reporter_email,
        "phone": complaint.reporter_phone,
    }


@transaction.atomic
def complaint_merge(*, complaint: Complaint, into: Complaint, by) -> Complaint:
    """Fold a duplicate into the report it repeats; both reporters follow the surviving one."""
    _require_intake(by)
    if complaint.pk == into.pk:
        raise ValidationError(_("A report cannot be merged into itself."))
    complaint, into = _locked(complaint), _locked(into)
    if into.status in (S.MERGED, S.ARCHIVED, S.NOT_AUTHORITY):
        raise ValidationError(_("Merge into a report that is being handled."))
    _move(
        complaint,
        S.MERGED,
        by=by,
        message=_("Merged into report %(code)s; you will receive its updates.")
        % {"code": into.tracking_code},
        changes={"merged_into": into},
    )
    complaint.merged_into = into
    complaint.due_on = None
    complaint.closed_at = _now()
    complaint.save()
    _event(
        into,
        Kind.MERGE,
        by=by,
        message=_("Report %(code)s was merged into this one.") % {"code": complaint.tracking_code},
    )
    _notify_status(complaint, event_key="merged")
    return complaint


@transaction.atomic
def complaint_open_discipline_case(
    *, complaint: Complaint, by, employee, legal_article: str
) -> Complaint:
    """Open a disciplinary case in `rewards` (a floor down) through its service.

    The case gets the report's public code, subject, description and date, never the
    reporter's identity; the report keeps the link to the case. Rewards never reads back.
    """
    from rewards.models import DisciplinaryCase
    from rewards.services import case_open

    _require_intake(by)
    complaint = _locked(complaint)
    refusal = selectors.discipline_case_refusal(complaint)
    if refusal:
        raise ValidationError(refusal)
    today = calendar.today()
    occurred = (
        complaint.incident_date
        if complaint.incident_date and complaint.incident_date <= today
        else None
    )
    case = case_open(
        employee=employee,
        violation=_("Public report %(code)s: %(subject)s\n\n%(description)s")
        % {
            "code": complaint.tracking_code,
            "subject": complaint.subject,
            "description": complaint.description,
        },
        legal_article=legal_article.strip() or "PP 94/2021",
        source=DisciplinaryCase.Source.CITIZEN_COMPLAINT,
        reported_on=today,
        occurred_on=occurred,
        by=by,
        complaint_code=complaint.tracking_code,
    )
    complaint.employee = employee
    complaint.discipline_case = case
    complaint.save(update_fields=["employee", "discipline_case", "updated_at"])
    _event(complaint, Kind.CASE, by=by, message=str(case.pk))
    return complaint
