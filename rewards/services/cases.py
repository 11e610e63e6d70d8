"""Disciplinary cases: open, correct, examine, close; evidence and examination records."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from asn_portal.common.uploads import CASE_EVIDENCE, upload_check
from asn_portal.common.workflow import record_start, transition
from asn_portal.personnel.models import Employee

from ..models import CaseEvidence, DisciplinaryCase, Examination
from ._common import locked_case, not_in_future

# PP 94/2021: an examination team is the direct supervisor, a supervision and a personnel officer.
MIN_TEAM_SIZE = 3


@transaction.atomic
def case_open(
    *,
    employee: Employee,
    violation: str,
    legal_article: str,
    source: str,
    reported_on: dt.date,
    occurred_on: dt.date | None = None,
    by=None,
    proposed_kind: str = "",
    absence_days: int | None = None,
    consecutive_absence_days: int | None = None,
    absence_year: int | None = None,
    absence_dates: list[str] | None = None,
    complaint_code: str = "",
) -> DisciplinaryCase:
    """Record a reported violation; the case starts as reported."""
    not_in_future(reported_on, "reported_on", _("The report date"))
    not_in_future(occurred_on, "occurred_on", _("The date of the violation"))
    case = DisciplinaryCase(
        employee=employee,
        violation=violation,
        legal_article=legal_article,
        source=source,
        reported_on=reported_on,
        occurred_on=occurred_on,
        proposed_kind=proposed_kind,
        absence_days=absence_days,
        consecutive_absence_days=consecutive_absence_days,
        absence_year=absence_year,
        absence_dates=absence_dates or [],
        complaint_code=complaint_code,
        created_by=by,
    )
    case.full_clean()
    case.save()
    record_start(case, by=by)
    return case


@transaction.atomic
def case_update_details(
    *, case: DisciplinaryCase, violation: str, legal_article: str, occurred_on: dt.date | None
) -> DisciplinaryCase:
    """Correct the description of the violation; the status and the decision stay as they are."""
    case = locked_case(case)
    not_in_future(occurred_on, "occurred_on", _("The date of the violation"))
    case.violation, case.legal_article, case.occurred_on = violation, legal_article, occurred_on
    case.full_clean()
    case.save(update_fields=["violation", "legal_article", "occurred_on", "updated_at"])
    return case


@transaction.atomic
def case_start_examination(
    *, case: DisciplinaryCase, examined_on: dt.date, by=None, note: str = ""
) -> DisciplinaryCase:
    """Move a reported case to examination (the supervisor or the examination team)."""
    case = locked_case(case)
    if examined_on < case.reported_on:
        raise ValidationError(_("The examination cannot be before the report."))
    not_in_future(examined_on, "examined_on", _("The examination date"))
    transition(
        case,
        DisciplinaryCase.Status.EXAMINATION,
        by=by,
        note=note,
        changes={"examined_on": examined_on},
    )
    return case


@transaction.atomic
def case_close(*, case: DisciplinaryCase, reason: str, by=None) -> DisciplinaryCase:
    """Close a case without a sanction (no violation proven), keeping the reason."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for closing the case."))
    case = locked_case(case)
    transition(
        case, DisciplinaryCase.Status.CLOSED, by=by, note=reason, changes={"closing_reason": reason}
    )
    return case


@transaction.atomic
def evidence_add(*, case: DisciplinaryCase, file, description: str, by=None) -> CaseEvidence:
    """Attach a file of evidence to a case that is still open."""
    case = locked_case(case)
    if case.workflow.is_final(case.status):
        raise ValidationError(_("This case is closed."))
    checked = upload_check(file, policy=CASE_EVIDENCE)
    evidence = CaseEvidence(
        case=case,
        file=checked.as_file(),
        content_type=checked.content_type,
        original_name=checked.original_name,
        description=description,
        uploaded_by=by,
    )
    evidence.full_clean(exclude=["case"])
    evidence.save()
    return evidence


def examination_open(case: DisciplinaryCase) -> bool:
    """Examination steps are recorded while the case may still be decided."""
    return case.workflow.move(case.status, DisciplinaryCase.Status.DECIDED) is not None


@transaction.atomic
def examination_record(
    *,
    case: DisciplinaryCase,
    kind: str,
    held_on: dt.date,
    examiners: list[Employee] | tuple[Employee, ...] = (),
    by_team: bool = False,
    document_number: str = "",
    summary: str = "",
) -> Examination:
    """Record a summons or an examination record (BAP) of a case under examination."""
    case = locked_case(case)
    if not examination_open(case):
        raise ValidationError(_("Start the examination of the case first."))
    if held_on < case.reported_on:
        raise ValidationError(_("The examination cannot be before the report."))
    if kind == Examination.Kind.RECORD:
        not_in_future(held_on, "held_on", _("The examination date"))
    if any(e.pk == case.employee_id for e in examiners):
        raise ValidationError(_("The employee concerned cannot be an examiner."))
    if by_team and len(examiners) < MIN_TEAM_SIZE:
        raise ValidationError(
            _("An examination team has at least %(count)d examiners.") % {"count": MIN_TEAM_SIZE}
        )
    examination = Examination(
        case=case,
        kind=kind,
        held_on=held_on,
        by_team=by_team,
        document_number=document_number,
        summary=summary,
    )
    examination.full_clean(exclude=["case"])
    examination.save()
    examination.examiners.set(examiners)
    return examination
