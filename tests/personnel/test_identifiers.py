"""NIP and NIK: each part validated and matched against the employee record (DOMAIN.md)."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation
from django.utils.translation import gettext

from asn_portal.personnel.identifiers import (
    FEMALE,
    MALE,
    NIP_KIND_PNS,
    NIP_KIND_PPPK,
    parse_nik,
    parse_nip,
    validate_nik_for,
    validate_nip_for,
)
from tests import factories

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
# Born 12 July 1985, TMT CPNS March 2010, male, sequence 001.
PNS_NIP = "198507122010031001"
# The DOMAIN.md example: born 31 December 2000, TMT 2024, PPPK intake 1, male, sequence 001.
PPPK_NIP = "200012312024211001"
# Region 15.04.01, born 12 July 1985; a woman has 40 added to the day.
NIK_MAN = "1504011207850001"
NIK_WOMAN = "1504015207850002"


@pytest.fixture(autouse=True)
def _today(time_machine):
    """The plausible-year checks depend on today: pin it."""
    time_machine.move_to(dt.datetime(2026, 6, 1, 9, 0, tzinfo=JAKARTA), tick=False)


def _code(value: str) -> str:
    with pytest.raises(ValidationError) as excinfo:
        parse_nip(value)
    return excinfo.value.code


# NIP PNS


def test_valid_pns_nip_is_split_into_its_parts():
    parts = parse_nip(PNS_NIP)
    assert (parts.kind, parts.birth_date, parts.tmt_year, parts.tmt_month) == (
        NIP_KIND_PNS,
        dt.date(1985, 7, 12),
        2010,
        3,
    )
    assert (parts.sex, parts.sequence, parts.intake) == (MALE, 1, None)


def test_pns_nip_of_a_woman_has_sex_digit_2():
    assert parse_nip("198507122010032001").sex == FEMALE


def test_nip_with_february_30_as_birth_date_is_refused():
    assert _code("198502302010031001") == "birth"


def test_nip_with_birth_year_before_1940_is_refused():
    assert _code("193912312010031001") == "birth"


def test_nip_of_someone_too_young_to_be_appointed_is_refused():
    assert _code("201001012026031001") == "birth"


def test_nip_with_appointment_before_age_17_is_refused():
    assert _code("199001012005031001") == "tmt"


def test_nip_with_appointment_year_in_the_future_is_refused():
    assert _code("198507122030031001") == "tmt"


def test_nip_with_tmt_month_13_is_refused():
    assert _code("198507122010131001") == "tmt"


def test_nip_with_tmt_month_00_is_refused():
    assert _code("198507122010001001") == "tmt"


def test_nip_with_sex_digit_3_is_refused():
    assert _code("198507122010033001") == "sex"


def test_nip_with_sequence_000_is_refused():
    assert _code("198507122010031000") == "seq"


@pytest.mark.parametrize(
    "value",
    ["19850712201003100", "1985071220100310011", "19850712201003100A", "", "1985-07-12-2010031"],
    ids=["17 digits", "19 digits", "letter", "empty", "dashes"],
)
def test_nip_that_is_not_18_digits_is_refused(value):
    assert _code(value) == "format"


def test_nip_matching_the_record_is_accepted():
    parts = validate_nip_for(
        PNS_NIP,
        is_pppk=False,
        sex=MALE,
        birth_date=dt.date(1985, 7, 12),
        tmt_cpns=dt.date(2010, 3, 1),
    )
    assert parts.sequence == 1


def test_nip_sex_digit_must_match_the_employee():
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        validate_nip_for(PNS_NIP, is_pppk=False, sex=FEMALE)
    assert excinfo.value.messages == ["The sex digit of the NIP does not match the employee's sex."]


def test_nip_birth_date_must_match_the_employee():
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        validate_nip_for(PNS_NIP, is_pppk=False, birth_date=dt.date(1985, 7, 13))
    assert excinfo.value.messages == [
        "The birth date in the NIP does not match the employee's birth date."
    ]


def test_nip_tmt_must_match_the_tmt_cpns():
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        validate_nip_for(PNS_NIP, is_pppk=False, tmt_cpns=dt.date(2010, 4, 1))
    assert excinfo.value.messages == ["Digits 9-14 of the NIP do not match the TMT CPNS."]


# NIP PPPK


def test_valid_pppk_nip_is_split_into_its_parts():
    parts = parse_nip(PPPK_NIP)
    assert (parts.kind, parts.birth_date, parts.tmt_year, parts.tmt_month) == (
        NIP_KIND_PPPK,
        dt.date(2000, 12, 31),
        2024,
        None,
    )
    assert (parts.intake, parts.sex, parts.sequence) == (1, MALE, 1)


def test_pppk_nip_with_intake_0_is_refused():
    assert _code("200012312024201001") == "tmt"


def test_pns_record_with_a_pppk_nip_is_refused():
    with pytest.raises(ValidationError):
        validate_nip_for(PPPK_NIP, is_pppk=False)


def test_pppk_record_with_a_pns_nip_is_refused():
    with pytest.raises(ValidationError):
        validate_nip_for(PNS_NIP, is_pppk=True)


def test_pppk_record_with_a_pppk_nip_is_accepted():
    assert validate_nip_for(PPPK_NIP, is_pppk=True, sex=MALE).kind == NIP_KIND_PPPK


# NIK


def test_nik_of_a_man_is_split_into_its_parts():
    parts = parse_nik(NIK_MAN)
    assert (parts.province, parts.regency, parts.district) == (15, 4, 1)
    assert (parts.birth_date, parts.sex, parts.sequence) == (dt.date(1985, 7, 12), MALE, 1)


def test_nik_of_a_woman_has_40_added_to_the_birth_day():
    parts = parse_nik(NIK_WOMAN)
    assert (parts.birth_date, parts.sex) == (dt.date(1985, 7, 12), FEMALE)


def test_nik_with_unknown_province_code_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        parse_nik("9904011207850001")
    assert excinfo.value.code == "region"


@pytest.mark.parametrize(
    "value",
    ["1504011213850001", "1504013207850001", "1504017207850001"],
    ids=["month 13", "day 32", "day 72"],
)
def test_nik_with_impossible_birth_date_is_refused(value):
    with pytest.raises(ValidationError) as excinfo:
        parse_nik(value)
    assert excinfo.value.code == "birth"


def test_nik_of_a_man_on_a_woman_record_is_refused():
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        validate_nik_for(NIK_MAN, sex=FEMALE, birth_date=dt.date(1985, 7, 12))
    assert excinfo.value.messages == [
        "The NIK's birth day does not match the sex (women have 40 added)."
    ]


def test_nik_matching_the_person_is_accepted():
    parts = validate_nik_for(NIK_WOMAN, sex=FEMALE, birth_date=dt.date(1985, 7, 12))
    assert parts.sequence == 2


# The Employee record


@pytest.fixture
def employee_with_wrong_nip(db):
    """A saved employee whose NIP is well formed but carries another birth date."""
    employee = factories.EmployeeFactory(birth_date=dt.date(1985, 7, 12))
    employee.nip = "198001012005031001"
    return employee


@pytest.mark.django_db
def test_employee_from_the_factory_passes_full_clean():
    factories.EmployeeFactory().full_clean()


@pytest.mark.django_db
def test_factory_gives_every_employee_a_nip_that_matches_the_record():
    """Whatever the sequence number, as tests that run later get high ones."""
    rank = factories.rank("III/a")
    for n in range(0, 20000, 7):
        employee = factories.EmployeeFactory.build(__sequence=n, rank=rank)
        validate_nip_for(
            employee.nip,
            is_pppk=False,
            sex=employee.sex,
            birth_date=employee.birth_date,
            tmt_cpns=employee.tmt_cpns,
        )


def test_employee_with_mismatching_nip_fails_full_clean_on_the_nip_field(employee_with_wrong_nip):
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        employee_with_wrong_nip.full_clean()
    assert excinfo.value.message_dict == {
        "nip": ["The birth date in the NIP does not match the employee's birth date."]
    }


def test_nip_error_is_given_in_the_active_language(employee_with_wrong_nip):
    with translation.override("id"):
        with pytest.raises(ValidationError) as excinfo:
            employee_with_wrong_nip.full_clean()
        expected = gettext("The birth date in the NIP does not match the employee's birth date.")
    assert excinfo.value.message_dict["nip"] == [expected]


def test_pns_employee_with_a_pppk_nip_fails_full_clean(db):
    employee = factories.EmployeeFactory(birth_date=dt.date(2000, 12, 31))
    employee.nip = PPPK_NIP
    with pytest.raises(ValidationError) as excinfo:
        employee.full_clean()
    assert list(excinfo.value.message_dict) == ["nip"]


# Database constraints


@pytest.mark.django_db
def test_duplicate_nip_is_refused_by_the_database():
    first = factories.EmployeeFactory()
    with pytest.raises(IntegrityError, match="nip"):
        factories.EmployeeFactory(nip=first.nip, birth_date=first.birth_date)


@pytest.mark.django_db
def test_duplicate_nik_is_refused_by_the_database():
    first = factories.EmployeeFactory()
    with pytest.raises(IntegrityError, match="nik"):
        factories.EmployeeFactory(nik=first.nik, birth_date=first.birth_date)


@pytest.mark.django_db
def test_second_current_rank_record_is_refused_by_the_database():
    employee = factories.EmployeeFactory()
    with pytest.raises(IntegrityError, match="rank_history_one_current"):
        factories.RankHistoryFactory(employee=employee, is_current=True)


@pytest.mark.django_db
def test_second_current_position_record_is_refused_by_the_database():
    employee = factories.EmployeeFactory()
    with pytest.raises(IntegrityError, match="position_history_one_current"):
        factories.PositionHistoryFactory(employee=employee, is_current=True)


@pytest.mark.django_db
def test_kelas_jabatan_18_is_refused_by_the_database():
    with pytest.raises(IntegrityError, match="position_kelas_jabatan_1_17"):
        factories.PositionFactory(kelas_jabatan=18)
