"""Administrative verification (MS/TMS per requirement) and the sanggah (objection) procedure."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common.notifications import notification_send
from asn_portal.common.workflow import transition

from .. import selectors
from ..models import (
    Applicant,
    Application,
    ConflictOfInterest,
    Objection,
    Requirement,
    Selection,
    VerificationDecision,
)
from .errors import RecruitmentError


@transaction.atomic
def conflict_declare(*, verifier, applicant: Applicant, reason: str) -> ConflictOfInterest:
    """Record a conflict of interest; an undecided assignment to that applicant is released."""
    if not (reason or "").strip():
        raise RecruitmentError(_("Say what the conflict of interest is."))
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        verifier=verifier, applicant=applicant, defaults={"reason": reason.strip()}
    )
    Application.objects.filter(
        applicant=applicant, verifier=verifier, status=Application.Status.SUBMITTED
    ).update(verifier=None)
    return conflict


@transaction.atomic
def verification_assign(*, selection: Selection, verifiers: list, seed: int | None = None) -> int:
    """Assign unassigned submitted applications at random, evening out the load.

    A verifier is never given an applicant they declared a conflict with; an application
    every verifier conflicts with stays unassigned. Returns how many were assigned.
    """
    if not verifiers:
        raise RecruitmentError(_("Choose at least one verifier."))
    rng = random.Random(seed) if seed is not None else random.SystemRandom()
    pending = list(
        Application.objects.select_for_update()
        .filter(selection=selection, status=Application.Status.SUBMITTED, verifier__isnull=True)
        .values_list("pk", "applicant_id")
    )
    rng.shuffle(pending)
    verifier_ids = [v.pk for v in verifiers]
    conflicts = set(
        ConflictOfInterest.objects.filter(
            verifier_id__in=verifier_ids, applicant_id__in={a for _p, a in pending}
        ).values_list("verifier_id", "applicant_id")
    )
    load = Counter(
        Application.objects.filter(
            selection=selection, status=Application.Status.SUBMITTED, verifier_id__in=verifier_ids
        ).values_list("verifier_id", flat=True)
    )
    by_verifier: dict[int, list[int]] = {}
    for pk, applicant_id in pending:
        candidates = [v for v in verifier_ids if (v, applicant_id) not in conflicts]
        if not candidates:
            continue
        lowest = min(load[v] for v in candidates)
        chosen = rng.choice([v for v in candidates if load[v] == lowest])
        load[chosen] += 1
        by_verifier.setdefault(chosen, []).append(pk)
    for verifier_id, ids in by_verifier.items():
        Application.objects.filter(pk__in=ids).update(verifier_id=verifier_id)
    return sum(len(ids) for ids in by_verifier.values())


@transaction.atomic
def verification_decide(
    *, application: Application, by, verdicts: dict[str, tuple[str, str]]
) -> Application:
    """Record the verifier's MS/TMS on every requirement; any TMS makes the application TMS.

    Only the assigned verifier decides, never one with a declared conflict; a TMS needs a reason.
    """
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.verifier_id != by.pk:
        raise RecruitmentError(_("This application is not assigned to you."))
    if ConflictOfInterest.objects.filter(verifier=by, applicant_id=application.applicant_id):
        raise RecruitmentError(_("You declared a conflict of interest with this applicant."))
    missing = [Requirement(r).label for r in Requirement.values if r not in verdicts]
    if missing:
        raise RecruitmentError(
            _("Decide every requirement: %(r)s missing.") % {"r": ", ".join(map(str, missing))}
        )
    decisions = []
    for requirement, (verdict, reason) in verdicts.items():
        if requirement not in Requirement.values or verdict not in VerificationDecision.Verdict:
            raise RecruitmentError(_("Unknown requirement or verdict."))
        reason = (reason or "").strip()
        if verdict == VerificationDecision.Verdict.TMS and not reason:
            raise RecruitmentError(
                _("Give the reason for TMS on %(r)s.") % {"r": Requirement(requirement).label}
            )
        decisions.append(
            VerificationDecision(
                application=application,
                requirement=requirement,
                verdict=verdict,
                reason=reason,
                decided_by=by,
            )
        )
    VerificationDecision.objects.bulk_create(decisions)
    eligible = all(d.verdict == VerificationDecision.Verdict.MS for d in decisions)
    transition(
        application,
        Application.Status.ELIGIBLE if eligible else Application.Status.INELIGIBLE,
        by=by,
        note="; ".join(
            f"{Requirement(d.requirement).label}: {d.reason}" for d in decisions if d.reason
        ),
        changes={"verified_at": timezone.now()},
    )
    return application


@transaction.atomic
def objection_file(
    *, application: Application, text: str, now: dt.datetime | None = None
) -> Objection:
    """File the one sanggah of a TMS applicant, inside the sanggah stage of the public
    timeline once the administrative results are published (`selectors.sanggah_window`)."""
    now = now or timezone.now()
    application = (
        Application.objects.select_for_update().select_related("selection").get(pk=application.pk)
    )
    refusal = selectors.objection_refusal(application, now=now)
    if refusal:
        raise RecruitmentError(refusal)
    if not (text or "").strip():
        raise RecruitmentError(_("Write your objection."))
    window = selectors.sanggah_window(application.selection)
    try:
        with transaction.atomic():
            return Objection.objects.create(
                application=application, text=text.strip(), answer_due=window.answer_due
            )
    except IntegrityError as exc:
        raise RecruitmentError(_("You have already filed your one objection.")) from exc


@transaction.atomic
def objection_answer(*, objection: Objection, by, accept: bool, answer: str) -> Objection:
    """Answer an objection; an accepted one makes the applicant eligible (MS)."""
    objection = (
        Objection.objects.select_for_update()
        .select_related("application__applicant__user")
        .get(pk=objection.pk)
    )
    if objection.status != Objection.Status.PENDING:
        raise RecruitmentError(_("This objection has already been answered."))
    if not (answer or "").strip():
        raise RecruitmentError({"answer": _("Write the answer to the objection.")}, code="required")
    answer = answer.strip()
    transition(
        objection,
        Objection.Status.ACCEPTED if accept else Objection.Status.REJECTED,
        by=by,
        note=answer,
        changes={"answer": answer, "answered_by": by, "answered_at": timezone.now()},
    )
    application = objection.application
    if accept:
        transition(application, Application.Status.ELIGIBLE, by=by, note=answer)
    notification_send(
        recipient=application.applicant.user,
        title=_("Your objection was answered: %(status)s")
        % {"status": objection.get_status_display()},
        body=objection.answer,
        url=reverse("recruitment:application", kwargs={"pk": application.pk}),
        dedup_key=f"recruitment:objection-answered:{objection.pk}",
    )
    return objection
