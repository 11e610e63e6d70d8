"""factory-boy factories for the training app."""

from __future__ import annotations

import datetime as dt

import factory
from django.core.files.base import ContentFile

from tests.factories import EmployeeFactory
from tests.files import pdf_bytes
from training.models import (
    EligibilityRule,
    Enrolment,
    ExternalTraining,
    JpCredit,
    Program,
    ProgramKind,
    TrainingSession,
    UnitQuota,
)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    code = factory.Sequence(lambda n: f"PRG-{n:04d}")
    title = factory.Sequence(lambda n: f"Pelatihan Teknis Uji {n}")
    kind = ProgramKind.TECHNICAL
    competency_area = "Manajemen ASN"
    jp = 24
    provider = "BPSDM Provinsi"
    cost = 1_500_000
    min_attendance_percent = 80


class EligibilityRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityRule

    program = factory.SubFactory(ProgramFactory)


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """A five-day session in March 2026; enrolment open through February."""

    class Meta:
        model = TrainingSession

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Angkatan {n}")
    start_date = dt.date(2026, 3, 2)
    end_date = dt.date(2026, 3, 6)
    venue = "Aula BKPSDM"
    capacity = 30
    enrolment_opens = dt.date(2026, 2, 1)
    enrolment_closes = dt.date(2026, 2, 27)


class UnitQuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitQuota

    session = factory.SubFactory(TrainingSessionFactory)
    seats = 1


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    session = factory.SubFactory(TrainingSessionFactory)
    employee = factory.SubFactory(EmployeeFactory)
    status = Enrolment.Status.REQUESTED


class ExternalTrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalTraining

    employee = factory.SubFactory(EmployeeFactory)
    title = "Workshop Manajemen Risiko"
    kind = ProgramKind.SEMINAR
    provider = "Kementerian Dalam Negeri"
    start_date = dt.date(2026, 1, 12)
    end_date = dt.date(2026, 1, 13)
    jp = 16
    evidence = factory.LazyFunction(lambda: ContentFile(pdf_bytes(), name="sertifikat.pdf"))
    evidence_content_type = "application/pdf"


class JpCreditFactory(factory.django.DjangoModelFactory):
    """A credit from a validated training done elsewhere (every credit needs one source)."""

    class Meta:
        model = JpCredit

    external = factory.SubFactory(
        ExternalTrainingFactory,
        employee=factory.SelfAttribute("..employee"),
        status=ExternalTraining.Status.VALIDATED,
    )
    employee = factory.SubFactory(EmployeeFactory)
    year = 2026
    jp = 8
    credited_on = dt.date(2026, 1, 13)
    description = "Pelatihan di luar"
