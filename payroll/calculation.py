"""The pure payslip computation: inputs and rules in, explained lines out. No database access.

Each line is rounded half-up to whole rupiah once; its explanation states the inputs, the rule
and the version (effective date) used, so an employee can see why the amount is what it is.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language, gettext

from appraisal.vocabulary import Predikat  # the one predikat vocabulary, owned by appraisal
from asn_portal.common.formatting import rupiah as _format_rupiah

HUNDRED = Decimal(100)
# gettext costs microseconds per call, and a run of 50,000 payslips makes millions of them:
# translations are memoised per language, the language being read once per payslip.
_TEXTS: dict[tuple[str | None, str], str] = {}
_LANGUAGE: list[str | None] = [None]


def _(message: str) -> str:
    key = (_LANGUAGE[0], message)
    text = _TEXTS.get(key)
    if text is None:
        text = _TEXTS[key] = gettext(message)
    return text


def rupiah(amount) -> str:
    """Rp 2.785.700: the shared format, with a fast path for whole rupiah."""
    if type(amount) is int:
        sign = "-" if amount < 0 else ""
        return f"{sign}Rp {abs(amount):,}".replace(",", ".")
    return _format_rupiah(amount)


GENERAL_GROUPS = ("I", "II", "III", "IV")
# PPPK golongan -> the PNS group whose general allowance applies (P: equivalence by education
# level of Perpres 98/2020: V ≈ II/c, IX ≈ III/a, XIII ≈ IV/a).
PPPK_GROUP = {
    **dict.fromkeys(("I", "II", "III", "IV"), "I"),
    **dict.fromkeys(("V", "VI", "VII", "VIII"), "II"),
    **dict.fromkeys(("IX", "X", "XI", "XII"), "III"),
    **dict.fromkeys(("XIII", "XIV", "XV", "XVI", "XVII"), "IV"),
}
TER_CATEGORY = {
    "TK/0": "A",
    "TK/1": "A",
    "K/0": "A",
    "TK/2": "B",
    "TK/3": "B",
    "K/1": "B",
    "K/2": "B",
    "K/3": "C",
}


class PayrollInputError(Exception):
    """Master data that makes a payslip impossible to compute (shown on the payslip)."""


def round_rupiah(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def exact_rupiah(value: Decimal) -> str:
    """58606.98 -> "Rp 58.606,98": an amount before rounding, in Indonesian notation."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"Rp {text}"


def _rounded(exact, explanation: str) -> tuple[int, str]:
    """Round an exact amount half-up once; say so in the explanation when it changed."""
    if not isinstance(exact, Decimal):
        return exact, explanation
    amount = round_rupiah(exact)
    if exact != amount:
        explanation = f"{explanation} " + _("Rounded half-up: %(x)s → %(r)s.") % {
            "x": exact_rupiah(exact),
            "r": rupiah(amount),
        }
    return amount, explanation


