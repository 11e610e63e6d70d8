"""Writes to personnel master data: each change with its checks, in one transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from asn_portal.accounts.models import User
from asn_portal.accounts.services import employee_account_create

from .models import Employee, OrgUnit, Position, PositionHistory, Rank, RankHistory

RANK_FIELDS = ("rank", "rank_tmt", "mkg_years", "mkg_months")
POSITION_FIELDS = ("position", "unit", "position_tmt")


@transaction.atomic
def employee_create(*, by=None, **fields) -> Employee:
    """Register an employee with the first rank and position records and a portal login.

    The only way an employee (and so an employee's account) comes into being: the admin form,
    the import and the demo all come here.
    """
    employee = Employee(**fields)
    employee.full_clean()
    employee.save()
    RankHistory.objects.create(
        employee=employee,
        rank=employee.rank,
        tmt=employee.rank_tmt,
        mkg_years=employee.mkg_years,
        mkg_months=employee.mkg_months,
    )
    PositionHistory.objects.create(
        employee=employee, position=employee.position, unit=employee.unit, tmt=employee.position_tmt
    )
    employee_account_create(employee=employee)
    return employee


@transaction.atomic
def employee_update(*, employee: Employee, data: dict, by=None) -> Employee:
    """Save an edit of the employee form.

    A changed rank goes through `employee_change_rank` and a changed position or unit through
    `employee_change_position`, so the previous record stays in the history and their checks
    apply; the other fields are set and checked together.
    """
    current = Employee.objects.select_for_update().get(pk=employee.pk)
    rank_changed = any(f in data and data[f] != getattr(current, f) for f in RANK_FIELDS)
    position_changed = any(f in data and data[f] != getattr(current, f) for f in POSITION_FIELDS)
    for name, value in data.items():
        if name not in RANK_FIELDS + POSITION_FIELDS:
            setattr(current, name, value)
    current.full_clean()
    current.save()
    if rank_changed:
        employee_change_rank(
            employee=current,
            rank=data.get("rank", current.rank),
            tmt=data.get("rank_tmt", current.rank_tmt),
            mkg_years=data.get("mkg_years", current.mkg_years),
            mkg_months=data.get("mkg_months", current.mkg_months),
        )
    if position_changed:
        employee_change_position(
            employee=current,
            position=data.get("position", current.position),
            unit=data.get("unit", current.unit),
            tmt=data.get("position_tmt", current.position_tmt),
        )
    return Employee.objects.get(pk=current.pk)


@transaction.atomic
def employee_delete(*, employee: Employee, by=None) -> None:
    """Remove an employee registered by mistake; one with records elsewhere is protected."""
    from django.db.models import ProtectedError

    try:
        employee.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("This employee has records in other modules and cannot be deleted.")
        ) from exc


@transaction.atomic
def employee_change_rank(
    *,
    employee: Employee,
    rank: Rank,
    tmt: dt.date,
    mkg_years: int,
    mkg_months: int = 0,
    sk_number: str = "",
    sk_date: dt.date | None = None,
) -> RankHistory:
    """Record a new rank (promotion or correction); the previous record is kept, not current."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    if tmt < employee.rank_tmt:
        raise ValidationError(_("The new rank's TMT cannot be before the current rank's TMT."))
    employee.rank_history.filter(is_current=True).update(is_current=False)
    record = RankHistory.objects.create(
        employee=employee,
        rank=rank,
        tmt=tmt,
        mkg_years=mkg_years,
        mkg_months=mkg_months,
        sk_number=sk_number,
        sk_date=sk_date,
    )
    employee.rank, employee.rank_tmt = rank, tmt
    employee.mkg_years, employee.mkg_months = mkg_years, mkg_months
    employee.full_clean()
    employee.save()
    return record


@transaction.atomic
def employee_change_position(
    *,
    employee: Employee,
    position: Position,
    unit: OrgUnit,
    tmt: dt.date,
    sk_number: str = "",
) -> PositionHistory:
    """Move an employee to a position and unit; the previous record is closed the day before."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    if tmt <= employee.position_tmt:
        raise ValidationError(_("The new position's TMT must be after the current position's TMT."))
    if position.unit_id and position.unit_id != unit.pk:
        raise ValidationError(_("This position belongs to another unit."))
    employee.position_history.filter(is_current=True).update(
        is_current=False, end_date=tmt - dt.timedelta(days=1)
    )
    record = PositionHistory.objects.create(
        employee=employee, position=position, unit=unit, tmt=tmt, sk_number=sk_number
    )
    employee.position, employee.unit, employee.position_tmt = position, unit, tmt
    employee.save(update_fields=["position", "unit", "position_tmt", "updated_at"])
    return record


@transaction.atomic
def employee_set_state(*, employee: Employee, state: str) -> Employee:
    """Change the employment state; leaving the service disables the portal account."""
    if state not in Employee.State.values:
        raise ValidationError(_("Unknown employment state."))
    employee.state = state
    employee.save(update_fields=["state", "updated_at"])
    if state not in (Employee.State.ACTIVE, Employee.State.ON_LEAVE):
        User.objects.filter(employee=employee).update(is_active=False)
    return employee


@transaction.atomic
def employee_record_history(*, employee: Employee) -> None:
    """Make the current rank and position records match the employee's current fields.

    Used after an admin edit or an import, which change the fields directly: a changed rank
    or position becomes a new current record and the old one is kept.
    """
    rank_record = employee.rank_history.filter(is_current=True).first()
    if rank_record is None or (rank_record.rank_id, rank_record.tmt) != (
        employee.rank_id,
        employee.rank_tmt,
    ):
        employee.rank_history.filter(is_current=True).update(is_current=False)
        RankHistory.objects.create(
            employee=employee,
            rank_id=employee.rank_id,
            tmt=employee.rank_tmt,
            mkg_years=employee.mkg_years,
            mkg_months=employee.mkg_months,
        )
    position_record = employee.position_history.filter(is_current=True).first()
    current = (employee.position_id, employee.unit_id, employee.position_tmt)
    if (
        position_record is None
        or (
            position_record.position_id,
            position_record.unit_id,
            position_record.tmt,
        )
        != current
    ):
        if position_record is not None:
            end = max(position_record.tmt, employee.position_tmt - dt.timedelta(days=1))
            employee.position_history.filter(is_current=True).update(is_current=False, end_date=end)
        PositionHistory.objects.create(
            employee=employee,
            position_id=employee.position_id,
            unit_id=employee.unit_id,
            tmt=employee.position_tmt,
        )
