"""Writes for discipline and rewards: every state change with its checks, in one transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.accounts.models import User
from asn_portal.common.calendar import add_working_days
from asn_portal.common.notifications import notification_send
from asn_portal.common.uploads import CASE_EVIDENCE, upload_check
from asn_portal.personnel.models import Employee
from asn_portal.personnel.selectors import ACTIVE_STATES
from asn_portal.personnel.services import employee_set_state

from . import selectors
from .models import (
    DURATION_MONTHS,
    EFFECTIVE_AFTER_WORKING_DAYS,
    LEVEL_OF_KIND,
    AwardType,
    CaseEvidence,
    DisciplinaryCase,
    Examination,
    Nomination,
    NominationEvent,
    Objection,
    Sanction,
    SanctionKind,
    SanctionLevel,
)
from .periods import add_months

# The duty to come to work and keep working hours (PP 94/2021 art. 4 letter f).
ABSENCE_LEGAL_ARTICLE = "PP 94/2021 Pasal 4 huruf f"


def sanction_window(kind: str, delivered_on: dt.date) -> tuple[dt.date, dt.date | None]:
    """First and last day in force: from 15 working days after delivery, for the type's months.

    A light sanction is in force on its effective day only; a dismissal has no end.
    """
    effective_from = add_working_days(delivered_on, EFFECTIVE_AFTER_WORKING_DAYS)
    if kind == SanctionKind.DISMISSAL:
        return effective_from, None
    months = DURATION_MONTHS.get(kind)
    if months is None:
        return effective_from, effective_from
    return effective_from, add_months(effective_from, months) - dt.timedelta(days=1)


def _notify(user, *, title: str, key: str) -> None:
    """Tell a user (in the app, and by email after commit), once per key."""
    if user is not None and user.is_active:
        url = reverse("portal:dashboard") if user.employee_id else ""
        notification_send(recipient=user, title=title, dedup_key=key, url=url)


def _user_of(employee: Employee) -> User | None:
    return User.objects.filter(employee=employee, is_active=True).first()


def _move(obj, *, to: str, by, note: str = "", events) -> None:
    """Move a case or nomination along its TRANSITIONS table and record the event."""
    if not obj.can_move_to(to):
        raise ValidationError(
            _("The status cannot change from “%(current)s” to “%(target)s”.")
            % {"current": obj.get_status_display(), "target": obj.Status(to).label}
        )
    events.create(from_status=obj.status, to_status=to, by=by, note=note)
    obj.status = to


def _case_move(*, case: DisciplinaryCase, to: str, by, note: str = "") -> None:
    _move(case, to=to, by=by, note=note, events=case.events)


def _locked_case(case: DisciplinaryCase) -> DisciplinaryCase:
    return DisciplinaryCase.objects.select_for_update().get(pk=case.pk)


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
) -> DisciplinaryCase:
    """Record a reported violation; the case starts as reported."""
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
        created_by=by,
    )
    case.full_clean()
    case.save()
    case.events.create(to_status=case.status, by=by)
    return case


@transaction.atomic
def case_propose_from_attendance(
    *,
    employee: Employee,
    year: int,
    days_unexcused: int,
    consecutive_days: int = 0,
    reported_on: dt.date,
    by=None,
) -> DisciplinaryCase | None:
    """Open a case with the sanction the absence table proposes, or None below the table.

    The proposal is only a suggestion for the officer who examines and decides the case.
    """
    kind = selectors.absence_sanction_proposal(days_unexcused, consecutive_days)
    if kind is None:
        return None
    violation = _(
        "Unexcused absence: %(days)d working days in %(year)d, at most %(consecutive)d in a row."
    ) % {"days": days_unexcused, "year": year, "consecutive": consecutive_days}
    return case_open(
        employee=employee,
        violation=violation,
        legal_article=ABSENCE_LEGAL_ARTICLE,
        source=DisciplinaryCase.Source.ATTENDANCE,
        reported_on=reported_on,
        by=by,
        proposed_kind=kind,
        absence_days=days_unexcused,
        consecutive_absence_days=consecutive_days,
    )


@transaction.atomic
def case_update_details(
    *, case: DisciplinaryCase, violation: str, legal_article: str, occurred_on: dt.date | None
) -> DisciplinaryCase:
    """Correct the description of the violation; the status and the decision stay as they are."""
    case = _locked_case(case)
    case.violation, case.legal_article, case.occurred_on = violation, legal_article, occurred_on
    case.full_clean()
    case.save(update_fields=["violation", "legal_article", "occurred_on", "updated_at"])
    return case


@transaction.atomic
def case_start_examination(
    *, case: DisciplinaryCase, examined_on: dt.date, by=None, note: str = ""
) -> DisciplinaryCase:
    """Move a reported case to examination (the supervisor or the examination team)."""
    case = _locked_case(case)
    if examined_on < case.reported_on:
        raise ValidationError(_("The examination cannot be before the report."))
    _case_move(case=case, to=DisciplinaryCase.Status.EXAMINATION, by=by, note=note)
    case.examined_on = examined_on
    case.save(update_fields=["status", "examined_on", "updated_at"])
    return case


@transaction.atomic
def case_close(*, case: DisciplinaryCase, reason: str, by=None) -> DisciplinaryCase:
    """Close a case without a sanction (no violation proven), keeping the reason."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for closing the case."))
    case = _locked_case(case)
    _case_move(case=case, to=DisciplinaryCase.Status.CLOSED, by=by, note=reason)
    case.closing_reason = reason
    case.save(update_fields=["status", "closing_reason", "updated_at"])
    return case


