"""What the training services share: row locks in one order, links, and the audit record."""

from __future__ import annotations

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.urls import reverse

from asn_portal.personnel.models import Employee

from ..models import Enrolment, TrainingSession


def lock_session(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update().select_related("program").get(pk=session.pk)


def lock_enrolment(enrolment: Enrolment) -> Enrolment:
    """Lock the session first (seats), then the enrolment, always in that order."""
    lock_session(enrolment.session)
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("session__program", "employee__unit", "employee__user")
        .get(pk=enrolment.pk)
    )


def user_of(employee: Employee | None):
    """The portal account of an employee acting (a supervisor), or None."""
    if employee is None:
        return None
    try:
        return employee.user
    except Employee.user.RelatedObjectDoesNotExist:
        return None


def enrolment_url(enrolment: Enrolment) -> str:
    return reverse("training:enrolment", args=[enrolment.pk])


def save_decision(obj, *, by, fields: dict, note: str = "") -> None:
    """Save a decision that is not a status move (e.g. a supervisor's approval) and write its
    audit-log entry with the acting user, once (the automatic entry would have no actor)."""
    changes = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        changes[name] = ["" if old is None else str(old), "" if value is None else str(value)]
        setattr(obj, name, value)
    with disable_auditlog():
        obj.save(update_fields=list(fields))
    LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes=changes,
        actor=by if getattr(by, "is_authenticated", False) else None,
        additional_data={"note": note} if note else None,
    )
