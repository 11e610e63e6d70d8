"""The one write path for status changes (django-oscar's status pipeline, as one shared module).

A workflow model declares its table of allowed moves once::

    class PayrollRun(models.Model):
        workflow = Workflow(
            Move(RunStatus.DRAFT, RunStatus.CHECKED, _("Check"), permission="payroll.check"),
            Move(RunStatus.CHECKED, RunStatus.APPROVED, _("Approve"), permission="payroll.approve"),
        )

Services change a status only through `transition(obj, to, by=…, note=…)`: it checks the move
(and, when `by` is a user, that the user may make it), saves the new status, records a
`StatusEvent` (who, when, from, to, note) and writes the audit log with the acting user, in the
caller's transaction. Views, admin and templates ask `allowed_moves(obj, user)` or
`can_move(obj, to, user)` instead of comparing status strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

# condition(obj, user) -> None when the user may make the move, else the reason they may not.
Condition = Callable[[Any, Any], "str | Promise | None"]


class TransitionNotAllowed(ValidationError):
    """A move that the table, or the acting user's rights, do not allow; the message says why."""


@dataclass(frozen=True)
class Move:
    """One allowed move: from one or more statuses to one target, with who may make it."""

    source: Any  # a status value, or a tuple/list/set of them
    target: str
    label: str | Promise = ""
    permission: str = ""  # a Django permission the acting user needs ("app.codename")
    condition: Condition | None = None
    # Moves only the system makes (a task, another service) are never offered to a user.
    system_only: bool = False
    sources: frozenset = field(init=False)

    def __post_init__(self):
        raw = (
            self.source
            if isinstance(self.source, list | tuple | set | frozenset)
            else [self.source]
        )
        object.__setattr__(self, "sources", frozenset(str(s) for s in raw))

    def refusal_for(self, obj, user) -> str | Promise | None:
        """None when `user` may make this move on `obj`; otherwise the reason, for the user."""
        if user is None:  # the system itself (a task or another service)
            return None
        if self.system_only:
            return _("This step is made by the system, not by hand.")
        if self.permission and not user.has_perm(self.permission):
            return _("You are not allowed to do this.")
        if self.condition is not None:
            return self.condition(obj, user)
        return None


class Workflow:
    """The table of allowed moves of one model's status field."""

    def __init__(self, *moves: Move, field: str = "status"):
        self.moves = moves
        self.field = field
        self._by_source: dict[str, dict[str, Move]] = {}
        for move in moves:
            for source in move.sources:
                targets = self._by_source.setdefault(source, {})
                if move.target in targets:
                    raise ValueError(f"Two moves from {source} to {move.target}")
                targets[str(move.target)] = move

    def move(self, source: str, target: str) -> Move | None:
        return self._by_source.get(str(source), {}).get(str(target))

    def targets(self, source: str) -> list[str]:
        return list(self._by_source.get(str(source), {}))

    def statuses(self) -> set[str]:
        found = set(self._by_source)
        found.update(str(m.target) for m in self.moves)
        return found

    def is_final(self, status: str) -> bool:
        return not self._by_source.get(str(status))


def workflow_of(obj_or_model) -> Workflow:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    workflow = getattr(model, "workflow", None)
    if not isinstance(workflow, Workflow):
        raise TypeError(f"{model.__name__} declares no workflow")
    return workflow


def _label(obj, status: str) -> str:
    field_name = workflow_of(obj).field
    choices = dict(type(obj)._meta.get_field(field_name).flatchoices)
    return str(choices.get(status, status))


def _user_or_none(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def allowed_moves(obj, user) -> list[Move]:
    """The moves `user` may make on `obj` now, in table order (for buttons and admin actions)."""
    workflow = workflow_of(obj)
    current = str(getattr(obj, workflow.field))
    return [
        move
        for move in workflow.moves
        if current in move.sources
        and not move.system_only
        and user is not None
        and move.refusal_for(obj, user) is None
    ]


def can_move(obj, to: str, user=None) -> bool:
    """Whether `obj` may go to `to` now; with `user`, whether that user may make the move."""
    move = workflow_of(obj).move(getattr(obj, workflow_of(obj).field), to)
    return move is not None and move.refusal_for(obj, user) is None


def check_move(obj, to: str, *, by=None) -> Move:
    """The move from `obj`'s status to `to`, or TransitionNotAllowed with the reason."""
    workflow = workflow_of(obj)
    current = str(getattr(obj, workflow.field))
    move = workflow.move(current, to)
    if move is None:
        raise TransitionNotAllowed(
            _("The status cannot change from “%(current)s” to “%(target)s”.")
            % {"current": _label(obj, current), "target": _label(obj, to)},
            code="transition",
        )
    refusal = move.refusal_for(obj, by)
    if refusal:
        raise TransitionNotAllowed(str(refusal), code="transition_permission")
    return move


def transition(obj, to: str, *, by=None, note: str = "", changes: dict | None = None):
    """Move `obj` to status `to`: check, save, record the event and the audit log entry.

    `by` is the acting user (None for the system: a task or a cascade from another service).
    `changes` are other fields set in the same save (e.g. {"decided_on": today}); they are
    logged together with the status. Call it inside the service's transaction, on a row the
    service has locked when two requests could race.
    """
    from auditlog.context import disable_auditlog
    from auditlog.models import LogEntry

    from .models import StatusEvent

    workflow = workflow_of(obj)
    check_move(obj, to, by=by)
    current = str(getattr(obj, workflow.field))
    changes = dict(changes or {})
    logged = {workflow.field: [current, str(to)]}
    for name, value in changes.items():
        logged[name] = [_loggable(getattr(obj, name)), _loggable(value)]
        setattr(obj, name, value)
    setattr(obj, workflow.field, to)
    update_fields = [workflow.field, *changes]
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        update_fields.append("updated_at")
    with disable_auditlog():  # logged below, once, with the acting user and the note
        obj.save(update_fields=update_fields)
    actor = _user_or_none(by)
    event = StatusEvent.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        from_status=current,
        to_status=str(to),
        by=actor,
        note=note,
    )
    LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes=logged,
        actor=actor,
        additional_data={"note": note} if note else None,
    )
    return event


def record_start(obj, *, by=None, note: str = ""):
    """Record the first status of a new workflow object (a StatusEvent from nothing)."""
    from .models import StatusEvent

    return StatusEvent.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        from_status="",
        to_status=str(getattr(obj, workflow_of(obj).field)),
        by=_user_or_none(by),
        note=note,
    )


def status_history(obj) -> models.QuerySet:
    """Every recorded status change of `obj`, oldest first, with the acting user."""
    from .models import StatusEvent

    return (
        StatusEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        )
        .select_related("by")
        .order_by("at", "pk")
    )


def status_histories(model, ids: Iterable[int]) -> dict[int, list]:
    """Status events of many objects of one model, by object id, in one query."""
    from .models import StatusEvent

    result: dict[int, list] = {}
    events = (
        StatusEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=list(ids)
        )
        .select_related("by")
        .order_by("at", "pk")
    )
    for event in events:
        result.setdefault(event.object_id, []).append(event)
    return result


def _loggable(value) -> str:
    if isinstance(value, models.Model):
        return str(value.pk)
    return "" if value is None else str(value)
