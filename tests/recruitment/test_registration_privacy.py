"""Registration never tells whether a NIK or email has an account; the owner is emailed instead."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse

from asn_portal.personnel import identifiers
from recruitment.models import Applicant
from tests import factories as core

from .factories import ApplicantFactory

pytestmark = pytest.mark.django_db

NIK = "1504011705990012"


def form(**overrides):
    return {
        "nik": NIK,
        "name": "Budi",
        "sex": "M",
        "birth_date": "1999-05-17",
        "email": "budi@example.com",
        "password1": "Kata-Sandi-Kuat-99",
        "password2": "Kata-Sandi-Kuat-99",
        **overrides,
    }


def register(_client, capture, **overrides):
    """Each attempt from a fresh browser, so messages of an earlier one do not mix in."""
    client = Client()
    with capture(execute=True):
        response = client.post(reverse("recruitment:register"), form(**overrides))
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    return response, messages


@pytest.fixture
def owner():
    """An applicant who already holds NIK and the address owner@example.com."""
    return ApplicantFactory(
        nik=NIK,
        sex=identifiers.MALE,
        birth_date="1999-05-17",
        user__email="owner@example.com",
    )


def test_a_taken_nik_gets_the_same_answer_as_a_new_one(
    client, django_capture_on_commit_callbacks, owner
):
    taken, taken_messages = register(client, django_capture_on_commit_callbacks)
    Applicant.objects.all().delete()
    new, new_messages = register(client, django_capture_on_commit_callbacks)

    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert taken_messages == new_messages


def test_a_taken_nik_emails_the_owner_and_creates_nothing(
    client, django_capture_on_commit_callbacks, owner
):
    register(client, django_capture_on_commit_callbacks, email="someone@example.com")

    assert Applicant.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]
    body = mail.outbox[0].body
    assert owner.nik in body
    assert reverse("accounts:password_reset") in body
    assert reverse("recruitment:login") in body


def test_a_taken_email_gets_the_same_answer_and_emails_its_owner(
    client, django_capture_on_commit_callbacks
):
    employee = core.EmployeeUserFactory(email="pegawai@example.go.id")
    _new, new_messages = register(
        client, django_capture_on_commit_callbacks, email="fresh@example.com"
    )
    mail.outbox.clear()
    other_nik = identifiers.build_nik("150401", dt.date(1999, 5, 17), "M", 99)

    taken, taken_messages = register(
        client, django_capture_on_commit_callbacks, nik=other_nik, email="pegawai@example.go.id"
    )

    assert taken.status_code == 302
    assert taken_messages == [new_messages[0].replace("fresh@example.com", "pegawai@example.go.id")]
    assert not Applicant.objects.filter(nik=other_nik).exists()
    assert [m.to for m in mail.outbox] == [["pegawai@example.go.id"]]
    assert employee.username in mail.outbox[0].body
    assert reverse("accounts:login") in mail.outbox[0].body


def test_the_page_never_says_an_account_exists(client, django_capture_on_commit_callbacks, owner):
    response = client.post(reverse("recruitment:register"), form(), follow=True)

    assert "already exists" not in response.content.decode()


def test_repeated_attempts_email_the_owner_once_a_day(
    client, django_capture_on_commit_callbacks, owner
):
    register(client, django_capture_on_commit_callbacks)
    register(client, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
