"""The pure payslip computation: worked examples in exact rupiah (DOMAIN.md, "Pay" and "TPP")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from payroll.calculation import (
    Discipline,
    EmployeeInput,
    PayrollInputError,
    Predikat,
    basic_salary_for,
    compute_payslip,
    ter_rate,
)

pytestmark = pytest.mark.django_db


def employee(**overrides) -> EmployeeInput:
    """A III/a PNS, MKG 0, single, kelas jabatan 7 (TPP Rp 2.500.000), appraised Baik."""
    values = {
        "status": "PNS",
        "golongan": "III/a",
        "group": "III",
        "mkg_years": 0,
        "ptkp_status": "TK/0",
        "kelas_jabatan": 7,
        "predikat": Predikat.BAIK,
    }
    values.update(overrides)
    return EmployeeInput(**values)


def amounts(result) -> dict[str, int]:
    return {line.code: line.amount for line in result.lines}


@pytest.mark.parametrize(
    ("golongan", "mkg", "amount"),
    [
        ("I/a", 0, 1_685_700),
        ("II/a", 0, 2_184_000),
        ("III/a", 0, 2_785_700),
        ("III/a", 32, 4_575_200),
        ("IV/a", 0, 3_287_800),
        ("IV/e", 0, 3_880_400),
        ("IV/e", 32, 6_373_200),
    ],
)
def test_gaji_pokok_table_has_the_anchor_cells_of_pp_5_2024(rules, golongan, mkg, amount):
    assert basic_salary_for(rules, "PNS", golongan, mkg)[1] == amount


def test_gaji_pokok_table_is_complete_for_every_pns_golongan(rules):
    cells = {g: len(rows) for (scheme, g), rows in rules.basic_salary.items() if scheme == "PNS"}
    assert cells == {
        "I/a": 14, "I/b": 13, "I/c": 13, "I/d": 13,
        "II/a": 18, "II/b": 16, "II/c": 16, "II/d": 16,
        **{f"{g}/{r}": 17 for g in ("III", "IV") for r in "abcd"}, "IV/e": 17,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("golongan", "mkg", "amount"),
    [("I", 0, 1_938_500), ("V", 0, 2_511_500), ("IX", 0, 3_203_600), ("XI", 0, 3_480_300),
     ("XVII", 32, 7_329_000)],
)  # fmt: skip
def test_pppk_table_of_perpres_11_2024(rules, golongan, mkg, amount):
    assert basic_salary_for(rules, "PPPK", golongan, mkg)[1] == amount


def test_pppk_table_has_every_golongan(rules):
    golongan = {g for (scheme, g) in rules.basic_salary if scheme == "PPPK"}
    assert len(golongan) == 17


def test_mkg_between_two_steps_takes_the_lower_step(rules):
    assert basic_salary_for(rules, "PNS", "III/a", 3) == (2, 2_873_500)


def test_married_iii_a_with_two_children_worked_example(rules):
    result = compute_payslip(employee(spouses=1, children=2, ptkp_status="K/2"), rules)
    assert amounts(result) == {
        "gaji_pokok": 2_785_700,
        "family": 278_570 + 2 * 55_714,  # spouse 10%, each child 2% of 2.785.700
        "food": 4 * 72_420,
        "general": 185_000,
        "tpp": 2_500_000,
        "bpjs": 58_607,  # 1% of 5.860.698
        "bpjs_employer": 234_428,  # 4% of 5.860.698
        "taspen_tht": 103_210,  # 3.25% of 3.175.698
        "taspen_pension": 150_846,  # 4.75% of 3.175.698
        "pph21": 15_962,  # TER B 0.25% of 6.384.806
    }


def test_married_iii_a_with_two_children_totals(rules):
    result = compute_payslip(employee(spouses=1, children=2, ptkp_status="K/2"), rules)
    assert (result.gross, result.deductions, result.net, result.employer) == (
        6_150_378,
        328_625,
        5_821_753,
        234_428,
    )


def test_only_two_children_are_counted(rules):
    result = compute_payslip(employee(spouses=1, children=3, ptkp_status="K/3"), rules)
    assert amounts(result)["family"] == 278_570 + 111_428
    assert amounts(result)["food"] == 4 * 72_420


def test_every_line_explains_its_rule_and_version(rules):
    result = compute_payslip(employee(spouses=1, children=2), rules)
    family = next(line for line in result.lines if line.code == "family")
    assert "10%" in family.explanation and "01-01-2024" in family.explanation


def test_pppk_ix_gets_the_perpres_11_2024_salary_without_taspen(rules):
    result = compute_payslip(employee(status="PPPK", golongan="IX", group="IX"), rules)
    lines = amounts(result)
    assert lines["gaji_pokok"] == 3_203_600
    assert lines["general"] == 185_000
    assert "taspen_tht" not in lines and "taspen_pension" not in lines


def test_bpjs_base_is_capped_at_twelve_million(rules):
    result = compute_payslip(employee(kelas_jabatan=17, golongan="IV/e", group="IV"), rules)
    assert amounts(result)["bpjs"] == 120_000
    assert amounts(result)["bpjs_employer"] == 480_000


def test_bpjs_below_the_cap_is_one_percent_of_the_base(rules):
    result = compute_payslip(employee(), rules)
    assert amounts(result)["bpjs"] == 54_707  # 1% of 2.785.700 + 185.000 + 2.500.000


def test_position_allowance_replaces_the_general_allowance(rules):
    lines = amounts(compute_payslip(employee(position_allowance=540_000), rules))
    assert lines["position"] == 540_000 and "general" not in lines


@pytest.mark.parametrize(
    ("category", "gross", "rate"),
    [
        ("A", 5_400_000, Decimal("0")),
        ("A", 5_400_001, Decimal("0.25")),
        ("A", 8_550_000, Decimal("1.5")),
        ("A", 8_550_001, Decimal("1.75")),
        ("A", 1_400_000_000, Decimal("33")),
        ("A", 1_400_000_001, Decimal("34")),
        ("B", 6_200_000, Decimal("0")),
        ("B", 6_200_001, Decimal("0.25")),
        ("B", 10_750_000, Decimal("1.5")),
        ("B", 10_750_001, Decimal("2")),
        ("C", 6_600_000, Decimal("0")),
        ("C", 6_600_001, Decimal("0.25")),
        ("C", 8_850_000, Decimal("1")),
        ("C", 8_850_001, Decimal("1.25")),
    ],
)
def test_ter_bracket_boundaries(rules, category, gross, rate):
    assert ter_rate(rules, category, gross) == rate


def test_ter_tables_are_complete(rules):
    assert {k: len(v) for k, v in rules.ter.items()} == {"A": 44, "B": 40, "C": 41}


@pytest.mark.parametrize(
    ("ptkp", "pph21"),
    [("TK/0", 47_115), ("K/0", 47_115), ("TK/2", 15_705), ("K/1", 15_705), ("K/3", 0)],
)
def test_ter_category_follows_the_ptkp_status(rules, ptkp, pph21):
    # kelas 9: gross 6.043.120 + employer BPJS 238.828 = 6.281.948 → A 0,75%, B 0,25%, C 0%
    result = compute_payslip(employee(ptkp_status=ptkp, kelas_jabatan=9), rules)
    assert amounts(result)["pph21"] == pph21


@pytest.mark.parametrize(
    ("predikat", "tpp"),
    [
        (Predikat.SANGAT_BAIK, 2_500_000),
        (Predikat.BAIK, 2_500_000),
        (Predikat.BUTUH_PERBAIKAN, 2_200_000),  # 60% × 80% + 40%
        (Predikat.KURANG, 1_900_000),  # 60% × 60% + 40%
        (Predikat.SANGAT_KURANG, 1_600_000),  # 60% × 40% + 40%
        (None, 1_000_000),  # no appraisal submitted: 60% × 0% + 40%
    ],
)
def test_tpp_follows_the_predikat_factor(rules, predikat, tpp):
    assert amounts(compute_payslip(employee(predikat=predikat), rules))["tpp"] == tpp


def test_tpp_discipline_deductions_add_up(rules):
    discipline = Discipline(late_1_30=3, late_31_60=1, missed_assembly=1, absent_unexcused=1)
    # 100% − 1,5% − 1% − 2% − 3% = 92,5%; 60% + 40% × 92,5% = 97%
    assert amounts(compute_payslip(employee(discipline=discipline), rules))["tpp"] == 2_425_000


@pytest.mark.parametrize(
    ("discipline", "tpp"),
    [
        (Discipline(late_61_90=2), 2_475_000),  # 100% − 2 × 1,25%
        (Discipline(late_over_90=2), 2_470_000),  # 100% − 2 × 1,5%
    ],
)
def test_tpp_lateness_brackets(rules, discipline, tpp):
    assert amounts(compute_payslip(employee(discipline=discipline), rules))["tpp"] == tpp


def test_discipline_factor_does_not_go_below_zero(rules):
    result = compute_payslip(employee(discipline=Discipline(absent_unexcused=40)), rules)
    assert amounts(result)["tpp"] == 1_500_000  # only the performance part remains


def test_medium_sanction_cuts_tpp_by_a_quarter(rules):
    result = compute_payslip(employee(tpp_cut=Decimal("0.25")), rules)
    assert amounts(result)["tpp"] == 1_875_000


def test_cpns_receive_eighty_percent_of_tpp(rules):
    assert amounts(compute_payslip(employee(status="CPNS"), rules))["tpp"] == 2_000_000


def test_tpp_is_rounded_half_up_once(rules):
    # 60% + 40% × (100% − 0,5%) = 99,8% of 1.800.000 (kelas 3) = 1.796.400
    result = compute_payslip(employee(kelas_jabatan=3, discipline=Discipline(late_1_30=1)), rules)
    tpp = next(line for line in result.lines if line.code == "tpp")
    assert tpp.amount == 1_796_400 and "Rounded half-up once" in tpp.explanation


def test_golongan_without_a_table_is_an_input_error(rules):
    with pytest.raises(PayrollInputError):
        compute_payslip(employee(golongan="V/a", group="V"), rules)


def test_mkg_below_the_first_step_gets_the_first_cell(rules):
    # PNS II/c is listed from MKG 3: a new D-III entrant at MKG 0 gets Rp 2.485.900
    assert basic_salary_for(rules, "PNS", "II/c", 0) == (3, 2_485_900)


def test_unknown_ptkp_status_is_an_input_error(rules):
    with pytest.raises(PayrollInputError):
        compute_payslip(employee(ptkp_status="K/9"), rules)


def test_missing_tpp_amount_is_an_input_error(rules):
    with pytest.raises(PayrollInputError):
        compute_payslip(employee(kelas_jabatan=0), rules)


def test_adjustments_are_paid_and_deducted(rules):
    base = compute_payslip(employee(), rules)
    plus = compute_payslip(employee(adjustments=[("koreksi", 100_000)]), rules)
    minus = compute_payslip(employee(adjustments=[("koreksi", -50_000)]), rules)
    assert plus.gross == base.gross + 100_000
    assert minus.net == base.net - 50_000


def test_percentage_lines_show_their_half_up_rounding(rules):
    result = compute_payslip(employee(spouses=1, children=2, ptkp_status="K/2"), rules)
    bpjs = next(line for line in result.lines if line.code == "bpjs")
    assert bpjs.amount == 58_607
    assert "Rp 58.606,98 → Rp 58.607" in bpjs.explanation
