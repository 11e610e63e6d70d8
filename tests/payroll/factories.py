"""factory-boy factories for payroll models (core models come from tests/factories.py)."""

from __future__ import annotations

import datetime as dt

import factory

from payroll.models import AttendanceRecord, OtherDeduction, PayRules, PositionAllowance
from tests import factories


class PayRulesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayRules
        django_get_or_create = ("effective_from",)

    effective_from = dt.date(2026, 3, 1)


class AttendanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceRecord

    employee = factory.SubFactory(factories.EmployeeFactory)
    date = factory.Sequence(lambda n: dt.date(2026, 2, 2) + dt.timedelta(days=n % 20))


class OtherDeductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OtherDeduction

    employee = factory.SubFactory(factories.EmployeeFactory)
    label = "Koperasi pegawai"
    amount = 150000
    first_month = dt.date(2026, 1, 1)


class PositionAllowanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PositionAllowance

    position = factory.SubFactory(factories.PositionFactory)
    amount = 540000
    effective_from = dt.date(2024, 1, 1)
