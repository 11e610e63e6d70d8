"""Parsing and validation of NIP (civil-servant number) and NIK (national ID number).

NIP PNS, 18 digits: birth date yyyymmdd + TMT CPNS yyyymm + sex (1 male, 2 female) + sequence.
NIP PPPK, 18 digits: birth date yyyymmdd + TMT year yyyy + "2" + intake 1-9 + sex + sequence.
NIK, 16 digits: province, kabupaten, kecamatan (2 digits each) + birth date ddmmyy, with 40 added
to the day for women + sequence (4 digits).
The PNS month (01-12) and the PPPK marker "2" + intake (21-29) never collide, so the two NIP
formats are told apart by the digits themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

MALE = "M"
FEMALE = "F"
NIP_KIND_PNS = "PNS"
NIP_KIND_PPPK = "PPPK"
EARLIEST_BIRTH_YEAR = 1940
EARLIEST_TMT_YEAR = 1960
MIN_AGE_AT_APPOINTMENT = 17

# Province codes of Kemendagri (including the Papua provinces created in 2022).
PROVINCE_CODES = frozenset(
    {
        11,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        19,
        21,
        31,
        32,
        33,
        34,
        35,
        36,
        51,
        52,
        53,
        61,
        62,
        63,
        64,
        65,
        71,
        72,
        73,
        74,
        75,
        76,
        81,
        82,
        91,
        92,
        93,
        94,
        95,
        96,
        97,
    }
)


@dataclass(frozen=True)
class NipParts:
    kind: str
    birth_date: dt.date
    tmt_year: int
    tmt_month: int | None
    sex: str
    sequence: int
    intake: int | None = None


@dataclass(frozen=True)
class NikParts:
    province: int
    regency: int
    district: int
    birth_date: dt.date
    sex: str
    sequence: int


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _digits(value: str, length: int, label: str) -> str:
    value = (value or "").strip().replace(" ", "")
    if len(value) != length or not value.isdigit():
        raise ValidationError(
            _("%(label)s must be exactly %(length)d digits.") % {"label": label, "length": length},
            code="format",
        )
    return value


def parse_nip(value: str, *, today: dt.date | None = None) -> NipParts:
    """Split an NIP into its parts, raising ValidationError when a part is not plausible."""
    nip = _digits(value, 18, "NIP")
    today = today or timezone.localdate()
    birth = _date_or_none(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    if (
        birth is None
        or not EARLIEST_BIRTH_YEAR <= birth.year <= today.year - MIN_AGE_AT_APPOINTMENT
    ):
        raise ValidationError(_("The birth date in the NIP (digits 1-8) is not valid."), "birth")
    tmt_year = int(nip[8:12])
    marker = int(nip[12:14])
    sex_digit = nip[14]
    sequence = int(nip[15:18])
    if not EARLIEST_TMT_YEAR <= tmt_year <= today.year + 1:
        raise ValidationError(
            _("The appointment year in the NIP (digits 9-12) is not valid."), "tmt"
        )
    if tmt_year < birth.year + MIN_AGE_AT_APPOINTMENT:
        raise ValidationError(
            _("The appointment year in the NIP is too close to the birth date."), "tmt"
        )
    if sex_digit not in "12":
        raise ValidationError(_("The sex digit of the NIP (digit 15) must be 1 or 2."), "sex")
    if sequence == 0:
        raise ValidationError(
            _("The sequence number of the NIP (digits 16-18) cannot be 000."), "seq"
        )
    sex = MALE if sex_digit == "1" else FEMALE
    if 1 <= marker <= 12:
        return NipParts(NIP_KIND_PNS, birth, tmt_year, marker, sex, sequence)
    if 21 <= marker <= 29:
        return NipParts(NIP_KIND_PPPK, birth, tmt_year, None, sex, sequence, intake=marker - 20)
    raise ValidationError(
        _("Digits 13-14 of the NIP must be a month (01-12) for PNS or 21-29 for PPPK."), "tmt"
    )


def validate_nip_for(
    value: str,
    *,
    is_pppk: bool,
    sex: str | None = None,
    birth_date: dt.date | None = None,
    tmt_cpns: dt.date | None = None,
) -> NipParts:
    """Validate an NIP against the employee record it belongs to."""
    parts = parse_nip(value)
    errors = []
    if is_pppk and parts.kind != NIP_KIND_PPPK:
        errors.append(_("A PPPK employee needs a PPPK NIP (digit 13 is 2, digit 14 the intake)."))
    if not is_pppk and parts.kind != NIP_KIND_PNS:
        errors.append(_("A PNS or CPNS needs a PNS NIP (digits 9-14 are the TMT CPNS yyyymm)."))
    if sex and parts.sex != sex:
        errors.append(_("The sex digit of the NIP does not match the employee's sex."))
    if birth_date and parts.birth_date != birth_date:
        errors.append(_("The birth date in the NIP does not match the employee's birth date."))
    if (
        tmt_cpns
        and parts.kind == NIP_KIND_PNS
        and (parts.tmt_year, parts.tmt_month) != (tmt_cpns.year, tmt_cpns.month)
    ):
        errors.append(_("Digits 9-14 of the NIP do not match the TMT CPNS."))
    if errors:
        raise ValidationError(errors)
    return parts


def parse_nik(value: str, *, birth_date: dt.date | None = None) -> NikParts:
    """Split a NIK into its parts; the two-digit year is resolved with the known birth date."""
    nik = _digits(value, 16, "NIK")
    province, regency, district = int(nik[0:2]), int(nik[2:4]), int(nik[4:6])
    if province not in PROVINCE_CODES:
        raise ValidationError(_("The province code of the NIK (digits 1-2) is unknown."), "region")
    if regency == 0 or district == 0:
        raise ValidationError(
            _("The regency and district codes of the NIK cannot be 00."), "region"
        )
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = MALE
    if day > 40:
        day -= 40
        sex = FEMALE
    if birth_date is not None:
        year = birth_date.year if birth_date.year % 100 == yy else 1900 + yy
    else:
        this_year = timezone.localdate().year
        year = 2000 + yy if 2000 + yy <= this_year else 1900 + yy
    birth = _date_or_none(year, month, day)
    if birth is None:
        raise ValidationError(_("The birth date in the NIK (digits 7-12) is not valid."), "birth")
    sequence = int(nik[12:16])
    if sequence == 0:
        raise ValidationError(
            _("The sequence number of the NIK (digits 13-16) cannot be 0000."), "seq"
        )
    return NikParts(province, regency, district, birth, sex, sequence)


def validate_nik_for(
    value: str, *, sex: str | None = None, birth_date: dt.date | None = None
) -> NikParts:
    """Validate a NIK against the person's sex and birth date."""
    parts = parse_nik(value, birth_date=birth_date)
    errors = []
    if sex and parts.sex != sex:
        errors.append(_("The NIK's birth day does not match the sex (women have 40 added)."))
    if birth_date and parts.birth_date != birth_date:
        errors.append(_("The birth date in the NIK does not match the birth date."))
    if errors:
        raise ValidationError(errors)
    return parts