@transaction.atomic
def evidence_add(*, case: DisciplinaryCase, file, description: str, by=None) -> CaseEvidence:
    """Attach a file of evidence to a case that is still open."""
    case = _locked_case(case)
    if case.status == DisciplinaryCase.Status.CLOSED:
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


# PP 94/2021: an examination team is the direct supervisor, a supervision and a personnel officer.
MIN_TEAM_SIZE = 3


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
    case = _locked_case(case)
    if case.status != DisciplinaryCase.Status.EXAMINATION:
        raise ValidationError(_("Start the examination of the case first."))
    if held_on < case.reported_on:
        raise ValidationError(_("The examination cannot be before the report."))
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


def _check_examined(case: DisciplinaryCase, level: str) -> None:
    """A decision needs a BAP; a heavy one a BAP by an examination team (PP 94/2021)."""
    records = case.examinations.filter(kind=Examination.Kind.RECORD)
    if level == SanctionLevel.HEAVY and not records.filter(by_team=True).exists():
        raise ValidationError(_("A heavy sanction needs an examination record by a team."))
    if not records.exists():
        raise ValidationError(_("A sanction needs an examination record (BAP)."))


@transaction.atomic
def sanction_decide(
    *,
    case: DisciplinaryCase,
    kind: str,
    decree_number: str,
    decree_date: dt.date,
    official_name: str,
    official_title: str,
    level: str | None = None,
    delivered_on: dt.date | None = None,
    by=None,
) -> Sanction:
    """Decide the sanction of an examined case; the level must be the type's level."""
    case = _locked_case(case)
    if kind not in LEVEL_OF_KIND:
        raise ValidationError(_("Unknown sanction type."))
    level = level or LEVEL_OF_KIND[kind]
    if LEVEL_OF_KIND[kind] != level:
        raise ValidationError(
            _("“%(kind)s” is not a sanction of level “%(level)s”.")
            % {"kind": SanctionKind(kind).label, "level": SanctionLevel(level).label}
        )
    _check_examined(case, level)
    _case_move(case=case, to=DisciplinaryCase.Status.DECIDED, by=by, note=decree_number)
    case.save(update_fields=["status", "updated_at"])
    sanction = Sanction(
        case=case,
        level=level,
        kind=kind,
        decree_number=decree_number,
        decree_date=decree_date,
        official_name=official_name,
        official_title=official_title,
    )
    sanction.full_clean(exclude=["case"])
    sanction.save()
    if delivered_on is not None:
        sanction = sanction_record_delivery(sanction=sanction, delivered_on=delivered_on, by=by)
    return sanction


@transaction.atomic
def sanction_record_delivery(*, sanction: Sanction, delivered_on: dt.date, by=None) -> Sanction:
    """Record the day the decree was delivered; this fixes when the sanction is in force."""
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if sanction.is_cancelled:
        raise ValidationError(_("This decision has been cancelled."))
    if delivered_on < sanction.decree_date:
        raise ValidationError(_("A decree cannot be delivered before its date."))
    sanction.delivered_on = delivered_on
    sanction.effective_from, sanction.ends_on = sanction_window(sanction.kind, delivered_on)
    sanction.save(update_fields=["delivered_on", "effective_from", "ends_on"])
    _notify(
        _user_of(sanction.case.employee),
        title=_("A disciplinary decision was delivered to you: %(number)s")
        % {"number": sanction.decree_number},
        key=f"rewards:sanction:{sanction.pk}:delivered",
    )
    return sanction


