"""Periodic evaluation: realisation, self-assessment, 360° answers, rating, acknowledgement."""

from __future__ import annotations

from contextlib import nullcontext

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common.notifications import notify_employee
from asn_portal.common.uploads import EVIDENCE, upload_check
from asn_portal.common.workflow import transition
from asn_portal.personnel.models import OrgUnit

from .. import selectors
from ..models import (
    SCORE_FIELDS,
    UNIT_RESULT_RATING,
    CoreValue,
    Evaluation,
    FeedbackNote,
    FeedbackRelease,
    FeedbackRequest,
    Period,
    Plan,
    PlanResult,
    Rating,
    Realisation,
    UnitAssessment,
    UnitPredikat,
)
from ._workflow import _employee_id, _require_owner, _require_supervisor


def _lock_evaluation(evaluation: Evaluation) -> Evaluation:
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("period", "plan", "employee", "employee__position")
        .get(pk=evaluation.pk)
    )


def _require_period_open(evaluation: Evaluation) -> None:
    if evaluation.period.status != Period.Status.OPEN:
        raise ValidationError(_("This period is not open."))


@transaction.atomic
def realisation_save(
    *,
    evaluation: Evaluation,
    result: PlanResult,
    by,
    realisation: str,
    evidence_url: str = "",
    evidence_file=None,
) -> Realisation:
    """The employee records what was achieved on one result, with a link or file as evidence."""
    evaluation = _lock_evaluation(evaluation)
    _require_owner(evaluation, by)
    _require_period_open(evaluation)
    if evaluation.status != Evaluation.Status.OPEN:
        raise ValidationError(_("The self-assessment was already submitted."))
    if evaluation.plan.status != Plan.Status.APPROVED:
        raise ValidationError(_("Realisations are recorded against an approved SKP."))
    if result.plan_id != evaluation.plan_id:
        raise ValidationError(_("That result is not in this SKP."))
    if not realisation.strip():
        raise ValidationError(_("Describe the realisation."))
    defaults = {"realisation": realisation.strip(), "evidence_url": evidence_url}
    if evidence_file:
        checked = upload_check(evidence_file, policy=EVIDENCE)
        defaults["evidence_file"] = checked.as_file()
        defaults["evidence_content_type"] = checked.content_type
    obj, _created = Realisation.objects.update_or_create(
        evaluation=evaluation, result=result, defaults=defaults
    )
    return obj


@transaction.atomic
def evaluation_submit(*, evaluation: Evaluation, by) -> Evaluation:
    """The employee submits the self-assessment: a realisation on every result."""
    evaluation = _lock_evaluation(evaluation)
    _require_owner(evaluation, by)
    _require_period_open(evaluation)
    missing = evaluation.plan.results.exclude(
        pk__in=evaluation.realisations.values("result_id")
    ).count()
    if (
        evaluation.plan.status != Plan.Status.APPROVED
        or missing
        or not evaluation.plan.results.exists()
    ):
        raise ValidationError(_("Record a realisation for every result of the approved SKP first."))
    transition(
        evaluation, Evaluation.Status.SUBMITTED, by=by, changes={"submitted_at": timezone.now()}
    )
    notify_employee(
        evaluation.supervisor_id,
        title=_("A self-assessment awaits your rating: %(name)s")
        % {"name": evaluation.employee.full_name},
        key=f"appraisal:evaluation-submitted:{evaluation.pk}",
        url=reverse("appraisal:evaluation", args=[evaluation.pk]),
    )
    return evaluation


@transaction.atomic
def feedback_note_add(*, evaluation: Evaluation, by, text: str) -> FeedbackNote:
    """A continuous feedback note, by the employee or the supervisor, any time in the period."""
    evaluation = _lock_evaluation(evaluation)
    if _employee_id(by) not in (evaluation.employee_id, evaluation.supervisor_id):
        raise ValidationError(_("Only the employee and the direct supervisor may add notes."))
    _require_period_open(evaluation)
    if not text.strip():
        raise ValidationError(_("The note is empty."))
    return FeedbackNote.objects.create(evaluation=evaluation, author=by, text=text.strip())


