"""factory-boy factories for the complaints module."""

from __future__ import annotations

import factory

from asn_portal.common import calendar
from complaints import codes
from complaints.models import Category, Classification, Complaint, Privacy
from tests import factories as core

TEST_PIN = "246810"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = "Pendidikan"


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A report as it stands right after submission (received, verification clock running)."""

    class Meta:
        model = Complaint

    tracking_code = factory.LazyFunction(codes.new_tracking_code)
    pin_hash = factory.LazyFunction(lambda: codes.hash_pin(TEST_PIN))
    classification = Classification.COMPLAINT
    category = factory.SubFactory(CategoryFactory)
    subject = factory.Sequence(lambda n: f"Pungutan biaya seragam sekolah {n}")
    description = "Sekolah meminta biaya seragam yang tidak sesuai aturan kepada orang tua murid."
    privacy = Privacy.PUBLIC
    reporter_name = "Siti Rahma"
    reporter_email = "siti@example.com"
    consent = True
    due_on = factory.LazyFunction(lambda: calendar.add_working_days(calendar.today(), 3))


class DisposedComplaintFactory(ComplaintFactory):
    status = Complaint.Status.DISPOSED
    disposed_unit = factory.SubFactory(core.OrgUnitFactory)
