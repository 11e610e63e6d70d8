"""Checks every appraisal service shares. The tables of allowed moves are on the models
(`Cycle.workflow`, `Period.workflow`, `Plan.workflow`, `Evaluation.workflow`); services move
through them with `asn_portal.common.workflow.transition`."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from ..models import _by_owner, _by_supervisor, _employee_id

BATCH = 5000

__all__ = ["BATCH", "_employee_id", "_require_owner", "_require_supervisor"]


def _require_owner(obj, user) -> None:
    refusal = _by_owner(obj, user)
    if refusal:
        raise ValidationError(refusal)


def _require_supervisor(obj, user) -> None:
    refusal = _by_supervisor(obj, user)
    if refusal:
        raise ValidationError(refusal)