@transaction.atomic
def dismissals_apply(*, on_date: dt.date) -> list[Employee]:
    """Record as dismissed whoever's dismissal is in force on the date, unless an appeal is
    pending (the ASN keeps their position and pay meanwhile, PP 79/2021). Safe to run twice.
    """
    due = Sanction.objects.filter(
        kind=SanctionKind.DISMISSAL,
        cancelled_on__isnull=True,
        effective_from__lte=on_date,
        case__employee__state__in=ACTIVE_STATES,
    ).select_related("case__employee")
    dismissed = []
    for sanction in due:
        employee = sanction.case.employee
        if selectors.pay_kept_under_appeal(employee, on_date):
            continue
        employee_set_state(employee=employee, state=Employee.State.DISMISSED)
        dismissed.append(employee)
    return dismissed


@transaction.atomic
def objection_file(
    *, sanction: Sanction, kind: str, filed_on: dt.date, grounds: str, by=None
) -> Objection:
    """Record an objection (any decision but dismissal) or an appeal (dismissal only)."""
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    is_dismissal = sanction.kind == SanctionKind.DISMISSAL
    if kind == Objection.Kind.APPEAL and not is_dismissal:
        raise ValidationError(_("An appeal to BPASN is only against dismissal."))
    if kind == Objection.Kind.OBJECTION and is_dismissal:
        raise ValidationError(_("Against dismissal, file an appeal to BPASN."))
    if sanction.is_cancelled:
        raise ValidationError(_("This decision has been cancelled."))
    if sanction.objections.filter(outcome=Objection.Outcome.PENDING).exists():
        raise ValidationError(_("An objection or appeal against this decision is pending."))
    if filed_on < sanction.decree_date:
        raise ValidationError(_("An objection cannot be filed before the decree date."))
    deadline = selectors.filing_deadline(sanction, kind)
    if deadline is not None and filed_on > deadline:
        raise ValidationError(
            _(
                "The filing window has closed: it could be filed until %(deadline)s, "
                "%(days)d days after the decision was delivered on %(delivered)s."
            )
            % {
                "deadline": f"{deadline:%d-%m-%Y}",
                "days": (deadline - sanction.delivered_on).days,
                "delivered": f"{sanction.delivered_on:%d-%m-%Y}",
            }
        )
    objection = Objection(sanction=sanction, kind=kind, filed_on=filed_on, grounds=grounds)
    objection.full_clean(exclude=["sanction"])
    objection.save()
    return objection


@transaction.atomic
def objection_decide(
    *,
    objection: Objection,
    outcome: str,
    decided_on: dt.date,
    decision_number: str = "",
    amended_kind: str = "",
    notes: str = "",
    by=None,
) -> Objection:
    """Record the outcome: a granted objection or appeal cancels the decision and its effects;
    an amending one changes the sanction's type, and its window follows the new type.
    """
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    sanction = Sanction.objects.select_for_update().get(pk=objection.sanction_id)
    if objection.outcome != Objection.Outcome.PENDING:
        raise ValidationError(_("This objection has already been decided."))
    if outcome not in Objection.Outcome.values or outcome == Objection.Outcome.PENDING:
        raise ValidationError(_("Choose the outcome of the objection."))
    if decided_on is None or decided_on < objection.filed_on:
        raise ValidationError(_("The outcome cannot be before the filing date."))
    amending = outcome == Objection.Outcome.AMENDED
    if amending and (amended_kind not in LEVEL_OF_KIND or amended_kind == sanction.kind):
        raise ValidationError(_("Choose the sanction the decision is changed to."))
    if not amending and amended_kind:
        raise ValidationError(_("A sanction to change to is only for a changed decision."))
    original_kind = sanction.kind
    objection.outcome, objection.decided_on = outcome, decided_on
    objection.decision_number, objection.notes = decision_number, notes
    if amending:
        objection.original_kind, objection.amended_kind = original_kind, amended_kind
    objection.save()
    if outcome == Objection.Outcome.GRANTED:
        sanction.cancelled_on = decided_on
        sanction.save(update_fields=["cancelled_on"])
    elif amending:
        sanction.kind, sanction.level = amended_kind, LEVEL_OF_KIND[amended_kind]
        if sanction.delivered_on is not None:
            sanction.effective_from, sanction.ends_on = sanction_window(
                amended_kind, sanction.delivered_on
            )
        sanction.save(update_fields=["kind", "level", "effective_from", "ends_on"])
    employee = sanction.case.employee
    dismissal_undone = original_kind == SanctionKind.DISMISSAL and (
        sanction.is_cancelled or sanction.kind != SanctionKind.DISMISSAL
    )
    if dismissal_undone and employee.state == Employee.State.DISMISSED:
        employee_set_state(employee=employee, state=Employee.State.ACTIVE)
    _notify(
        _user_of(employee),
        title=_("Your %(kind)s was decided: %(outcome)s")
        % {"kind": objection.get_kind_display(), "outcome": objection.get_outcome_display()},
        key=f"rewards:objection:{objection.pk}:decided",
    )
    return objection