def pct(value: Decimal) -> str:
    """12.5000 -> "12,5%": percentages as Indonesians write them."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",") + "%"


@dataclass(frozen=True)
class RuleSet:
    """Everything a month is computed with; `version` is the rules' effective date."""

    version: dt.date
    spouse_pct: Decimal
    child_pct: Decimal
    max_children: int
    child_age_limit: int
    child_age_limit_studying: int
    food_per_person: int
    general_allowance: dict[str, int]
    bpjs_employee_pct: Decimal
    bpjs_employer_pct: Decimal
    bpjs_cap: int
    taspen_tht_pct: Decimal
    taspen_pension_pct: Decimal
    taspen_for_pppk: bool
    tpp_performance_weight: Decimal
    tpp_discipline_weight: Decimal
    predikat_factor: dict[str | None, Decimal]
    late_pct: tuple[Decimal, Decimal, Decimal, Decimal]
    missed_assembly_pct: Decimal
    absent_unexcused_pct: Decimal
    sanction_cut_pct: Decimal
    cpns_pct: Decimal
    # (scheme, golongan) -> sorted [(mkg, amount)], with the table's effective date
    basic_salary: dict[tuple[str, str], list[tuple[int, int]]] = field(default_factory=dict)
    basic_salary_version: dict[tuple[str, str], dt.date] = field(default_factory=dict)
    # category -> sorted [(upper_bound or None, rate_pct)]
    ter: dict[str, list[tuple[int | None, Decimal]]] = field(default_factory=dict)
    ter_version: dt.date | None = None
    # (kelas jabatan, OPD id or None) -> (amount, effective date, criteria note)
    tpp_amount: dict[tuple[int, int | None], tuple[int, dt.date, str]] = field(default_factory=dict)
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_model(cls, rules, **tables) -> RuleSet:
        return cls(
            version=rules.effective_from,
            spouse_pct=rules.spouse_pct,
            child_pct=rules.child_pct,
            max_children=rules.max_children,
            child_age_limit=rules.child_age_limit,
            child_age_limit_studying=rules.child_age_limit_studying,
            food_per_person=rules.food_per_person,
            general_allowance={
                "I": rules.general_allowance_i,
                "II": rules.general_allowance_ii,
                "III": rules.general_allowance_iii,
                "IV": rules.general_allowance_iv,
            },
            bpjs_employee_pct=rules.bpjs_employee_pct,
            bpjs_employer_pct=rules.bpjs_employer_pct,
            bpjs_cap=rules.bpjs_cap,
            taspen_tht_pct=rules.taspen_tht_pct,
            taspen_pension_pct=rules.taspen_pension_pct,
            taspen_for_pppk=rules.taspen_for_pppk,
            tpp_performance_weight=rules.tpp_performance_weight,
            tpp_discipline_weight=rules.tpp_discipline_weight,
            predikat_factor={
                Predikat.SANGAT_BAIK: rules.factor_sangat_baik,
                Predikat.BAIK: rules.factor_baik,
                Predikat.BUTUH_PERBAIKAN: rules.factor_butuh_perbaikan,
                Predikat.KURANG: rules.factor_kurang,
                Predikat.SANGAT_KURANG: rules.factor_sangat_kurang,
                None: rules.factor_no_appraisal,
            },
            late_pct=(
                rules.late_1_30_pct,
                rules.late_31_60_pct,
                rules.late_61_90_pct,
                rules.late_over_90_pct,
            ),
            missed_assembly_pct=rules.missed_assembly_pct,
            absent_unexcused_pct=rules.absent_unexcused_pct,
            sanction_cut_pct=rules.sanction_cut_pct,
            cpns_pct=rules.cpns_pct,
            **tables,
        )


@dataclass
class Discipline:
    """Occurrences in the month that lower the discipline factor of TPP."""

    late_1_30: int = 0
    late_31_60: int = 0
    late_61_90: int = 0
    late_over_90: int = 0  # also days without a fingerprint record
    missed_assembly: int = 0
    absent_unexcused: int = 0


@dataclass
class EmployeeInput:
    """What one employee's payslip depends on, gathered in bulk by `inputs.py`."""

    status: str  # PNS, CPNS or PPPK
    golongan: str
    group: str
    mkg_years: int
    ptkp_status: str
    kelas_jabatan: int
    opd_id: int | None = None  # for TPP amounts set per place of duty
    spouses: int = 0
    children: int = 0  # eligible children (age, studying, not married, no income)
    position_allowance: int | None = None
    predikat: str | None = None
    predikat_known: bool = True  # False when the appraisal module is not installed
    discipline: Discipline = field(default_factory=Discipline)
    tpp_cut: Decimal = Decimal(0)  # share, 0.25 under a medium sanction
    other_deductions: list[tuple[str, int]] = field(default_factory=list)
    adjustments: list[tuple[str, int]] = field(default_factory=list)

    @property
    def scheme(self) -> str:
        return "PPPK" if self.status == "PPPK" else "PNS"


@dataclass
class Line:
    code: str
    kind: str  # earning, deduction, employer
    label: str
    amount: int
    explanation: str


@dataclass
class Result:
    lines: list[Line]
    gross: int
    deductions: int
    net: int
    employer: int
    tpp: int
    pph21: int


def basic_salary_for(rules: RuleSet, scheme: str, golongan: str, mkg: int) -> tuple[int, int]:
    """The gaji pokok cell for the MKG: the last listed step not above it → (step, amount).

    Some columns start above MKG 0 (PNS II/b–II/d at 3, PPPK II–VIII at 3): an MKG below the
    first listed step is paid the column's first cell, as the appendix is read for new entrants.
    """
    table = rules.basic_salary.get((scheme, golongan))
    if not table:
        raise PayrollInputError(
            _("No gaji pokok table for golongan %(golongan)s (%(scheme)s).")
            % {"golongan": golongan, "scheme": scheme}
        )
    steps = [step for step, _amount in table]
    index = max(0, bisect.bisect_right(steps, mkg) - 1)
    return table[index]


