"""Every admin changelist (and its add, export and import pages) with hostile filters and ids."""

import pytest
from django.test import Client, RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from .conftest import FUZZ_SETTINGS
from .endpoints import (
    CHANGELIST_PARAMS,
    admin_models,
    admin_object_pages,
    admin_pages,
    model_admin,
)
from .strategies import SEGMENTS, form_data

pytestmark = pytest.mark.django_db
MODELS = admin_models()


def _filter_params(label: str, user) -> list[str]:
    """The query parameters the changelist's filters read, and its model's field names."""
    ma = model_admin(label)
    request = RequestFactory().get("/")
    request.user = user
    changelist = ma.get_changelist_instance(request)
    names = {p for spec in changelist.filter_specs for p in spec.expected_parameters()}
    for field in ma.model._meta.get_fields():
        if getattr(field, "concrete", False):
            names.update({field.name, f"{field.name}__exact"})
            if field.is_relation:
                names.add(f"{field.name}__id__exact")
    return sorted(names) + CHANGELIST_PARAMS


@pytest.mark.parametrize("label", MODELS)
def test_admin_pages_survive_hostile_filters_and_bogus_ids(world, label):
    client = Client()
    client.force_login(world.user)
    app_label, model_name = label.split(".")
    base = f"/admin/{app_label}/{model_name}/"
    others = [page for page in admin_pages(label) if page]  # add/, export/, import/…
    object_pages = admin_object_pages(label)
    names = _filter_params(label, world.user)
    ids = st.one_of(SEGMENTS, st.integers(min_value=-(10**20), max_value=10**20).map(str))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def run(data):
        query = data.draw(form_data(names), label="query")
        assert client.get(base, query).status_code < 500  # the changelist, always
        if others:
            page = data.draw(st.sampled_from(others), label="page")
            assert client.get(base + page, query).status_code < 500
        object_id = data.draw(ids, label="id")
        for page in object_pages:
            assert client.get(base + page.format(id=object_id)).status_code < 500

    run()
