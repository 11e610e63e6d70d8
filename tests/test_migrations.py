"""Migrations match the models, and the rank seed holds the golongan of DOMAIN.md."""

import io

import pytest
from django.core.management import call_command

from asn_portal.personnel.models import Rank

pytestmark = pytest.mark.django_db


def test_models_have_no_missing_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        pytest.fail(
            f"makemigrations would write new migrations (exit {exc.code}):\n{out.getvalue()}"
        )


def test_seed_has_17_pns_golongan():
    assert Rank.objects.filter(scheme=Rank.Scheme.PNS).count() == 17


def test_seed_has_17_pppk_golongan():
    codes = list(Rank.objects.filter(scheme=Rank.Scheme.PPPK).values_list("code", flat=True))
    assert (len(codes), codes[0], codes[8], codes[-1]) == (17, "I", "IX", "XVII")


@pytest.mark.parametrize(
    ("code", "pangkat"),
    [("I/a", "Juru Muda"), ("III/a", "Penata Muda"), ("IV/e", "Pembina Utama")],
)
def test_pns_golongan_carries_its_pangkat(code, pangkat):
    assert Rank.objects.get(scheme=Rank.Scheme.PNS, code=code).pangkat == pangkat


def test_pns_golongan_are_ordered_from_i_a_to_iv_e():
    codes = list(Rank.objects.filter(scheme=Rank.Scheme.PNS).values_list("code", flat=True))
    assert (codes[0], codes[8], codes[-1]) == ("I/a", "III/a", "IV/e")


@pytest.mark.parametrize(("group", "max_mkg"), [("I", 27), ("II", 33), ("III", 32), ("IV", 32)])
def test_pns_mkg_range_follows_the_group(group, max_mkg):
    ranks = Rank.objects.filter(scheme=Rank.Scheme.PNS, group=group)
    assert set(ranks.values_list("max_mkg", flat=True)) == {max_mkg}
