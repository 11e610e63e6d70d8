"""Objections (keberatan) and appeals (banding): filing within the window, and the decision.

A decision on an objection is its own numbered document; the original decree is never
rewritten (its `issued` snapshot stays), only the sanction's effects follow the decision.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from asn_portal.common.workflow import record_start, transition
from asn_portal.personnel.models import Employee
from asn_portal.personnel.services import employee_set_state

from .. import selectors
from ..models import LEVEL_OF_KIND, Objection, Sanction, SanctionKind
from ._common import as_actor, not_in_future, notify
from .sanctions import sanction_window


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
        raise ValidationError(
            {"filed_on": _("An objection cannot be filed before the decree date.")}, code="order"
        )
    not_in_future(filed_on, "filed_on", _("The filing date"))
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
            },
            code="window",
        )
    objection = Objection(sanction=sanction, kind=kind, filed_on=filed_on, grounds=grounds)
    objection.full_clean(exclude=["sanction"])
    with as_actor(by):
        objection.save()
    record_start(objection, by=by)
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
    """Record the outcome as its own numbered decision: a granted objection or appeal cancels
    the decision and its effects; an amending one changes the sanction's type, and its window
    follows the new type. The original decree keeps what it said when issued.
    """
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    sanction = Sanction.objects.select_for_update().get(pk=objection.sanction_id)
    if objection.workflow.is_final(objection.outcome):
        raise ValidationError(_("This objection has already been decided."))
    if outcome not in Objection.Outcome.values or outcome == Objection.Outcome.PENDING:
        raise ValidationError({"outcome": _("Choose the outcome of the objection.")})
    if not decision_number.strip():
        raise ValidationError({"decision_number": _("Give the number of the decision.")})
    if decision_number.strip() == sanction.decree_number:
        raise ValidationError(
            {"decision_number": _("The decision has its own number, not the decree's.")}
        )
    if decided_on is None:
        raise ValidationError({"decided_on": _("Give the date of the decision.")})
    if decided_on < objection.filed_on:
        raise ValidationError({"decided_on": _("The outcome cannot be before the filing date.")})
    not_in_future(decided_on, "decided_on", _("The decision date"))
    amending = outcome == Objection.Outcome.AMENDED
    if amending and (amended_kind not in LEVEL_OF_KIND or amended_kind == sanction.kind):
        raise ValidationError(
            {"amended_kind": _("Choose the sanction the decision is changed to.")}
        )
    if not amending and amended_kind:
        raise ValidationError(
            {"amended_kind": _("A sanction to change to is only for a changed decision.")}
        )
    original_kind = sanction.kind
    changes = {
        "decided_on": decided_on,
        "decision_number": decision_number.strip(),
        "notes": notes,
    }
    if amending:
        changes |= {"original_kind": original_kind, "amended_kind": amended_kind}
    transition(objection, outcome, by=by, note=decision_number.strip(), changes=changes)
    with as_actor(by):
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
    notify(
        employee.pk,
        title=_("Your %(kind)s was decided: %(outcome)s")
        % {"kind": objection.get_kind_display(), "outcome": objection.get_outcome_display()},
        key=f"rewards:objection:{objection.pk}:decided",
    )
    return objection
