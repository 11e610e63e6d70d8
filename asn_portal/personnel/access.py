"""The one place that decides who may see which personal data of which employees.

`ACCESS_MATRIX` says, per role and per kind of personal data (`DataKind`), how far a user of that
role sees (`Scope`): region-wide, their unit subtree, only that a record exists, or nothing. A
user's scope for a kind is the widest over their roles; anyone linked to an employee record also
sees their own data. Admin querysets, portal views, selectors and exports all ask
`can_access(user, kind, employee)` or `employees_visible_to(user, kind)`; the README shows the
same table.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

from django.db.models import Q, QuerySet

from asn_portal.accounts import roles
from asn_portal.accounts.roles import has_role

from .models import Employee, OrgUnit
from .selectors import employee_list


class DataKind(StrEnum):
    """Kinds of personal data, each owned by one module."""

    IDENTITY = "identity"  # personnel master data: name, NIP, unit, rank, contact
    APPRAISAL = "appraisal"  # SKP, periodic evaluations, predikat, evaluation PDF
    FEEDBACK_360 = "feedback_360"  # 360° BerAKHLAK averages and who the raters are
    TRAINING = "training"  # enrolments, external training, JP
    DISCIPLINE = "discipline"  # disciplinary cases, sanctions, objections
    PAYSLIP = "payslip"  # payslips, payroll recaps
    REPORTER_IDENTITY = "reporter_identity"  # a complaint reporter's name, email and phone


class Scope(IntEnum):
    """How far a user sees one kind of data; a wider scope includes the narrower ones."""

    NONE = 0
    SELF = 1  # only their own records (modules add a supervisor's direct reports)
    EXISTENCE = 2  # unit subtree, but only that a record exists (no details)
    CONSENTED = 3  # only where the person concerned chose to share it (complaint reporters)
    UNIT = 4  # every record of their unit subtree
    ALL = 5  # region-wide


K = DataKind
_OFFICER = {K.IDENTITY: Scope.ALL}

ACCESS_MATRIX: dict[str, dict[DataKind, Scope]] = {
    roles.BKD_ADMIN: {kind: Scope.ALL for kind in DataKind},
    roles.RECRUITMENT_OFFICER: {**_OFFICER},
    roles.APPRAISAL_OFFICER: {**_OFFICER, K.APPRAISAL: Scope.ALL, K.FEEDBACK_360: Scope.ALL},
    roles.TRAINING_OFFICER: {**_OFFICER, K.TRAINING: Scope.ALL},
    roles.REWARDS_OFFICER: {**_OFFICER, K.DISCIPLINE: Scope.ALL},
    roles.PAYROLL_OFFICER: {**_OFFICER, K.PAYSLIP: Scope.ALL},
    roles.COMPLAINTS_OFFICER: {**_OFFICER, K.REPORTER_IDENTITY: Scope.ALL},
    roles.OPD_OPERATOR: {
        K.IDENTITY: Scope.UNIT,
        K.APPRAISAL: Scope.UNIT,
        K.TRAINING: Scope.UNIT,
        K.DISCIPLINE: Scope.EXISTENCE,
        K.PAYSLIP: Scope.UNIT,
        K.REPORTER_IDENTITY: Scope.CONSENTED,
    },
    roles.EMPLOYEE: {
        K.IDENTITY: Scope.SELF,
        K.APPRAISAL: Scope.SELF,
        K.FEEDBACK_360: Scope.SELF,
        K.TRAINING: Scope.SELF,
        K.DISCIPLINE: Scope.SELF,
        K.PAYSLIP: Scope.SELF,
    },
}


def is_opd_operator(user) -> bool:
    """An active user with the Operator OPD role and a unit (who they are, not what they see)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.unit_id is not None
        and has_role(user, roles.OPD_OPERATOR)
    )


def _roles_of(user) -> list[str]:
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return [roles.BKD_ADMIN]
    found = [role for role in roles.STAFF_ROLES if has_role(user, role)]
    if roles.OPD_OPERATOR in found and user.unit_id is None:
        found.remove(roles.OPD_OPERATOR)
    if user.employee_id:
        found.append(roles.EMPLOYEE)
    return found


def scope_of(user, kind: DataKind) -> Scope:
    """The widest scope any of the user's roles gives for this kind of data."""
    return max(
        (ACCESS_MATRIX[role].get(kind, Scope.NONE) for role in _roles_of(user)),
        default=Scope.NONE,
    )


def sees_all(user, kind: DataKind) -> bool:
    """Region-wide access to this kind: BKD administrators and the module's own officers."""
    return scope_of(user, kind) == Scope.ALL


def _unit_scoped(user, kind: DataKind, *, existence: bool = False) -> bool:
    """Whether the user's operator role reaches their unit subtree for this kind."""
    if not is_opd_operator(user):
        return False
    cell = ACCESS_MATRIX[roles.OPD_OPERATOR].get(kind, Scope.NONE)
    return cell >= Scope.UNIT or (existence and cell == Scope.EXISTENCE)


def units_visible_to(user, kind: DataKind = DataKind.IDENTITY) -> QuerySet[OrgUnit]:
    """Units whose employees' data of this kind the user sees (all, their subtree, or none)."""
    if sees_all(user, kind):
        return OrgUnit.objects.all()
    if _unit_scoped(user, kind):
        return OrgUnit.objects.filter(path__startswith=user.unit.path)
    return OrgUnit.objects.none()


def employees_visible_to(
    user, kind: DataKind = DataKind.IDENTITY, *, existence: bool = False
) -> QuerySet[Employee]:
    """Employees whose data of this kind the user may see in full (with `existence=True`, also
    those of whom they may only know that a record exists)."""
    qs = employee_list()
    if sees_all(user, kind):
        return qs
    condition = Q(pk__in=[])
    if _unit_scoped(user, kind, existence=existence):
        condition |= Q(unit__path__startswith=user.unit.path)
    own = ACCESS_MATRIX[roles.EMPLOYEE].get(kind, Scope.NONE) >= Scope.SELF
    if own and user.is_authenticated and user.is_active and user.employee_id:
        condition |= Q(pk=user.employee_id)
    return qs.filter(condition)


def can_access(user, kind: DataKind, employee: Employee | None = None) -> bool:
    """May the user see this kind of data of this employee (or, without one, of anyone at all)?"""
    if employee is None:
        return scope_of(user, kind) > Scope.NONE
    return employees_visible_to(user, kind).filter(pk=employee.pk).exists()


def can_see_employee(user, employee: Employee) -> bool:
    return can_access(user, DataKind.IDENTITY, employee)
