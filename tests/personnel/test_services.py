"""Rank and position changes with their history, employment state, and the supervisor chain."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from asn_portal.personnel.models import Employee
from asn_portal.personnel.selectors import subordinates_of, supervisor_of
from asn_portal.personnel.services import (
    employee_change_position,
    employee_change_rank,
    employee_record_history,
    employee_set_state,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee():
    """III/a since 1 March 2006, in the same position since then."""
    return factories.EmployeeFactory()


def _promote(employee, code="III/b", tmt=dt.date(2010, 4, 1)):
    return employee_change_rank(
        employee=employee, rank=factories.rank(code), tmt=tmt, mkg_years=8, sk_number="800/1/2010"
    )


# Rank


def test_change_rank_keeps_the_previous_record_as_not_current(employee):
    _promote(employee)
    history = [(r.rank.code, r.is_current) for r in employee.rank_history.order_by("tmt")]
    assert history == [("III/a", False), ("III/b", True)]


def test_change_rank_updates_the_employee(employee):
    _promote(employee)
    employee.refresh_from_db()
    assert (employee.rank.code, employee.rank_tmt, employee.mkg_years) == (
        "III/b",
        dt.date(2010, 4, 1),
        8,
    )


def test_rank_tmt_before_the_current_rank_tmt_is_refused(employee):
    with pytest.raises(ValidationError):
        _promote(employee, tmt=dt.date(2006, 2, 28))


def test_refused_rank_change_leaves_no_record(employee):
    with pytest.raises(ValidationError):
        _promote(employee, tmt=dt.date(2006, 2, 28))
    assert [r.rank.code for r in employee.rank_history.all()] == ["III/a"]


def test_pppk_rank_for_a_pns_is_refused(employee):
    with pytest.raises(ValidationError):
        _promote(employee, code="X")


# Position


def test_change_position_closes_the_old_record_the_day_before(employee):
    old = employee.position_history.get()
    new_position = factories.PositionFactory()
    employee_change_position(
        employee=employee, position=new_position, unit=employee.unit, tmt=dt.date(2015, 1, 1)
    )
    old.refresh_from_db()
    assert (old.is_current, old.end_date) == (False, dt.date(2014, 12, 31))


def test_change_position_makes_the_new_record_current(employee):
    new_position = factories.PositionFactory()
    record = employee_change_position(
        employee=employee, position=new_position, unit=employee.unit, tmt=dt.date(2015, 1, 1)
    )
    assert list(employee.position_history.filter(is_current=True)) == [record]


def test_change_position_updates_the_employee(employee):
    new_unit = factories.OrgUnitFactory()
    new_position = factories.PositionFactory(unit=new_unit)
    employee_change_position(
        employee=employee, position=new_position, unit=new_unit, tmt=dt.date(2015, 1, 1)
    )
    employee.refresh_from_db()
    assert (employee.position, employee.unit, employee.position_tmt) == (
        new_position,
        new_unit,
        dt.date(2015, 1, 1),
    )


def test_position_of_another_unit_is_refused(employee):
    other_unit_position = factories.PositionFactory(unit=factories.OrgUnitFactory())
    with pytest.raises(ValidationError):
        employee_change_position(
            employee=employee,
            position=other_unit_position,
            unit=employee.unit,
            tmt=dt.date(2015, 1, 1),
        )


def test_position_tmt_not_after_the_current_one_is_refused(employee):
    with pytest.raises(ValidationError):
        employee_change_position(
            employee=employee,
            position=factories.PositionFactory(),
            unit=employee.unit,
            tmt=employee.position_tmt,
        )


# History after a direct edit (admin, import)


def test_record_history_adds_nothing_when_nothing_changed(employee):
    employee_record_history(employee=employee)
    assert (employee.rank_history.count(), employee.position_history.count()) == (1, 1)


def test_record_history_adds_a_current_rank_record_after_a_rank_edit(employee):
    employee.rank, employee.rank_tmt = factories.rank("III/b"), dt.date(2010, 4, 1)
    employee.save()
    employee_record_history(employee=employee)
    history = [(r.rank.code, r.is_current) for r in employee.rank_history.order_by("tmt")]
    assert history == [("III/a", False), ("III/b", True)]


def test_record_history_adds_a_current_position_record_after_a_position_edit(employee):
    employee.position, employee.position_tmt = factories.PositionFactory(), dt.date(2015, 1, 1)
    employee.save()
    employee_record_history(employee=employee)
    history = [(p.tmt, p.end_date, p.is_current) for p in employee.position_history.order_by("tmt")]
    assert history == [
        (dt.date(2006, 3, 1), dt.date(2014, 12, 31), False),
        (dt.date(2015, 1, 1), None, True),
    ]


# Employment state


def test_retired_employee_can_no_longer_sign_in():
    user = factories.EmployeeUserFactory()
    employee_set_state(employee=user.employee, state=Employee.State.RETIRED)
    user.refresh_from_db()
    assert user.is_active is False


def test_employee_on_leave_keeps_the_portal_account():
    user = factories.EmployeeUserFactory()
    employee_set_state(employee=user.employee, state=Employee.State.ON_LEAVE)
    user.refresh_from_db()
    assert user.is_active is True


def test_unknown_state_is_refused(employee):
    with pytest.raises(ValidationError):
        employee_set_state(employee=employee, state="promoted")


# Direct supervisor (atasan langsung)


@pytest.fixture
def org(unit_tree):
    """Dinas Pendidikan (A) with sub-unit Bidang SD (A1), each with a head and one staff member."""
    a, a1 = unit_tree["A"], unit_tree["A1"]
    return {
        "head_a": factories.EmployeeFactory(unit=a, position=a.head_position),
        "staff_a": factories.EmployeeFactory(unit=a),
        "head_a1": factories.EmployeeFactory(unit=a1, position=a1.head_position),
        "staff_a1": factories.EmployeeFactory(unit=a1),
        "staff_b": factories.EmployeeFactory(unit=unit_tree["B"]),
    }


def test_supervisor_is_the_head_of_the_own_unit(org):
    assert supervisor_of(org["staff_a1"]) == org["head_a1"]


def test_supervisor_of_a_unit_head_is_the_head_of_the_parent_unit(org):
    assert supervisor_of(org["head_a1"]) == org["head_a"]


def test_head_of_a_top_unit_has_no_supervisor(org):
    assert supervisor_of(org["head_a"]) is None


def test_staff_of_a_unit_without_head_report_to_the_parent_head(org):
    employee_set_state(employee=org["head_a1"], state=Employee.State.RETIRED)
    assert supervisor_of(org["staff_a1"]) == org["head_a"]


def test_supervisor_override_wins_over_the_unit_head(org):
    staff = org["staff_a1"]
    staff.supervisor_override = org["staff_b"]
    staff.save()
    assert supervisor_of(staff) == org["staff_b"]


def test_subordinates_are_own_unit_staff_and_heads_of_child_units(org):
    assert set(subordinates_of(org["head_a"])) == {org["staff_a"], org["head_a1"]}


def test_employee_without_a_head_position_has_no_subordinates(org):
    assert list(subordinates_of(org["staff_a"])) == []


def test_subordinates_include_who_is_overridden_to_report_to_them(org):
    org["staff_b"].supervisor_override = org["staff_a"]
    org["staff_b"].save()
    assert list(subordinates_of(org["staff_a"])) == [org["staff_b"]]


def test_subordinates_exclude_who_is_overridden_to_report_elsewhere(org):
    org["staff_a"].supervisor_override = org["staff_b"]
    org["staff_a"].save()
    assert set(subordinates_of(org["head_a"])) == {org["head_a1"]}


def test_subordinates_include_staff_of_a_child_unit_without_head(org):
    employee_set_state(employee=org["head_a1"], state=Employee.State.RETIRED)
    assert set(subordinates_of(org["head_a"])) == {org["staff_a"], org["staff_a1"]}


def test_subordinates_of_is_the_inverse_of_supervisor_of(unit_tree):
    """Over a three-level tree where the middle unit has no head: both views agree."""
    a, a1 = unit_tree["A"], unit_tree["A1"]
    a1_x = factories.OrgUnitFactory(code="A.1.1", parent=a1)
    a1_x.head_position = factories.HeadPositionFactory(unit=a1_x)
    a1_x.save()
    people = [
        factories.EmployeeFactory(unit=a, position=a.head_position),
        factories.EmployeeFactory(unit=a),
        factories.EmployeeFactory(unit=a1),
        factories.EmployeeFactory(unit=a1_x, position=a1_x.head_position),
        factories.EmployeeFactory(unit=a1_x),
    ]
    for person in people:
        expected = {p for p in people if supervisor_of(p) == person}
        assert set(subordinates_of(person)) == expected, person
