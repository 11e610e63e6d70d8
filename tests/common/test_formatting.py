"""Rupiah: whole rupiah, half-up, dots for thousands; also as the builtin `rupiah` filter."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from asn_portal.common.formatting import rupiah


def test_gaji_pokok_iii_a_is_written_with_dots():
    assert rupiah(2785700) == "Rp 2.785.700"


def test_zero_rupiah():
    assert rupiah(0) == "Rp 0"


def test_negative_amount_has_the_minus_before_rp():
    assert rupiah(-72420) == "-Rp 72.420"


def test_half_rupiah_rounds_up():
    assert rupiah(Decimal("1234.5")) == "Rp 1.235"


def test_less_than_half_rupiah_rounds_down():
    assert rupiah(Decimal("1234.49")) == "Rp 1.234"


def test_negative_half_rupiah_rounds_away_from_zero():
    assert rupiah(Decimal("-1234.5")) == "-Rp 1.235"


def test_amount_below_a_thousand_has_no_separator():
    assert rupiah(999) == "Rp 999"


def test_billions_have_three_separators():
    assert rupiah(1_400_000_000) == "Rp 1.400.000.000"


@pytest.mark.parametrize("empty", [None, ""], ids=["None", "empty string"])
def test_missing_amount_is_blank(empty):
    assert rupiah(empty) == ""


def test_rupiah_filter_needs_no_load_tag():
    html = Template("{{ x|rupiah }}").render(Context({"x": 2785700}))
    assert html == "Rp 2.785.700"


def test_rupiah_filter_of_none_is_blank():
    assert Template("{{ x|rupiah }}").render(Context({"x": None})) == ""
