"""SKP (performance plan): cascading results, submission, approval or return, versions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common.notifications import notify_employee
from asn_portal.common.workflow import can_move, transition

from .. import selectors
from ..models import (
    Cycle,
    Plan,
    PlanResult,
    PlanVersion,
)
from ._workflow import _require_owner, _require_supervisor


def _require_editable(plan: Plan) -> None:
    if not can_move(plan, Plan.Status.SUBMITTED):
        raise ValidationError(_("The SKP can be changed only while it is a draft or returned."))
    if plan.cycle.status != Cycle.Status.OPEN:
        raise ValidationError(_("The appraisal cycle is not open."))


def _check_parent(plan: Plan, parent: PlanResult | None) -> None:
    supervisor_results = selectors.supervisor_results(plan)
    if parent is None:
        if supervisor_results.exists():
            raise ValidationError(_("Choose the supervisor's result this result contributes to."))
        return
    if not supervisor_results.filter(pk=parent.pk).exists():
        raise ValidationError(_("A result can only cascade from your supervisor's results."))


@transaction.atomic
def plan_result_add(
    *,
    plan: Plan,
    by,
    description: str,
    indicator: str,
    target: str,
    parent: PlanResult | None = None,
) -> PlanResult:
    """Add an expected result with its indicator and target, cascaded from the supervisor's."""
    plan = Plan.objects.select_for_update().select_related("cycle").get(pk=plan.pk)
    _require_owner(plan, by)
    _require_editable(plan)
    if not (description.strip() and indicator.strip() and target.strip()):
        raise ValidationError(_("Give the result, its indicator and its target."))
    _check_parent(plan, parent)
    order = plan.results.count() + 1
    return PlanResult.objects.create(
        plan=plan,
        parent=parent,
        order=order,
        description=description.strip(),
        indicator=indicator.strip(),
        target=target.strip(),
    )


@transaction.atomic
def plan_result_delete(*, result: PlanResult, by) -> None:
    plan = Plan.objects.select_for_update().select_related("cycle").get(pk=result.plan_id)
    _require_owner(plan, by)
    _require_editable(plan)
    if result.children.exists():
        raise ValidationError(_("Subordinates' results cascade from this one; it cannot go."))
    result.delete()


@transaction.atomic
def plan_submit(*, plan: Plan, by) -> Plan:
    """The employee submits the SKP; the results are frozen as a new version."""
    plan = Plan.objects.select_for_update().select_related("cycle").get(pk=plan.pk)
    _require_owner(plan, by)
    _require_editable(plan)
    results = list(plan.results.order_by("order", "pk"))
    if not results:
        raise ValidationError(_("Add at least one expected result before submitting."))
    if selectors.supervisor_results(plan).exists() and any(r.parent_id is None for r in results):
        raise ValidationError(_("Every result must cascade from one of the supervisor's results."))
    transition(plan, Plan.Status.SUBMITTED, by=by, changes={"submitted_at": timezone.now()})
    PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        submitted_at=plan.submitted_at,
        results=[
            {
                "description": r.description,
                "indicator": r.indicator,
                "target": r.target,
                "parent": r.parent_id,
            }
            for r in results
        ],
    )
    notify_employee(
        plan.supervisor_id,
        title=_("An SKP awaits your approval: %(name)s") % {"name": plan.employee.full_name},
        key=f"appraisal:plan-submitted:{plan.pk}:{plan.version}",
        url=reverse("appraisal:plan", args=[plan.pk]),
    )
    return plan


def _decide(plan: Plan, target: str, comment: str, *, by, changes=None) -> Plan:
    decided_at = timezone.now()
    version = plan.version
    transition(
        plan,
        target,
        by=by,
        note=comment,
        changes={"decided_at": decided_at, "comment": comment, **(changes or {})},
    )
    PlanVersion.objects.filter(plan=plan, number=version).update(
        decision=target, decided_at=decided_at, comment=comment
    )
    return plan


@transaction.atomic
def plan_approve(*, plan: Plan, by, comment: str = "") -> Plan:
    plan = Plan.objects.select_for_update().select_related("employee").get(pk=plan.pk)
    _require_supervisor(plan, by)
    _decide(plan, Plan.Status.APPROVED, comment.strip(), by=by)
    notify_employee(
        plan.employee_id,
        title=_("Your SKP was approved"),
        key=f"appraisal:plan-approved:{plan.pk}:{plan.version}",
        url=reverse("appraisal:plan", args=[plan.pk]),
    )
    return plan


@transaction.atomic
def plan_return(*, plan: Plan, by, comment: str) -> Plan:
    """The supervisor returns the SKP with comments; the next submission is a new version."""
    plan = Plan.objects.select_for_update().select_related("employee").get(pk=plan.pk)
    _require_supervisor(plan, by)
    if not comment.strip():
        raise ValidationError(_("Say what should change when returning an SKP."))
    _decide(
        plan, Plan.Status.RETURNED, comment.strip(), by=by, changes={"version": plan.version + 1}
    )
    notify_employee(
        plan.employee_id,
        title=_("Your SKP was returned for changes"),
        key=f"appraisal:plan-returned:{plan.pk}:{plan.version}",
        url=reverse("appraisal:plan", args=[plan.pk]),
    )
    return plan
