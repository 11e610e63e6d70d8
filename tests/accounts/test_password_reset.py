"""Password reset by email for employees and applicants: one-time links, no address enumeration."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests import factories
from tests.recruitment.factories import ApplicantFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sandi-Baru-Yang-Kuat-77"


def ask_for_reset(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/akun/kata-sandi/atur/\S+/)", message.body).group(1)


def set_new_password(client, link):
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    return client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def signs_in(client, username, password) -> bool:
    client.post(reverse("accounts:login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_an_employee_resets_the_password_by_email_and_signs_in(client):
    user = factories.EmployeeUserFactory(email="ani@example.go.id")

    response = ask_for_reset(client, "ANI@example.go.id")

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert [m.to for m in mail.outbox] == [["ani@example.go.id"]]
    assert user.username in mail.outbox[0].body
    response = set_new_password(client, reset_link(mail.outbox[0]))
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert signs_in(client, user.username, NEW_PASSWORD)


def test_an_applicant_resets_the_password_by_email(client):
    applicant = ApplicantFactory(user__email="calon@example.com")

    ask_for_reset(client, "calon@example.com")
    set_new_password(client, reset_link(mail.outbox[0]))

    applicant.user.refresh_from_db()
    assert applicant.user.check_password(NEW_PASSWORD)


def test_a_reset_link_works_only_once(client):
    user = factories.EmployeeUserFactory(email="ani@example.go.id")
    ask_for_reset(client, user.email)
    link = reset_link(mail.outbox[0])
    set_new_password(client, link)

    response = client.get(link, follow=True)

    assert response.context["validlink"] is False
    assert "accounts/password_reset_confirm.html" in [t.name for t in response.templates]


def test_an_unknown_address_gets_the_same_page_and_no_email(client):
    factories.EmployeeUserFactory(email="ani@example.go.id")

    known = ask_for_reset(client, "ani@example.go.id")
    unknown = ask_for_reset(client, "nobody@example.go.id")

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [m.to for m in mail.outbox] == [["ani@example.go.id"]]


def test_the_done_page_does_not_say_whether_the_address_exists(client):
    known_user = factories.EmployeeUserFactory(email="ani@example.go.id")
    unknown = client.get(ask_for_reset(client, "nobody@example.go.id")["Location"])
    known = client.get(ask_for_reset(client, known_user.email)["Location"])

    def visible(response):  # the page without its per-request nonces and tokens
        return re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())

    assert unknown.status_code == known.status_code == 200
    assert visible(unknown) == visible(known)  # nothing tells the two apart
    assert "nobody@example.go.id" not in unknown.content.decode()


def test_an_imported_employee_without_a_password_can_set_one_by_email(client):
    user = factories.EmployeeUserFactory(email="baru@example.go.id")
    user.set_unusable_password()
    user.save()

    ask_for_reset(client, "baru@example.go.id")
    set_new_password(client, reset_link(mail.outbox[0]))

    assert signs_in(client, user.username, NEW_PASSWORD)


def test_an_unconfirmed_applicant_gets_no_reset_email(client):
    ApplicantFactory(user__email="belum@example.com", user__is_active=False)

    ask_for_reset(client, "belum@example.com")

    assert mail.outbox == []


def test_setting_a_new_password_by_link_clears_a_forced_change(client):
    user = factories.EmployeeUserFactory(email="ani@example.go.id", must_change_password=True)

    ask_for_reset(client, user.email)
    set_new_password(client, reset_link(mail.outbox[0]))

    assert get_user_model().objects.get(pk=user.pk).must_change_password is False
