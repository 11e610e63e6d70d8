"""factory-boy factories for every model of the shared core."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group

from asn_portal.accounts import roles
from asn_portal.accounts.models import User
from asn_portal.common.models import CollectiveLeaveDay, Notification
from asn_portal.personnel import identifiers
from asn_portal.personnel.models import (
    Employee,
    FamilyMember,
    OrgUnit,
    Position,
    PositionHistory,
    Rank,
    RankHistory,
)

TEST_PASSWORD = "Rahasia-Uji-2026!"


def rank(code: str) -> Rank:
    """Ranks are seeded by migration; tests look them up by golongan code."""
    return Rank.objects.get(code=code)


def add_role(user: User, role: str) -> None:
    """Put the user in the role's group; staff roles also get admin access."""
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    if role in roles.STAFF_ROLES and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


class OrgUnitFactory(factory.django.DjangoModelFactory):
    """Root OPD by default; pass parent=<unit> for a sub-unit (treebeard add_child)."""

    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = OrgUnit.Kind.OPD

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.objects.add_root(create_kwargs=kwargs)
        kwargs.setdefault("kind", OrgUnit.Kind.SUBUNIT)
        return model_class.objects.add_child(parent, create_kwargs=kwargs)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    name = factory.Sequence(lambda n: f"Analis Uji {n}")
    kind = Position.Kind.EXECUTOR
    level = Position.Level.PELAKSANA
    kelas_jabatan = 7
    retirement_age = 58
    unit = None


class HeadPositionFactory(PositionFactory):
    name = factory.Sequence(lambda n: f"Kepala Unit Uji {n}")
    kind = Position.Kind.STRUCTURAL
    level = Position.Level.ADMINISTRATOR
    kelas_jabatan = 12


class EmployeeFactory(factory.django.DjangoModelFactory):
    """A PNS with a NIP and NIK that agree with the birth date, sex and TMT CPNS."""

    class Meta:
        model = Employee
        skip_postgeneration_save = True

    name = factory.Faker("name", locale="id_ID")
    sex = identifiers.MALE
    # Born 1975-1987: at least 17 in the year of the TMT CPNS (2005), as a valid NIP requires.
    birth_date = factory.Sequence(lambda n: dt.date(1975, 1, 1) + dt.timedelta(days=n * 37 % 4700))
    birth_place = "Jambi"
    status = Employee.Status.PNS
    state = Employee.State.ACTIVE
    tmt_cpns = dt.date(2005, 3, 1)
    tmt_pns = dt.date(2006, 3, 1)
    rank = factory.LazyFunction(lambda: rank("III/a"))
    rank_tmt = dt.date(2006, 3, 1)
    mkg_years = 4
    mkg_months = 0
    unit = factory.SubFactory(OrgUnitFactory)
    position = factory.SubFactory(PositionFactory)
    position_tmt = dt.date(2006, 3, 1)
    education_level = Employee.Education.S1
    education_major = "Administrasi Publik"
    nip = factory.LazyAttributeSequence(
        lambda o, n: identifiers.build_pppk_or_pns(
            o.status, o.birth_date, o.tmt_cpns, o.sex, n % 999 + 1
        )
    )
    nik = factory.LazyAttributeSequence(
        lambda o, n: identifiers.build_nik("150401", o.birth_date, o.sex, n % 9999 + 1)
    )

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            from asn_portal.personnel.services import employee_record_history

            employee_record_history(employee=obj)


class PPPKEmployeeFactory(EmployeeFactory):
    status = Employee.Status.PPPK
    tmt_cpns = dt.date(2024, 4, 1)
    tmt_pns = None
    rank = factory.LazyFunction(lambda: rank("IX"))
    rank_tmt = dt.date(2024, 4, 1)


class FamilyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyMember

    employee = factory.SubFactory(EmployeeFactory)
    relation = FamilyMember.Relation.CHILD
    name = factory.Faker("first_name", locale="id_ID")
    sex = identifiers.FEMALE
    birth_date = dt.date(2012, 6, 15)


class RankHistoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RankHistory

    employee = factory.SubFactory(EmployeeFactory, history=False)
    rank = factory.LazyFunction(lambda: rank("III/b"))
    tmt = dt.date(2010, 4, 1)


class PositionHistoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PositionHistory

    employee = factory.SubFactory(EmployeeFactory, history=False)
    position = factory.SubFactory(PositionFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    tmt = dt.date(2010, 4, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(TEST_PASSWORD)
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.go.id")

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create and extracted:
            add_role(obj, extracted)


class EmployeeUserFactory(UserFactory):
    """The portal login of an employee: username is the NIP."""

    employee = factory.SubFactory(EmployeeFactory)
    username = factory.LazyAttribute(lambda o: o.employee.nip)

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create:
            add_role(obj, extracted or roles.EMPLOYEE)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    title = "Pengingat"
    dedup_key = factory.Sequence(lambda n: f"test:{n}")


class CollectiveLeaveDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveLeaveDay
        django_get_or_create = ("date",)

    date = dt.date(2026, 12, 24)
    name = "Cuti bersama Natal"
