"""Every private file in the admin is shown by name and linked through its authorised view.

Each module's change pages with a file are opened in that module's tests (200, no storage path);
here we check that no file field escapes: a new one must get a download view and this list.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from asn_portal.common.files import PrivateFileWidget
from asn_portal.common.storage import PrivateStorage
from tests import factories

pytestmark = pytest.mark.django_db

FILE_FIELDS = {
    "appraisal.Realisation.evidence_file",
    "complaints.Attachment.file",
    "recruitment.ApplicationDocument.file",
    "rewards.CaseEvidence.file",
    "training.ExternalTraining.evidence",
}


def _file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def test_every_file_field_is_private_and_has_an_authorised_download_view():
    found = {f"{model._meta.label}.{field.name}" for model, field in _file_fields()}
    assert found == FILE_FIELDS
    for model, field in _file_fields():
        assert isinstance(field.storage, PrivateStorage), model
        assert callable(getattr(model, "get_download_url", None)), model


def test_no_admin_form_edits_a_file_with_djangos_default_widget():
    """Django's file widget asks the storage for a URL (a 500 here) and prints the path."""
    request = RequestFactory().get("/admin/")
    request.user = factories.UserFactory(is_superuser=True, is_staff=True)
    checked = 0
    for model_admin in admin.site._registry.values():
        forms = [model_admin.get_form(request)]
        forms += [
            inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)
        ]
        for form_class in forms:
            model = form_class._meta.model
            for name, form_field in form_class.base_fields.items():
                field = next((f for f in model._meta.get_fields() if f.name == name), None)
                if isinstance(field, models.FileField):
                    assert isinstance(form_field.widget, PrivateFileWidget), form_class
                    checked += 1
    assert checked >= 1