def ter_rate(rules: RuleSet, category: str, gross: int) -> Decimal:
    """The monthly TER rate (percent) of the first bracket whose upper bound is ≥ gross."""
    for bound, rate in rules.ter[category]:
        if bound is None or gross <= bound:
            return rate
    raise PayrollInputError(
        _("The TER table %(category)s has no top row.") % {"category": category}
    )


def discipline_factor(rules: RuleSet, d: Discipline) -> tuple[Decimal, list[str]]:
    """100% minus each occurrence's percentage, not below 0%; with the itemised reasons."""
    items = [
        (d.late_1_30, rules.late_pct[0], _("late 1–30 min")),
        (d.late_31_60, rules.late_pct[1], _("late 31–60 min")),
        (d.late_61_90, rules.late_pct[2], _("late 61–90 min")),
        (d.late_over_90, rules.late_pct[3], _("late > 90 min or no record")),
        (d.missed_assembly, rules.missed_assembly_pct, _("missed assembly")),
        (d.absent_unexcused, rules.absent_unexcused_pct, _("unexcused absence")),
    ]
    lost = Decimal(0)
    reasons = []
    for count, each, label in items:
        if count:
            lost += count * each
            reasons.append(f"{count} × {label} × {pct(each)}")
    return max(Decimal(0), HUNDRED - lost), reasons


def compute_payslip(emp: EmployeeInput, rules: RuleSet) -> Result:
    """Compute one payslip. Raises PayrollInputError when the master data do not allow it.

    The parts that depend on few inputs (the fixed earnings, TPP, the contributions and tax)
    are memoised on the rule set: many employees of a run share them, and a run of 50,000
    payslips then formats each distinct explanation once.
    """
    _LANGUAGE[0] = lang = get_language()
    memo = rules.memo
    spouses = min(emp.spouses, 1)
    children = min(emp.children, rules.max_children)
    key = ("fixed", lang, emp.scheme, emp.golongan, emp.group, emp.mkg_years, spouses, children,
           emp.position_allowance)  # fmt: skip
    fixed = memo.get(key)
    if fixed is None:
        fixed = memo[key] = _fixed_earnings(emp, rules, spouses, children)
    fixed_lines, base, family, food, position = fixed

    d = emp.discipline
    tpp_source = tpp_amount_for(rules, emp)
    key = ("tpp", lang, emp.kelas_jabatan, tpp_source, emp.predikat, emp.predikat_known,
           emp.tpp_cut, emp.status, d.late_1_30, d.late_31_60, d.late_61_90, d.late_over_90,
           d.missed_assembly, d.absent_unexcused)  # fmt: skip
    tpp_line = memo.get(key)
    if tpp_line is None:
        tpp_line = memo[key] = compute_tpp(emp, rules, tpp_source)
    tpp = tpp_line.amount
    lines = [*fixed_lines, tpp_line]

    total_adjustments = 0
    for label, amount in emp.adjustments:
        kind = "earning" if amount > 0 else "deduction"
        lines.append(Line("adjustment", kind, _("Adjustment"), abs(amount), label))
        total_adjustments += amount
    gross = base + family + food + position + tpp + max(0, total_adjustments)

    key = ("contributions", lang, emp.scheme, emp.ptkp_status, base, family, position, tpp, gross)
    contributions = memo.get(key)
    if contributions is None:
        contributions = memo[key] = _contributions_and_tax(
            emp, rules, base, family, position, tpp, gross
        )
    contribution_lines, bpjs, employer_bpjs, taspen, pph21 = contributions
    lines.extend(contribution_lines)

    other = 0
    for label, amount in emp.other_deductions:
        lines.append(Line("other", "deduction", label, amount, _("Recorded deduction.")))
        other += amount
    deductions = bpjs + taspen + pph21 + other - min(0, total_adjustments)
    return Result(
        lines=lines,
        gross=gross,
        deductions=deductions,
        net=gross - deductions,
        employer=employer_bpjs,
        tpp=tpp,
        pph21=pph21,
    )


