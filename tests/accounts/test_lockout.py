"""Password spraying: many NIPs with one password from one address lock that address."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def sign_in(client, username, password, address="10.1.2.3"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def spray(client, count, address="10.1.2.3"):
    for n in range(count):
        sign_in(client, f"19800101200501{n:04d}", "Password123", address)


def test_spraying_forty_nips_locks_the_address_for_a_correct_login_too(client, settings):
    assert settings.AXES_IP_FAILURE_LIMIT == 20
    user = factories.EmployeeUserFactory()
    spray(client, 40)

    response = sign_in(client, user.username, factories.TEST_PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_address_lock_starts_at_its_own_threshold(client, settings):
    settings.AXES_IP_FAILURE_LIMIT = 8
    user = factories.EmployeeUserFactory()
    spray(client, 7)
    assert sign_in(client, user.username, factories.TEST_PASSWORD).status_code == 302
    client.logout()

    spray(client, 1)

    assert sign_in(client, user.username, factories.TEST_PASSWORD).status_code == 429


def test_a_correct_login_does_not_reset_the_address_count(client, settings):
    settings.AXES_IP_FAILURE_LIMIT = 10
    known = factories.EmployeeUserFactory()
    other = factories.EmployeeUserFactory()
    spray(client, 9)
    assert sign_in(client, known.username, factories.TEST_PASSWORD).status_code == 302
    client.logout()

    spray(client, 1)

    assert sign_in(client, other.username, factories.TEST_PASSWORD).status_code == 429


def test_spraying_from_one_address_does_not_lock_another_address(client):
    user = factories.EmployeeUserFactory()
    spray(client, 40)

    response = sign_in(client, user.username, factories.TEST_PASSWORD, address="10.9.9.9")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
