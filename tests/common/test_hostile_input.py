"""Malformed input answers 4xx, never a server error (issue 11)."""

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(db):
    client = Client()
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


def test_certificate_lookup_with_a_slash_in_the_code_is_not_found(client):
    response = client.get("/sertifikat/", {"code": "a/b"})
    assert response.status_code == 404


def test_certificate_page_with_a_nul_in_the_path_is_a_bad_request(client):
    assert client.get("/sertifikat/AB%00/").status_code == 400


def test_nul_in_the_query_string_is_a_bad_request(client):
    response = client.get("/pelatihan/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()
    assert "Content-Security-Policy" in response


def test_nul_in_a_query_parameter_name_is_a_bad_request(client):
    assert client.get("/pelatihan/?a%00=1").status_code == 400


def test_nul_in_form_data_is_a_bad_request(client):
    response = client.post("/pengaduan/lacak/", {"code": "ADU\x00", "pin": "123456"})
    assert response.status_code == 400


def test_nul_in_urlencoded_form_data_is_a_bad_request(client):
    response = client.post(
        "/pengaduan/lacak/",
        "code=ADU%00&pin=123456",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_nul_in_a_cookie_is_a_bad_request(client):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/").status_code == 400


def test_ordinary_input_passes_the_nul_check(client):
    assert client.get("/pelatihan/", {"q": "Latsar ÄÖ 🙂"}).status_code == 200


def test_admin_search_with_a_nul_is_a_bad_request(admin_client_):
    assert admin_client_.get("/admin/personnel/employee/?q=%00").status_code == 400


def test_admin_filter_with_a_nul_is_a_bad_request(admin_client_):
    assert admin_client_.get("/admin/complaints/complaint/?status=%00").status_code == 400


def test_admin_complaint_change_url_with_a_non_numeric_id_goes_back_to_the_admin(admin_client_):
    response = admin_client_.get("/admin/complaints/complaint/abc/change/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_admin_complaint_change_url_with_a_number_opens_the_handling_page(admin_client_):
    response = admin_client_.get("/admin/complaints/complaint/12/change/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/complaints/complaint/12/handle/"


def test_employee_export_with_an_empty_rank_filter_goes_back_to_the_list(admin_client_):
    response = admin_client_.get("/admin/personnel/employee/export/?rank__id__exact=")
    assert response.status_code == 302
    assert response["Location"] == "/admin/personnel/employee/?e=1"


def test_employee_export_with_a_malformed_date_goes_back_to_the_list(admin_client_):
    response = admin_client_.post(
        "/admin/personnel/employee/export/?birth_date=31-13-2026", {"format": "0"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/personnel/employee/?e=1"


def test_employee_export_with_an_empty_unit_filter_opens_the_export_form(admin_client_):
    response = admin_client_.get("/admin/personnel/employee/export/?unit__id__exact=")
    assert response.status_code == 200


def test_employee_export_is_refused_to_a_user_without_access(client):
    client.force_login(factories.EmployeeUserFactory())
    response = client.get("/admin/personnel/employee/export/?unit__id__exact=")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_unit_tree_children_with_a_non_numeric_id_is_not_found(admin_client_):
    assert admin_client_.get("/admin/personnel/orgunit/children/%20/").status_code == 404


def test_unit_tree_children_of_a_unit_are_listed(admin_client_, unit_tree):
    response = admin_client_.get(f"/admin/personnel/orgunit/children/{unit_tree['A'].pk}/")
    assert response.status_code == 200
    assert "Bidang SD" in response.json()["result_html"]
