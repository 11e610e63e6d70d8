"""factory-boy factories for the rewards app."""

from __future__ import annotations

import datetime as dt

import factory

from rewards.models import (
    LEVEL_OF_KIND,
    AwardType,
    DisciplinaryCase,
    Examination,
    Nomination,
    Objection,
    Sanction,
    SanctionKind,
)
from rewards.services import sanction_window
from tests.factories import EmployeeFactory


def award_type(code: str) -> AwardType:
    """Satyalancana classes are seeded by migration: "slks-x", "slks-xx", "slks-xxx"."""
    return AwardType.objects.get(code=code)


class DisciplinaryCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisciplinaryCase

    employee = factory.SubFactory(EmployeeFactory)
    violation = "Tidak masuk kerja tanpa alasan yang sah"
    legal_article = "PP 94/2021 Pasal 4 huruf f"
    source = DisciplinaryCase.Source.SUPERVISOR_REPORT
    reported_on = dt.date(2026, 6, 1)
    status = DisciplinaryCase.Status.REPORTED


class ExaminationFactory(factory.django.DjangoModelFactory):
    """An examination record (BAP) by a team, which any decision may rest on."""

    class Meta:
        model = Examination

    case = factory.SubFactory(DisciplinaryCaseFactory, status=DisciplinaryCase.Status.EXAMINATION)
    kind = Examination.Kind.RECORD
    held_on = dt.date(2026, 6, 8)
    by_team = True


def examined_case(**kwargs) -> DisciplinaryCase:
    """A case under examination with a team's BAP: ready for any decision."""
    return ExaminationFactory(
        case=DisciplinaryCaseFactory(status=DisciplinaryCase.Status.EXAMINATION, **kwargs)
    ).case


class SanctionFactory(factory.django.DjangoModelFactory):
    """A delivered decision, windowed as the service does; pass case__employee=<employee>."""

    class Meta:
        model = Sanction

    case = factory.SubFactory(DisciplinaryCaseFactory, status=DisciplinaryCase.Status.DECIDED)
    kind = SanctionKind.TPP_CUT_6
    level = factory.LazyAttribute(lambda o: LEVEL_OF_KIND[o.kind])
    decree_number = factory.Sequence(lambda n: f"800/{n:04d}/BKPSDM/2026")
    decree_date = dt.date(2026, 7, 27)
    official_name = "Ir. Bupati Contoh"
    official_title = "Bupati Contoh"
    delivered_on = dt.date(2026, 8, 3)
    effective_from = factory.LazyAttribute(
        lambda o: sanction_window(o.kind, o.delivered_on)[0] if o.delivered_on else None
    )
    ends_on = factory.LazyAttribute(
        lambda o: sanction_window(o.kind, o.delivered_on)[1] if o.delivered_on else None
    )


class ObjectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objection

    sanction = factory.SubFactory(SanctionFactory)
    kind = Objection.Kind.OBJECTION
    filed_on = dt.date(2026, 8, 10)
    grounds = "Saya memiliki surat keterangan sakit."


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardType

    code = factory.Sequence(lambda n: f"award-{n}")
    name = factory.Sequence(lambda n: f"Piagam Penghargaan {n}")
    category = AwardType.Category.APPRECIATION


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    employee = factory.SubFactory(EmployeeFactory)
    award_type = factory.SubFactory(AwardTypeFactory)
    year = 2026
    justification = "Kinerja sangat baik selama tiga tahun berturut-turut."