def _fixed_earnings(emp: EmployeeInput, rules: RuleSet, spouses: int, children: int):
    """Gaji pokok, family, food and position or general allowance: lines and amounts."""
    v = f"{_('rules of')} {rules.version:%d-%m-%Y}"
    lines: list[Line] = []

    def add(code, kind, label, exact, explanation):
        amount, explanation = _rounded(exact, explanation)
        lines.append(Line(code, kind, label, amount, explanation))
        return amount

    step, base = basic_salary_for(rules, emp.scheme, emp.golongan, emp.mkg_years)
    table_version = rules.basic_salary_version.get((emp.scheme, emp.golongan), rules.version)
    source = "Perpres 11/2024" if emp.scheme == "PPPK" else "PP 5/2024"
    add(
        "gaji_pokok",
        "earning",
        _("Gaji pokok"),
        base,
        _("Golongan %(g)s, MKG %(m)s years (table step %(s)s): %(source)s table of %(v)s.")
        % {
            "g": emp.golongan,
            "m": emp.mkg_years,
            "s": step,
            "source": source,
            "v": f"{table_version:%d-%m-%Y}",
        },
    )

    spouse_amount = base * rules.spouse_pct / HUNDRED if spouses else Decimal(0)
    children_amount = base * rules.child_pct / HUNDRED * children
    family = 0
    if spouses or children:
        family = add(
            "family",
            "earning",
            _("Family allowance"),
            spouse_amount + children_amount,
            _(
                "Spouse %(sp)s × %(spct)s of %(base)s = %(sa)s; %(c)s eligible children "
                "(at most %(max)s, under %(age)s or %(agest)s while studying) × %(cpct)s "
                "= %(ca)s; %(v)s."
            )
            % {
                "sp": spouses,
                "spct": pct(rules.spouse_pct),
                "base": rupiah(base),
                "sa": exact_rupiah(spouse_amount),
                "c": children,
                "max": rules.max_children,
                "age": rules.child_age_limit,
                "agest": rules.child_age_limit_studying,
                "cpct": pct(rules.child_pct),
                "ca": exact_rupiah(children_amount),
                "v": v,
            },
        )

    persons = 1 + spouses + children
    food = add(
        "food",
        "earning",
        _("Food allowance"),
        persons * rules.food_per_person,
        _("%(n)s persons (employee, spouse, counted children) × %(each)s; %(v)s.")
        % {"n": persons, "each": rupiah(rules.food_per_person), "v": v},
    )

    if emp.position_allowance is not None:
        position = add(
            "position",
            "earning",
            _("Position allowance"),
            emp.position_allowance,
            _("Structural/functional allowance of the position; no general allowance."),
        )
    else:
        group = PPPK_GROUP.get(emp.golongan, "I") if emp.scheme == "PPPK" else emp.group
        if group not in GENERAL_GROUPS:
            raise PayrollInputError(_("Unknown golongan group %(g)s.") % {"g": group})
        position = add(
            "general",
            "earning",
            _("General allowance"),
            rules.general_allowance[group],
            _("Tunjangan umum for group %(g)s (no position allowance); %(v)s.")
            % {"g": group, "v": v},
        )

    return lines, base, family, food, position


def _contributions_and_tax(emp, rules, base, family, position, tpp, gross):
    """BPJS Kesehatan (employee and employer), Taspen and PPh 21 TER: lines and amounts."""
    v = f"{_('rules of')} {rules.version:%d-%m-%Y}"
    lines: list[Line] = []

    def add(code, kind, label, exact, explanation):
        amount, explanation = _rounded(exact, explanation)
        lines.append(Line(code, kind, label, amount, explanation))
        return amount

    bpjs_base = min(rules.bpjs_cap, base + family + position + tpp)
    capped = (
        _(" (capped at %(cap)s)") % {"cap": rupiah(rules.bpjs_cap)}
        if (bpjs_base == rules.bpjs_cap)
        else ""
    )
    bpjs = add(
        "bpjs",
        "deduction",
        _("BPJS Kesehatan"),
        bpjs_base * rules.bpjs_employee_pct / HUNDRED,
        _("%(p)s of %(b)s%(c)s = gaji pokok + family + position/general allowance + TPP; %(v)s.")
        % {"p": pct(rules.bpjs_employee_pct), "b": rupiah(bpjs_base), "c": capped, "v": v},
    )
    employer_bpjs = add(
        "bpjs_employer",
        "employer",
        _("BPJS Kesehatan (employer)"),
        bpjs_base * rules.bpjs_employer_pct / HUNDRED,
        _("%(p)s of %(b)s paid by the employer, not deducted; %(v)s.")
        % {"p": pct(rules.bpjs_employer_pct), "b": rupiah(bpjs_base), "v": v},
    )

    taspen = 0
    if emp.scheme == "PNS" or rules.taspen_for_pppk:
        taspen_base = base + family
        for code, label, rate in (
            ("taspen_tht", _("Taspen THT"), rules.taspen_tht_pct),
            ("taspen_pension", _("Taspen pension"), rules.taspen_pension_pct),
        ):
            taspen += add(
                code,
                "deduction",
                label,
                taspen_base * rate / HUNDRED,
                _("%(p)s of %(b)s (gaji pokok + family allowance); %(v)s.")
                % {"p": pct(rate), "b": rupiah(taspen_base), "v": v},
            )

    category = TER_CATEGORY.get(emp.ptkp_status)
    if category is None:
        raise PayrollInputError(_("Unknown tax status (PTKP) %(s)s.") % {"s": emp.ptkp_status})
    ter_base = gross + employer_bpjs
    rate = ter_rate(rules, category, ter_base)
    pph21 = add(
        "pph21",
        "deduction",
        _("PPh 21"),
        ter_base * rate / HUNDRED,
        _(
            "TER category %(cat)s (%(ptkp)s): %(rate)s of %(b)s (gross + employer BPJS); "
            "PMK 168/2023 table of %(tv)s."
        )
        % {
            "cat": category,
            "ptkp": emp.ptkp_status,
            "rate": pct(rate),
            "b": rupiah(ter_base),
            "tv": f"{rules.ter_version:%d-%m-%Y}" if rules.ter_version else "-",
        },
    )

    return lines, bpjs, employer_bpjs, taspen, pph21


