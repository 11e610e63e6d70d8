"""The allowed moves of each workflow and the checks every service shares."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from asn_portal.common.notifications import notification_send

from ..models import (
    Cycle,
    Evaluation,
    Plan,
)

CYCLE_MOVES = {
    Cycle.Status.DRAFT: {Cycle.Status.OPEN},
    Cycle.Status.OPEN: {Cycle.Status.CLOSED},
    Cycle.Status.CLOSED: set(),
}
PLAN_MOVES = {
    Plan.Status.DRAFT: {Plan.Status.SUBMITTED},
    Plan.Status.SUBMITTED: {Plan.Status.APPROVED, Plan.Status.RETURNED},
    Plan.Status.RETURNED: {Plan.Status.SUBMITTED},
    Plan.Status.APPROVED: set(),
}
EVALUATION_MOVES = {
    Evaluation.Status.OPEN: {Evaluation.Status.SUBMITTED},
    Evaluation.Status.SUBMITTED: {Evaluation.Status.RATED},
    Evaluation.Status.RATED: {Evaluation.Status.ACKNOWLEDGED},
    Evaluation.Status.ACKNOWLEDGED: set(),
}
MAX_PEERS = 4  # peers asked per employee and period; each peer is also asked about MAX_PEERS
BATCH = 5000


def _move(obj, target: str, moves: dict) -> None:
    if target not in moves[obj.status]:
        raise ValidationError(
            _("This cannot go from “%(current)s” to “%(target)s”.")
            % {
                "current": obj.get_status_display(),
                "target": dict(type(obj).Status.choices)[target],
            }
        )
    obj.status = target


def _employee_id(user) -> int | None:
    return getattr(user, "employee_id", None) if user and user.is_authenticated else None


def _require_owner(obj, user) -> None:
    if _employee_id(user) is None or _employee_id(user) != obj.employee_id:
        raise ValidationError(_("Only the employee may do this."))


def _require_supervisor(obj, user) -> None:
    if obj.supervisor_id is None or _employee_id(user) != obj.supervisor_id:
        raise ValidationError(_("Only the direct supervisor may do this."))


def _notify(employee_id: int | None, *, title: str, key: str, url: str = "") -> None:
    from asn_portal.accounts.models import User

    user = User.objects.filter(employee_id=employee_id, is_active=True).first()
    if user is not None:
        notification_send(recipient=user, title=title, dedup_key=key, url=url)