def build_nip_pns(birth: dt.date, tmt_cpns: dt.date, sex: str, sequence: int) -> str:
    """Compose a PNS NIP from its parts (demo data and tests)."""
    return f"{birth:%Y%m%d}{tmt_cpns:%Y%m}{1 if sex == MALE else 2}{sequence:03d}"


def build_nip_pppk(birth: dt.date, tmt_year: int, intake: int, sex: str, sequence: int) -> str:
    """Compose a PPPK NIP from its parts (demo data and tests)."""
    return f"{birth:%Y%m%d}{tmt_year:04d}2{intake}{1 if sex == MALE else 2}{sequence:03d}"


def build_nik(region: str, birth: dt.date, sex: str, sequence: int) -> str:
    """Compose a NIK from a 6-digit region code, birth date, sex and sequence."""
    day = birth.day + (40 if sex == FEMALE else 0)
    return f"{region}{day:02d}{birth:%m%y}{sequence:04d}"


def build_pppk_or_pns(status: str, birth: dt.date, tmt: dt.date, sex: str, sequence: int) -> str:
    """A NIP in the format the status uses (PPPK intake 1 for PPPK)."""
    if status == NIP_KIND_PPPK:
        return build_nip_pppk(birth, tmt.year, 1, sex, sequence)
    return build_nip_pns(birth, tmt, sex, sequence)