def tpp_amount_for(rules: RuleSet, emp: EmployeeInput) -> tuple[int, dt.date, str] | None:
    """The TPP amount of the employee's OPD for the kelas jabatan, else the general one."""
    found = rules.tpp_amount.get((emp.kelas_jabatan, emp.opd_id))
    if found is None:
        found = rules.tpp_amount.get((emp.kelas_jabatan, None))
        return found and (found[0], found[1], "")
    return (found[0], found[1], found[2] or _("amount of the OPD"))


def compute_tpp(emp: EmployeeInput, rules: RuleSet, found=None) -> Line:
    """TPP = amount × (performance weight × predikat factor + discipline weight × discipline
    factor) × (1 − sanction cut) × CPNS share, rounded once."""
    found = found or tpp_amount_for(rules, emp)
    if found is None:
        raise PayrollInputError(
            _("No TPP amount for kelas jabatan %(k)s.") % {"k": emp.kelas_jabatan}
        )
    amount, version, criteria = found
    perf = rules.predikat_factor.get(emp.predikat, rules.predikat_factor[None])
    disc, reasons = discipline_factor(rules, emp.discipline)
    share = (rules.tpp_performance_weight * perf + rules.tpp_discipline_weight * disc) / (
        HUNDRED * HUNDRED
    )
    value = amount * share
    parts = [
        _("Kelas jabatan %(k)s: %(a)s (TPP table of %(tv)s).")
        % {"k": emp.kelas_jabatan, "a": rupiah(amount), "tv": f"{version:%d-%m-%Y}"}
        + (f" {_('Criteria of the place of duty')}: {criteria}." if criteria else ""),
        _("Performance %(w)s × %(f)s (predikat: %(p)s).")
        % {
            "w": pct(rules.tpp_performance_weight),
            "f": pct(perf),
            "p": emp.predikat
            or (
                _("no appraisal submitted")
                if emp.predikat_known
                else _("appraisal module not installed")
            ),
        },
        _("Discipline %(w)s × %(f)s%(r)s.")
        % {
            "w": pct(rules.tpp_discipline_weight),
            "f": pct(disc),
            "r": f" (100% − {'; '.join(reasons)})" if reasons else "",
        },
    ]
    if emp.tpp_cut:
        value = value * (1 - emp.tpp_cut)
        parts.append(
            _("Medium disciplinary sanction in force: cut %(c)s.")
            % {"c": pct(emp.tpp_cut * HUNDRED)}
        )
    if emp.status == "CPNS":
        value = value * rules.cpns_pct / HUNDRED
        parts.append(_("CPNS receive %(p)s.") % {"p": pct(rules.cpns_pct)})
    tpp = round_rupiah(value)
    parts.append(
        _("Rounded half-up once: %(x)s → %(r)s; %(v)s.")
        % {
            "x": f"{value:.2f}".replace(".", ","),
            "r": rupiah(tpp),
            "v": f"{_('rules of')} {rules.version:%d-%m-%Y}",
        }
    )
    return Line("tpp", "earning", _("TPP"), tpp, " ".join(parts))
