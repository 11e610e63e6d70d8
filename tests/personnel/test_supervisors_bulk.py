from asn_portal.common.notifications import notify_employee
from asn_portal.personnel.selectors import supervisor_of, supervisors_for
from tests import factories


def test_supervisors_in_bulk_follow_the_single_rule(unit_tree):
    head_a = factories.EmployeeFactory(unit=unit_tree["A"], position=unit_tree["A"].head_position)
    staff_a = factories.EmployeeFactory(unit=unit_tree["A"])
    staff_sub = factories.EmployeeFactory(unit=unit_tree["A1"])
    override = factories.EmployeeFactory(unit=unit_tree["B"], supervisor_override=staff_a)
    lone_b = factories.EmployeeFactory(unit=unit_tree["B"])
    people = [head_a, staff_a, staff_sub, override, lone_b]
    bulk = supervisors_for(people)
    assert bulk == {e.pk: supervisor_of(e) for e in people}
    assert bulk[staff_sub.pk] == head_a
    assert bulk[override.pk] == staff_a


def test_notify_employee_reaches_the_account_once(db):
    user = factories.EmployeeUserFactory()
    first = notify_employee(user.employee_id, title="Halo", key="test:halo")
    second = notify_employee(user.employee_id, title="Halo", key="test:halo")
    assert first is not None and first.recipient == user
    assert second is None
    assert notify_employee(factories.EmployeeFactory().pk, title="x", key="test:none") is None
