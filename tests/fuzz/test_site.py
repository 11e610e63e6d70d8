"""Every public, portal and staff page, fuzzed through its query string and its form: no 500."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from .conftest import FUZZ_SETTINGS
from .endpoints import FUZZ, ID_ROUTES, site_routes
from .strategies import SEGMENTS, form_data

pytestmark = pytest.mark.django_db

# Query parameters list pages commonly read, tried on every page besides its own form fields.
COMMON_PARAMS = ["q", "page", "year", "month", "status", "unit", "kind", "code", "sort", "next"]
FIELD_NAME = re.compile(r'name="([^"]+)"')
ROUTES = site_routes()


def _field_names(response) -> list[str]:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    names = set(FIELD_NAME.findall(response.content.decode(errors="replace")))
    return sorted(names - {"csrfmiddlewaretoken"})


def _client(world, who: str) -> Client:
    client = Client()
    if who == "signed-in":
        client.force_login(world.user)
    return client


def _fuzz(world, route, kwargs_for, users=("anonymous", "signed-in")):
    clients = {who: _client(world, who) for who in users}
    sample_kwargs = {k: "ABC" if v is FUZZ else v for k, v in kwargs_for.items()}
    sample = reverse(route.name, kwargs=sample_kwargs)
    names = _field_names(clients[users[-1]].get(sample))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def run(data):
        who = data.draw(st.sampled_from(users), label="who")
        client = clients[who]
        if who == "signed-in":
            client.force_login(world.user)  # a fuzzed sign-out must not end the session for good
        kwargs = {k: data.draw(SEGMENTS) if v is FUZZ else v for k, v in kwargs_for.items()}
        url = reverse(route.name, kwargs=kwargs)
        query = data.draw(form_data(names + COMMON_PARAMS), label="query")
        assert client.get(url, query).status_code < 500
        body = data.draw(form_data(names), label="form")
        assert client.post(url, body).status_code < 500

    run()


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.has_params], ids=str)
def test_page_survives_hostile_query_strings_and_forms(world, route):
    _fuzz(world, route, {})


@pytest.mark.parametrize("route", [r for r in ROUTES if r.has_params], ids=str)
def test_page_with_ids_survives_hostile_query_strings_forms_and_paths(world, route):
    _fuzz(world, route, ID_ROUTES[route.name](world), users=("signed-in",))


def test_every_page_with_path_parameters_is_listed_for_the_fuzz_suite():
    missing = [r.name for r in ROUTES if r.has_params and r.name not in ID_ROUTES]
    assert missing == []
