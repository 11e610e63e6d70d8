"""factory-boy factories of the recruitment module (core models come from tests.factories)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from asn_portal.personnel import identifiers
from recruitment import models
from recruitment.services import selection_ensure_defaults
from tests import factories as core
from tests.files import pdf_bytes, png_bytes

# The standard timeline used by the tests (dates in Asia/Jakarta).
TIMELINE = {
    models.Stage.FORMASI: (dt.date(2026, 3, 1), dt.date(2026, 3, 5)),
    models.Stage.REGISTRATION: (dt.date(2026, 3, 6), dt.date(2026, 3, 20)),
    models.Stage.ADMINISTRATIVE: (dt.date(2026, 3, 21), dt.date(2026, 3, 25)),
    models.Stage.SANGGAH: (dt.date(2026, 3, 26), dt.date(2026, 3, 28)),
    models.Stage.SKD: (dt.date(2026, 4, 10), dt.date(2026, 4, 20)),
    models.Stage.SKB: (dt.date(2026, 5, 4), dt.date(2026, 5, 15)),
    models.Stage.FINAL: (dt.date(2026, 5, 20), dt.date(2026, 5, 25)),
    models.Stage.ANNOUNCEMENT: (dt.date(2026, 5, 27), dt.date(2026, 5, 27)),
}
DURING_REGISTRATION = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


class SelectionFactory(factory.django.DjangoModelFactory):
    """An announced CPNS selection with the default passing grades and the standard timeline."""

    class Meta:
        model = models.Selection
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Seleksi CPNS Uji {n}")
    slug = factory.Sequence(lambda n: f"seleksi-uji-{n}")
    kind = models.Kind.CPNS
    status = models.Selection.Status.ANNOUNCED
    approved_quota = 100
    age_reference_date = dt.date(2026, 3, 20)
    rules_published_at = factory.LazyFunction(lambda: dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))

    @factory.post_generation
    def timeline(obj, create, extracted, **kwargs):
        if not create:
            return
        selection_ensure_defaults(selection=obj)
        for stage, (start, end) in (extracted or TIMELINE).items():
            models.TimelineStage.objects.create(
                selection=obj, stage=stage, starts_on=start, ends_on=end
            )


class FormasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Formasi

    selection = factory.SubFactory(SelectionFactory)
    code = factory.Sequence(lambda n: f"F{n:03d}")
    position_name = "Pranata Komputer Ahli Pertama"
    unit = factory.SubFactory(core.OrgUnitFactory)
    education_level = models.Education.S1
    majors = "Informatika\nSistem Informasi"
    quota = 2
    category = models.Category.UMUM


class ApplicantFactory(factory.django.DjangoModelFactory):
    """A citizen with a confirmed account (username = NIK) and a complete S1 profile."""

    class Meta:
        model = models.Applicant

    birth_date = factory.Sequence(lambda n: dt.date(1998, 1, 1) + dt.timedelta(days=n % 700))
    sex = identifiers.MALE
    nik = factory.LazyAttributeSequence(
        lambda o, n: identifiers.build_nik("150401", o.birth_date, o.sex, n % 9999 + 1)
    )
    user = factory.SubFactory(
        core.UserFactory, username=factory.SelfAttribute("..nik"), is_active=True
    )
    name = factory.Faker("name", locale="id_ID")
    education_level = models.Education.S1
    major = "Informatika"
    institution = "Universitas Jambi"
    ipk = Decimal("3.50")
    email_confirmed_at = factory.LazyFunction(timezone.now)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application; pass status= and scores as a test needs."""

    class Meta:
        model = models.Application

    formasi = factory.SubFactory(FormasiFactory)
    selection = factory.SelfAttribute("formasi.selection")
    applicant = factory.SubFactory(ApplicantFactory)
    registration_number = factory.Sequence(lambda n: f"26001{n:08d}")
    status = models.Application.Status.SUBMITTED
    name = factory.SelfAttribute("applicant.name")
    birth_date = factory.SelfAttribute("applicant.birth_date")
    grade = factory.SelfAttribute("applicant.ipk")
    submitted_at = factory.LazyFunction(timezone.now)


def eligible(formasi, *, twk=None, tiu=None, tkp=None, **kwargs):
    """An MS application with SKD scores (total computed)."""
    total = twk + tiu + tkp if twk is not None else None
    kwargs.setdefault("status", models.Application.Status.ELIGIBLE)
    return ApplicationFactory(
        formasi=formasi,
        twk=twk,
        tiu=tiu,
        tkp=tkp,
        skd_total=total,
        **kwargs,
    )


PDF_BYTES = pdf_bytes()
PNG_BYTES = png_bytes()
HTML_BYTES = b"<!doctype html><html><script>alert(1)</script></html>"
