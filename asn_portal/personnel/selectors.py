"""Reads of personnel master data that other apps may use."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .models import Employee, FamilyMember, OrgUnit, PositionHistory, RankHistory

ACTIVE_STATES = (Employee.State.ACTIVE, Employee.State.ON_LEAVE)


def employee_list() -> QuerySet[Employee]:
    """Employees with what a list page shows, joined in one query."""
    return Employee.objects.select_related("rank", "position", "unit")


def active_employees() -> QuerySet[Employee]:
    return employee_list().filter(state__in=ACTIVE_STATES)


def units_in_subtree(unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The unit and every unit below it."""
    return OrgUnit.objects.filter(path__startswith=unit.path)


def employees_in_subtree(unit: OrgUnit) -> QuerySet[Employee]:
    return employee_list().filter(unit__path__startswith=unit.path)


def unit_heads(units: Iterable[OrgUnit]) -> dict[int, Employee]:
    """The current holder of each unit's head position, by unit id, in one query."""
    by_position = {u.head_position_id: u.pk for u in units if u.head_position_id}
    holders = active_employees().filter(position_id__in=by_position)
    return {by_position[e.position_id]: e for e in holders}


def supervisor_of(employee: Employee) -> Employee | None:
    """The atasan langsung (direct supervisor).

    The override when set; otherwise the head of the employee's unit, or — when the employee
    is that head, or the unit has none — the head of the nearest unit above that has one.
    """
    if employee.supervisor_override_id:
        return employee.supervisor_override
    chain = [*OrgUnit.objects.get_ancestors(employee.unit), employee.unit]
    heads = unit_heads(chain)
    for unit in reversed(chain):
        head = heads.get(unit.pk)
        if head and head.pk != employee.pk:
            return head
    return None


def subordinates_of(employee: Employee) -> QuerySet[Employee]:
    """Employees whose direct supervisor is this employee: the inverse of `supervisor_of`.

    Those who name them as override; and, for the head of a unit, that unit's staff plus, going
    down, the staff of units without a head and the heads of the nearest units that have one.
    """
    overridden = active_employees().filter(supervisor_override=employee)
    try:
        unit = employee.position.headed_unit
    except OrgUnit.DoesNotExist:
        return overridden
    if employee.unit_id != unit.pk:
        return overridden
    below = list(units_in_subtree(unit).exclude(pk=unit.pk).order_by("path"))
    heads = unit_heads(below)
    reporting_paths = {unit.path}  # units whose staff report to this employee
    staff_units, headed_units = [unit.pk], []
    for child in below:  # parents come before their children in path order
        if child.path[: -OrgUnit.steplen] not in reporting_paths:
            continue
        if child.pk in heads:
            headed_units.append(child.pk)
        else:
            staff_units.append(child.pk)
            reporting_paths.add(child.path)
    reports = active_employees().filter(
        Q(unit__in=staff_units) | Q(position__headed_unit__in=headed_units),
        supervisor_override__isnull=True,
    )
    return (overridden | reports).exclude(pk=employee.pk).distinct()


def supervisor_ids_for(employees: Iterable[Employee]) -> dict[int, int | None]:
    """Direct supervisor id of each employee, by employee id, in two queries.

    The rule of `supervisor_of`, computed for many employees at once.
    """
    units = {u.path: u for u in OrgUnit.objects.only("id", "path", "depth", "head_position_id")}
    heads = {unit_id: head.pk for unit_id, head in unit_heads(units.values()).items()}
    by_id = {u.pk: u for u in units.values()}
    steplen = OrgUnit.steplen
    result: dict[int, int | None] = {}
    for employee in employees:
        if employee.supervisor_override_id:
            result[employee.pk] = employee.supervisor_override_id
            continue
        unit = by_id.get(employee.unit_id)
        found = None
        path = unit.path if unit else ""
        while path:
            ancestor = units.get(path)
            head = heads.get(ancestor.pk) if ancestor else None
            if head and head != employee.pk:
                found = head
                break
            path = path[:-steplen]
        result[employee.pk] = found
    return result


def supervisors_for(employees: Iterable[Employee]) -> dict[int, Employee | None]:
    """The direct supervisor (an Employee) of each employee, by employee id, in three queries."""
    ids = supervisor_ids_for(employees)
    found = employee_list().in_bulk({i for i in ids.values() if i})
    return {employee_id: found.get(sid) if sid else None for employee_id, sid in ids.items()}


def rank_history_for(employee: Employee) -> QuerySet[RankHistory]:
    return employee.rank_history.select_related("rank").order_by("-tmt")


def position_history_for(employee: Employee) -> QuerySet[PositionHistory]:
    return employee.position_history.select_related("position", "unit").order_by("-tmt")


def family_of(employee: Employee) -> QuerySet[FamilyMember]:
    return employee.family.order_by("relation", "birth_date")