@transaction.atomic
def feedback_answer(
    *, request: FeedbackRequest, by, scores: dict[str, int], comment: str = ""
) -> FeedbackRequest:
    """A rater answers: a score of 1–5 on each of the seven BerAKHLAK values. Once."""
    request = (
        FeedbackRequest.objects.select_for_update(of=("self",))
        .select_related("evaluation__period")
        .get(pk=request.pk)
    )
    if _employee_id(by) != request.rater_id:
        raise ValidationError(_("This feedback was asked of someone else."))
    if request.evaluation.period.status != Period.Status.OPEN:
        raise ValidationError(_("This period is not open."))
    if request.answered_at:
        raise ValidationError(_("You have already answered."))
    if FeedbackRelease.objects.filter(evaluation_id=request.evaluation_id).exists():
        raise ValidationError(_("The feedback window has closed: the results are released."))
    for value, name in zip(CoreValue.values, SCORE_FIELDS, strict=True):
        score = scores.get(value)
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise ValidationError(_("Give every value a score from 1 to 5."))
        setattr(request, name, score)
    request.comment = comment.strip()
    request.answered_at = timezone.now()
    request.save()
    return request


@transaction.atomic
def evaluation_rate(
    *,
    evaluation: Evaluation,
    by,
    rating_results: str,
    rating_behaviour: str,
    results_feedback: str = "",
    behaviour_feedback: str = "",
) -> Evaluation:
    """The direct supervisor rates results and behaviour; the predikat follows from the matrix.

    For the head of a unit with a unit result for the period, the Rating Hasil Kerja is the
    unit's (PermenPANRB 6/2022): the rating given is replaced by it.
    """
    evaluation = _lock_evaluation(evaluation)
    _require_supervisor(evaluation, by)
    if rating_results not in Rating.values or rating_behaviour not in Rating.values:
        raise ValidationError(_("Choose both ratings."))
    if not results_feedback.strip():
        raise ValidationError(_("Write feedback on the work results."))
    unit_predikat = selectors.unit_result_for(evaluation.employee, evaluation.period)
    if unit_predikat:
        rating_results = UNIT_RESULT_RATING[unit_predikat]
    transition(
        evaluation,
        Evaluation.Status.RATED,
        by=by,
        changes={
            "unit_result_applied": bool(unit_predikat),
            "rating_results": rating_results,
            "rating_behaviour": rating_behaviour,
            "predikat": selectors.predikat_from_ratings(
                results=rating_results, behaviour=rating_behaviour
            ),
            "results_feedback": results_feedback.strip(),
            "behaviour_feedback": behaviour_feedback.strip(),
            "rated_at": timezone.now(),
        },
    )
    notify_employee(
        evaluation.employee_id,
        title=_("Your performance for %(period)s was rated") % {"period": evaluation.period},
        key=f"appraisal:evaluation-rated:{evaluation.pk}",
        url=reverse("appraisal:evaluation", args=[evaluation.pk]),
    )
    return evaluation


@transaction.atomic
def evaluation_acknowledge(*, evaluation: Evaluation, by) -> Evaluation:
    evaluation = _lock_evaluation(evaluation)
    _require_owner(evaluation, by)
    transition(
        evaluation,
        Evaluation.Status.ACKNOWLEDGED,
        by=by,
        changes={"acknowledged_at": timezone.now()},
    )
    return evaluation


@transaction.atomic
def unit_assessment_set(
    *, period: Period, unit: OrgUnit, predikat: str, note: str = "", by=None
) -> UnitAssessment:
    """BKD records a unit's own predikat for a period; the audit log names the officer."""
    if predikat not in UnitPredikat.values:
        raise ValidationError({"predikat": _("Choose the unit's predikat.")})
    with set_actor(by) if by is not None else nullcontext():
        obj, _created = UnitAssessment.objects.update_or_create(
            period=period, unit=unit, defaults={"predikat": predikat, "note": note.strip()}
        )
    return obj
