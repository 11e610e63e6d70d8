"""Writes to accounts: portal logins for employees, staff accounts with roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group
from django.db import transaction

from . import roles
from .models import User

if TYPE_CHECKING:  # personnel sits above accounts: it calls these services, never the reverse
    from asn_portal.personnel.models import Employee, OrgUnit


@transaction.atomic
def employee_account_create(*, employee: Employee, password: str | None = None) -> User:
    """The portal login of an employee: username is the NIP; no usable password until one is set."""
    user, _created = User.objects.get_or_create(
        username=employee.nip,
        defaults={
            "employee": employee,
            "first_name": employee.name[:150],
            "email": employee.email,
        },
    )
    if password:
        user.set_password(password)
    elif _created:
        user.set_unusable_password()
    user.employee = employee
    user.save()
    user.groups.add(Group.objects.get_or_create(name=roles.EMPLOYEE)[0])
    return user


@transaction.atomic
def staff_account_create(
    *,
    username: str,
    password: str,
    role: str,
    unit: OrgUnit | None = None,
    employee: Employee | None = None,
    first_name: str = "",
) -> User:
    """A BKD staff member or OPD operator with one role."""
    if role not in roles.STAFF_ROLES:
        raise ValueError(f"Unknown staff role: {role}")
    user, _created = User.objects.get_or_create(username=username)
    user.first_name = first_name
    user.is_staff = True
    user.unit = unit if role == roles.OPD_OPERATOR else None
    user.employee = employee
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user
