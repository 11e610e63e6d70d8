"""The demo regency: valid identifiers, a held head for every unit, role accounts, idempotence."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from asn_portal.accounts import roles
from asn_portal.accounts.models import User
from asn_portal.personnel import demo, identifiers, selectors
from asn_portal.personnel.models import (
    Employee,
    FamilyMember,
    OrgUnit,
    Position,
    PositionHistory,
    Rank,
    RankHistory,
)
from tests import factories

pytestmark = pytest.mark.django_db

EMPLOYEES = 60


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def seeded():
    return seed(employees=EMPLOYEES)


def employees():
    return list(Employee.objects.select_related("position", "unit", "rank"))


def counts() -> dict[str, int]:
    models = (Employee, FamilyMember, OrgUnit, Position, RankHistory, PositionHistory, User)
    return {model.__name__: model.objects.count() for model in models} | {
        "memberships": User.groups.through.objects.count()
    }


def test_it_creates_the_requested_number_of_employees(seeded):
    assert Employee.objects.count() == EMPLOYEES


def test_every_nip_is_valid_for_the_employee_record(seeded):
    for employee in employees():
        identifiers.validate_nip_for(
            employee.nip,
            is_pppk=employee.is_pppk,
            sex=employee.sex,
            birth_date=employee.birth_date,
            tmt_cpns=None if employee.is_pppk else employee.tmt_cpns,
        )


def test_every_nik_matches_birth_date_and_sex(seeded):
    people = employees() + list(FamilyMember.objects.all())
    for person in people:
        identifiers.validate_nik_for(person.nik, sex=person.sex, birth_date=person.birth_date)
    assert len({p.nik for p in people}) == len(people)


def test_every_employee_passes_model_validation(seeded):
    for employee in employees():
        employee.full_clean()


def test_statuses_are_mixed_and_consistent(seeded):
    staff = employees()
    assert {e.status for e in staff} == {Employee.Status.PNS, Employee.Status.CPNS, "PPPK"}
    for employee in staff:
        scheme = Rank.Scheme.PPPK if employee.is_pppk else Rank.Scheme.PNS
        assert employee.rank.scheme == scheme
        assert (employee.tmt_pns is not None) == (employee.status == Employee.Status.PNS)


def test_cpns_were_appointed_within_the_last_year(seeded):
    cpns = [e for e in employees() if e.status == Employee.Status.CPNS]
    assert cpns
    assert all(timezone.localdate() - e.tmt_cpns < dt.timedelta(days=366) for e in cpns)


def test_nobody_is_past_retirement_age(seeded):
    today = timezone.localdate()
    assert all(e.retirement_date() > today for e in employees())


def test_each_unit_head_position_is_held_by_one_employee_of_that_unit(seeded):
    for unit in OrgUnit.objects.all():
        assert unit.head_position is not None
        holders = Employee.objects.filter(position=unit.head_position)
        assert [h.unit_id for h in holders] == [unit.pk]


def test_opds_have_two_to_four_subunits(seeded):
    for root in OrgUnit.objects.get_root_nodes():
        assert root.kind == OrgUnit.Kind.OPD
        assert 2 <= OrgUnit.objects.get_children_count(root) <= 4


def test_everyone_but_the_opd_heads_has_a_supervisor(seeded):
    opd_heads = set(
        OrgUnit.objects.filter(depth=1).values_list("head_position__holders", flat=True)
    )
    for employee in employees():
        supervisor = selectors.supervisor_of(employee)
        if employee.pk in opd_heads:
            assert supervisor is None
        else:
            assert supervisor is not None and supervisor.pk != employee.pk


def test_staff_of_a_subunit_report_to_its_head(seeded):
    staffed = OrgUnit.objects.filter(kind=OrgUnit.Kind.SUBUNIT).annotate(staff=Count("employees"))
    subunit = staffed.filter(staff__gte=2).first()
    head = Employee.objects.get(position=subunit.head_position)
    members = subunit.employees.exclude(pk=head.pk)
    assert members
    assert all(selectors.supervisor_of(member) == head for member in members)


def test_each_employee_has_one_current_rank_and_position_record(seeded):
    for employee in employees():
        rank = employee.rank_history.get(is_current=True)
        position = employee.position_history.get(is_current=True)
        assert (rank.rank_id, rank.tmt) == (employee.rank_id, employee.rank_tmt)
        assert (position.position_id, position.unit_id) == (employee.position_id, employee.unit_id)
        for earlier in employee.rank_history.filter(is_current=False):
            assert earlier.tmt < employee.rank_tmt


def test_ptkp_follows_the_registered_dependants(seeded):
    for employee in Employee.objects.prefetch_related("family"):
        family = list(employee.family.all())
        children = sum(1 for m in family if m.relation == "child" and m.is_dependant)
        spouses = [m for m in family if m.relation == "spouse"]
        prefix, dependants = employee.ptkp_status.split("/")
        assert len(spouses) == (employee.marital_status == Employee.Marital.MARRIED)
        if employee.marital_status == Employee.Marital.SINGLE:
            assert employee.ptkp_status == "TK/0" and not family
        elif prefix == "K" or employee.sex == identifiers.MALE:
            assert int(dependants) == min(children, 3)
        if prefix == "K":
            assert spouses


def test_every_employee_has_a_portal_login(seeded):
    group = Group.objects.get(name=roles.EMPLOYEE)
    logins = User.objects.filter(employee__isnull=False)
    assert sorted(logins.values_list("username", flat=True)) == sorted(
        Employee.objects.values_list("nip", flat=True)
    )
    assert group.user_set.filter(employee__isnull=False).count() == EMPLOYEES
    assert logins.first().check_password(demo.DEMO_PASSWORD)


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("admin", roles.BKD_ADMIN),
        ("rekrutmen", roles.RECRUITMENT_OFFICER),
        ("penilaian", roles.APPRAISAL_OFFICER),
        ("pelatihan", roles.TRAINING_OFFICER),
        ("disiplin", roles.REWARDS_OFFICER),
        ("gaji", roles.PAYROLL_OFFICER),
        ("pengaduan", roles.COMPLAINTS_OFFICER),
        ("operator", roles.OPD_OPERATOR),
    ],
)
def test_staff_demo_accounts_have_their_role(seeded, username, role):
    user = User.objects.get(username=username)
    assert list(user.groups.values_list("name", flat=True)) == [role]
    assert user.is_staff
    assert user.check_password(demo.DEMO_PASSWORD)
    assert user.is_superuser == (role == roles.BKD_ADMIN)
    assert Group.objects.get(name=role).permissions.exists() or role == roles.EMPLOYEE


def test_operator_manages_one_opd(seeded):
    operator = User.objects.get(username="operator")
    assert operator.unit is not None and operator.unit.is_root()


def test_demo_employee_account_is_listed_with_a_real_nip(seeded):
    row = next(line for line in seeded.splitlines() if roles.EMPLOYEE in line)
    nip = row.split()[0]
    user = User.objects.get(username=nip)
    assert user.employee.nip == nip
    assert user.check_password(demo.DEMO_PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [roles.EMPLOYEE]


def test_running_twice_changes_nothing(seeded):
    before = counts()
    output = seed(employees=EMPLOYEES)
    assert "already present" in output
    assert counts() == before


def test_if_empty_does_nothing_when_employees_exist():
    factories.EmployeeFactory()
    output = seed(employees=EMPLOYEES, if_empty=True)
    assert "no demo data seeded" in output
    assert Employee.objects.count() == 1
    assert not demo.demo_present()


def test_if_empty_seeds_an_empty_database():
    seed(employees=EMPLOYEES, if_empty=True)
    assert Employee.objects.count() == EMPLOYEES


def test_seeding_next_to_existing_employees_keeps_identifiers_unique():
    existing = factories.EmployeeFactory()
    seed(employees=EMPLOYEES)
    assert Employee.objects.count() == EMPLOYEES + 1
    assert Employee.objects.filter(nip=existing.nip).count() == 1


def test_too_few_employees_is_refused():
    with pytest.raises(CommandError):
        seed(employees=demo.MIN_EMPLOYEES - 1)


class _Rollback(Exception):
    pass


def people_for(seed_value: int) -> list[tuple[str, str]]:
    """The demo's NIPs and names for a seed, leaving the database as it was."""
    try:
        with transaction.atomic():
            demo.demo_seed(employees=30, seed=seed_value, today=dt.date(2026, 6, 1))
            people = list(Employee.objects.order_by("nip").values_list("nip", "name"))
            raise _Rollback
    except _Rollback:
        return people


def test_the_same_seed_gives_the_same_people():
    assert people_for(7) == people_for(7)


def test_another_seed_gives_other_people():
    assert people_for(7) != people_for(8)
