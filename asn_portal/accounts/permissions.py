"""The one place that decides which employees and units a user may see.

Admin querysets and portal views both go through these functions.
"""

from __future__ import annotations

from django.db.models import QuerySet

from asn_portal.personnel.models import Employee, OrgUnit
from asn_portal.personnel.selectors import employee_list

from . import roles


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role in cache


def is_bkd_staff(user) -> bool:
    """Superusers and BKD roles see every unit; OPD operators and employees do not."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    bkd_roles = set(roles.STAFF_ROLES) - {roles.OPD_OPERATOR}
    return any(has_role(user, role) for role in bkd_roles)


def is_bkd_admin(user) -> bool:
    """Superusers and the Administrator BKD role: they may hand out temporary passwords."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    return user.is_superuser or has_role(user, roles.BKD_ADMIN)


def is_opd_operator(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.unit_id is not None
        and has_role(user, roles.OPD_OPERATOR)
    )


def units_visible_to(user) -> QuerySet[OrgUnit]:
    if is_bkd_staff(user):
        return OrgUnit.objects.all()
    if is_opd_operator(user):
        return OrgUnit.objects.filter(path__startswith=user.unit.path)
    return OrgUnit.objects.none()


def employees_visible_to(user) -> QuerySet[Employee]:
    """BKD staff: everyone; OPD operator: their unit subtree; an employee: only themselves."""
    qs = employee_list()
    if is_bkd_staff(user):
        return qs
    if is_opd_operator(user):
        return qs.filter(unit__path__startswith=user.unit.path)
    if user.is_authenticated and user.is_active and user.employee_id:
        return qs.filter(pk=user.employee_id)
    return qs.none()


def can_see_employee(user, employee: Employee) -> bool:
    return employees_visible_to(user).filter(pk=employee.pk).exists()
