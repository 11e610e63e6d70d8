"""Who may see disciplinary cases: they are confidential.

Discipline officers (the rewards and discipline role) and BKD administrators see every case;
an employee sees their own, and the cases they are an examiner of. Other BKD roles and OPD
operators see none.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from asn_portal.accounts import roles
from asn_portal.accounts.permissions import has_role

from .models import DisciplinaryCase, Examination, Objection, Sanction

CASE_ROLES = (roles.REWARDS_OFFICER, roles.BKD_ADMIN)


def handles_discipline(user) -> bool:
    """Superusers, discipline officers and BKD administrators."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(has_role(user, role) for role in CASE_ROLES)


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
