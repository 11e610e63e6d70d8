"""Code + PIN: the right pair opens the report, wrong PINs are counted and lock it."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from complaints import codes, services
from complaints.services import TrackResult

from .factories import TEST_PIN, ComplaintFactory

pytestmark = pytest.mark.django_db


def test_right_code_and_pin_open_the_report():
    complaint = ComplaintFactory()
    assert services.tracking_authenticate(code=complaint.tracking_code, pin=TEST_PIN) == (
        TrackResult.OK,
        complaint,
    )


def test_code_typed_in_lower_case_without_dashes_is_understood():
    ComplaintFactory(tracking_code="ADU-7K3M-Q9XP")
    result, _ = services.tracking_authenticate(code="adu 7k3m q9xp", pin=TEST_PIN)
    assert result == TrackResult.OK


def test_letter_o_typed_for_zero_is_understood():
    assert codes.normalise_code("ADU-7K3M-Q9X0".replace("0", "O")) == "ADU-7K3M-Q9X0"


def test_wrong_pin_is_refused():
    complaint = ComplaintFactory()
    assert services.tracking_authenticate(code=complaint.tracking_code, pin="000000") == (
        TrackResult.WRONG,
        None,
    )


def test_unknown_code_gives_the_same_answer_as_a_wrong_pin():
    result, _ = services.tracking_authenticate(code="ADU-0000-0000", pin=TEST_PIN)
    assert result == TrackResult.WRONG


def test_four_wrong_pins_do_not_lock_the_report():
    complaint = ComplaintFactory()
    for _attempt in range(4):
        services.tracking_authenticate(code=complaint.tracking_code, pin="000000")
    result, _ = services.tracking_authenticate(code=complaint.tracking_code, pin=TEST_PIN)
    assert result == TrackResult.OK


def test_the_fifth_wrong_pin_locks_the_report():
    complaint = ComplaintFactory()
    results = [
        services.tracking_authenticate(code=complaint.tracking_code, pin="000000")[0]
        for _attempt in range(5)
    ]
    assert results[-1] == TrackResult.LOCKED


def test_a_locked_report_refuses_even_the_right_pin():
    complaint = ComplaintFactory(pin_locked_until=timezone.now() + dt.timedelta(minutes=10))
    result, _ = services.tracking_authenticate(code=complaint.tracking_code, pin=TEST_PIN)
    assert result == TrackResult.LOCKED


def test_the_lock_ends_after_fifteen_minutes():
    complaint = ComplaintFactory()
    for _attempt in range(5):
        services.tracking_authenticate(code=complaint.tracking_code, pin="000000")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=15, seconds=1)):
        result, _ = services.tracking_authenticate(code=complaint.tracking_code, pin=TEST_PIN)
    assert result == TrackResult.OK


def test_pin_hash_is_salted_so_equal_pins_hash_differently():
    assert codes.hash_pin("123456") != codes.hash_pin("123456")


def test_pin_hash_needs_the_secret_key(settings):
    stored = codes.hash_pin("123456")
    settings.SECRET_KEY = "another-secret-key-for-this-test-0123456789abcdefghijkl"
    assert not codes.check_pin("123456", stored)


def test_pin_still_checks_after_the_secret_key_is_rotated(settings):
    stored = codes.hash_pin("123456")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "another-secret-key-for-this-test-0123456789abcdefghijkl"
    assert codes.check_pin("123456", stored)
