"""Error pages in the agency's layout and in Bahasa Indonesia, each with a way back."""

import pytest
from django.test import Client

from asn_portal.common import errors
from tests import factories

pytestmark = pytest.mark.django_db

HOME_LINK = 'href="/"'
PORTAL_LINK = 'href="/portal/"'


@pytest.fixture
def failing_site(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.common.error_urls"
    return Client(raise_request_exception=False)


def assert_agency_page(response, status: int, indonesian: str):
    body = response.content.decode()
    assert response.status_code == status
    assert indonesian in body
    assert 'lang="id"' in body
    assert "navbar" in body and "vendor/bootstrap/css/bootstrap.min.css" in body
    assert HOME_LINK in body and PORTAL_LINK in body


def test_bad_request_page_is_indonesian_in_the_agency_layout(failing_site):
    response = failing_site.get("/uji/400/")
    assert_agency_page(response, 400, "Permintaan tidak dapat diproses")


def test_forbidden_page_is_indonesian_in_the_agency_layout(failing_site):
    response = failing_site.get("/uji/403/")
    assert_agency_page(response, 403, "Anda tidak berhak membuka halaman ini")


def test_not_found_page_is_indonesian_in_the_agency_layout(failing_site):
    response = failing_site.get("/tidak-ada-halaman-ini/")
    assert_agency_page(response, 404, "Halaman tidak ditemukan")


def test_server_error_page_is_indonesian_in_the_agency_layout(failing_site):
    response = failing_site.get("/uji/500/")
    assert_agency_page(response, 500, "Terjadi kesalahan di sistem kami")


def test_server_error_page_needs_neither_the_request_nor_the_database(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        response = errors.server_error(None)
    assert response.status_code == 500
    assert "Terjadi kesalahan di sistem kami" in response.content.decode()


def test_a_refused_form_gets_the_indonesian_forbidden_page(settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    response = client.post("/pengaduan/lacak/", {"code": "ADU-AAAA-AAAA", "pin": "123456"})
    assert_agency_page(response, 403, "Formulir sudah kedaluwarsa")


def test_too_many_requests_page_is_indonesian_in_the_agency_layout(rf):
    request = rf.get("/")
    request.user = factories.UserFactory.build()
    response = errors.too_many_requests(request)
    assert_agency_page(response, 429, "Terlalu banyak permintaan")


def test_complaints_rate_limit_answers_with_the_429_page(client, settings):
    settings.COMPLAINTS_SUBMIT_LIMIT = 0
    response = client.post("/pengaduan/", {"subject": "x"})
    assert_agency_page(response, 429, "Terlalu banyak permintaan")


def test_login_lockout_answers_429_in_indonesian(client, employee_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _n in range(3):
        response = client.post(
            "/akun/masuk/", {"username": employee_user.username, "password": "salah"}
        )
    body = response.content.decode()
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in body
    assert "navbar" in body