def _nomination_move(*, nomination: Nomination, to: str, by, note: str = "") -> None:
    _move(nomination, to=to, by=by, note=note, events=nomination.events)


def _locked_nomination(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_for_update().get(pk=nomination.pk)


@transaction.atomic
def nomination_submit(
    *,
    employee: Employee,
    award_type: AwardType,
    year: int,
    justification: str,
    amount: int | None = None,
    by=None,
) -> Nomination:
    """Nominate an employee for an award (a supervisor, an OPD operator or BKD)."""
    if not award_type.is_active:
        raise ValidationError(_("This award type is no longer given."))
    if award_type.category == AwardType.Category.CASH and not amount:
        raise ValidationError(_("A cash incentive needs an amount."))
    if Nomination.objects.filter(
        employee=employee, award_type=award_type, year=year, status__in=Nomination.OPEN
    ).exists():
        raise ValidationError(_("This employee is already nominated for this award this year."))
    nomination = Nomination(
        employee=employee,
        award_type=award_type,
        year=year,
        justification=justification,
        amount=amount,
        nominated_by=by,
    )
    nomination.full_clean()
    nomination.save()
    nomination.events.create(to_status=nomination.status, by=by)
    return nomination


@transaction.atomic
def nomination_start_review(*, nomination: Nomination, by=None) -> Nomination:
    nomination = _locked_nomination(nomination)
    _nomination_move(nomination=nomination, to=Nomination.Status.IN_REVIEW, by=by)
    nomination.save(update_fields=["status"])
    return nomination


@transaction.atomic
def nomination_approve(
    *, nomination: Nomination, sk_number: str, sk_date: dt.date, by=None
) -> Nomination:
    """Approve with the decree (SK); refused when the employee is not eligible on the SK date."""
    nomination = _locked_nomination(nomination)
    if not sk_number.strip():
        raise ValidationError(_("Give the SK number."))
    eligible, reason = selectors.award_eligibility(
        nomination.employee, nomination.award_type, sk_date
    )
    if not eligible:
        raise ValidationError(reason)
    _nomination_move(nomination=nomination, to=Nomination.Status.APPROVED, by=by, note=sk_number)
    nomination.sk_number, nomination.sk_date = sk_number, sk_date
    nomination.decided_by, nomination.decided_at = by, timezone.now()
    nomination.save(update_fields=["status", "sk_number", "sk_date", "decided_by", "decided_at"])
    _notify(
        _user_of(nomination.employee),
        title=_("You have received an award: %(award)s") % {"award": nomination.award_type},
        key=f"rewards:nomination:{nomination.pk}:approved",
    )
    return nomination


@transaction.atomic
def nomination_reject(*, nomination: Nomination, reason: str, by=None) -> Nomination:
    """Reject a nomination; the reason is kept and shown to the nominator."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for rejecting the nomination."))
    nomination = _locked_nomination(nomination)
    _nomination_move(nomination=nomination, to=Nomination.Status.REJECTED, by=by, note=reason)
    nomination.rejection_reason = reason
    nomination.decided_by, nomination.decided_at = by, timezone.now()
    nomination.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
    _notify(
        nomination.nominated_by,
        title=_("Your nomination of %(name)s was rejected")
        % {"name": nomination.employee.full_name},
        key=f"rewards:nomination:{nomination.pk}:rejected",
    )
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, by=None, note: str = "") -> Nomination:
    nomination = _locked_nomination(nomination)
    _nomination_move(nomination=nomination, to=Nomination.Status.WITHDRAWN, by=by, note=note)
    nomination.save(update_fields=["status"])
    return nomination


@transaction.atomic
def nominations_create_satyalancana(*, year: int, by=None) -> list[Nomination]:
    """Nominate in bulk everyone `satyalancana_candidates(year)` lists, for BKD to review."""
    justification = _("Completes the required years of service from TMT CPNS in %(year)d.")
    nominations = [
        Nomination(
            employee=c.employee,
            award_type=c.award_type,
            year=year,
            justification=justification % {"year": year},
            nominated_by=by,
        )
        for c in selectors.satyalancana_candidates(year)
    ]
    created = Nomination.objects.bulk_create(nominations)
    NominationEvent.objects.bulk_create(
        NominationEvent(nomination=n, to_status=n.status, by=by) for n in created
    )
    return created
