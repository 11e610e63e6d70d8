"""Who may see disciplinary cases: they are confidential.

The discipline cell of the access matrix (asn_portal.personnel.access): discipline officers
(the rewards and discipline role) and BKD administrators see every case; an employee sees their
own, and the cases they are an examiner of. Other BKD roles see none; OPD operators see only that
a case exists for an employee of their unit subtree, no details. Who may nominate whom for an
award is decided here too.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from asn_portal.personnel.access import (
    DataKind,
    Scope,
    employees_visible_to,
    is_opd_operator,
    scope_of,
    sees_all,
)
from asn_portal.personnel.models import Employee
from asn_portal.personnel.selectors import active_employees, subordinates_of

from .models import DisciplinaryCase, Examination, Objection, Sanction


def handles_discipline(user) -> bool:
    """Superusers, discipline officers and BKD administrators."""
    return sees_all(user, DataKind.DISCIPLINE)


def sees_case_existence(user) -> bool:
    """OPD operators: that a case exists for an employee of their unit subtree."""
    return is_opd_operator(user) and scope_of(user, DataKind.DISCIPLINE) >= Scope.EXISTENCE


def cases_visible_to(user) -> QuerySet[DisciplinaryCase]:
    qs = DisciplinaryCase.objects.select_related("employee", "employee__unit")
    if handles_discipline(user):
        return qs
    if user.is_authenticated and user.is_active and user.employee_id:
        examined = Examination.objects.filter(examiners=user.employee_id).values("case_id")
        return qs.filter(Q(employee_id=user.employee_id) | Q(pk__in=examined))
    return qs.none()


def sanctions_visible_to(user) -> QuerySet[Sanction]:
    return Sanction.objects.select_related("case__employee").filter(
        case__in=cases_visible_to(user).values("pk")
    )


def objections_visible_to(user) -> QuerySet[Objection]:
    return Objection.objects.select_related("sanction__case__employee").filter(
        sanction__case__in=cases_visible_to(user).values("pk")
    )


def case_existence_visible_to(user) -> QuerySet[DisciplinaryCase]:
    """For an OPD operator: the cases of employees in their unit subtree, as bare rows (employee,
    status, dates) — never the violation, evidence or examinations. Nobody else gets any.
    """
    if not sees_case_existence(user):
        return DisciplinaryCase.objects.none()
    unit_employees = employees_visible_to(user, DataKind.DISCIPLINE, existence=True).filter(
        unit__path__startswith=user.unit.path
    )
    return (
        DisciplinaryCase.objects.filter(employee__in=unit_employees.values("pk"))
        .select_related("employee", "employee__unit")
        .only(
            "status",
            "reported_on",
            "employee__nip",
            "employee__name",
            "employee__front_title",
            "employee__back_title",
            "employee__unit__name",
        )
        .order_by("-reported_on", "-pk")
    )


def nominees_for(user) -> QuerySet[Employee]:
    """Active employees the user may nominate for an award: a supervisor their direct
    subordinates, an OPD operator the employees of their unit subtree; never themselves.
    """
    if not user.is_authenticated or not user.is_active:
        return Employee.objects.none()
    allowed = Q(pk__in=[])
    if user.employee_id:
        allowed |= Q(pk__in=subordinates_of(user.employee).values("pk"))
    if is_opd_operator(user):
        allowed |= Q(pk__in=employees_visible_to(user, DataKind.IDENTITY).values("pk"))
    return active_employees().filter(allowed).exclude(pk=user.employee_id or 0)


def may_nominate(user) -> bool:
    """Supervisors (any employee with a portal account, whose list may be empty) and operators."""
    return bool(
        user.is_authenticated and user.is_active and (user.employee_id or is_opd_operator(user))
    )
