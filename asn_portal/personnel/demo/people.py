"""Drafting the demo people: employees with ranks, positions, families and identifiers."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from asn_portal.accounts.models import User
from asn_portal.common.calendar import add_months, months_between

from .. import identifiers
from ..models import Employee, FamilyMember, OrgUnit, Position, PositionHistory, Rank, RankHistory
from .catalogue import (
    BANKS,
    BIRTH_PLACES,
    CPNS,
    D3_MAJORS,
    EDUCATION,
    ENTRY_AGE,
    ENTRY_LEVELS,
    EXECUTOR_WEIGHT,
    EXECUTORS,
    FAMILY_NAMES,
    FEMALE,
    FEMALE_NAMES,
    FEMALE_SECOND,
    HEAD_EDUCATION,
    MALE,
    MALE_NAMES,
    MALE_SECOND,
    NIK_REGIONS,
    PHONE_PREFIXES,
    PNS,
    PNS_CODES,
    PPPK,
    PPPK_RANK,
    RANK_BAND,
    RANK_CAP,
    S1_MAJORS,
    S2_MAJORS,
    SERVICE_YEARS,
    SMA_MAJORS,
    START_RANK,
    JobSpec,
    L,
)
from .records import BuiltUnit, DraftEmployee


def _month_start_back(today: dt.date, months: int) -> dt.date:
    """The first day of the month `months` months before today's month."""
    return add_months(today.replace(day=1), -months)


def _years_before(day: dt.date, years: int, extra_days: int = 0) -> dt.date:
    """`years` years (negative: after) and `extra_days` days before a date; 29 Feb becomes 28."""
    year = day.year - years
    try:
        moved = day.replace(year=year)
    except ValueError:
        moved = dt.date(year, 2, 28)
    return moved - dt.timedelta(days=extra_days)


def _group(index: int) -> int:
    """Golongan group I–IV (0–3) of a PNS rank index."""
    return min(index // 4, 3)


class PeopleDrafter:
    """Makes employees and their families, with unique NIPs and NIKs, from one random stream."""

    def __init__(self, rng: random.Random, today: dt.date):
        self.rng = rng
        self.today = today
        ranks = Rank.objects.all()
        self.pns_rank = {r.code: r for r in ranks if r.scheme == Rank.Scheme.PNS}
        self.pppk_rank = {r.code: r for r in ranks if r.scheme == Rank.Scheme.PPPK}
        self.used = set(Employee.objects.values_list("nip", flat=True))
        self.used |= set(Employee.objects.values_list("nik", flat=True))
        self.used |= set(User.objects.values_list("username", flat=True))
        self.next_sequence: dict[str, int] = {}
        self.sk_number = 0

    # Unique identifiers: a counter per prefix, skipping numbers already in the database.

    def _unique(self, build: Callable[[int], str], prefix_length: int, limit: int) -> str:
        prefix = build(1)[:prefix_length]
        sequence = self.next_sequence.get(prefix, 0)
        while True:
            sequence += 1
            if sequence > limit:
                raise RuntimeError(f"No free sequence number left for {prefix}.")
            value = build(sequence)
            if value not in self.used:
                break
        self.next_sequence[prefix] = sequence
        self.used.add(value)
        return value

    def nik(self, region: str, birth: dt.date, sex: str) -> str:
        return self._unique(lambda n: identifiers.build_nik(region, birth, sex, n), 12, 9999)

    def nip(self, status: str, birth: dt.date, tmt: dt.date, sex: str, intake: int) -> str:
        if status == PPPK:
            return self._unique(
                lambda n: identifiers.build_nip_pppk(birth, tmt.year, intake, sex, n), 15, 999
            )
        return self._unique(lambda n: identifiers.build_nip_pns(birth, tmt, sex, n), 15, 999)

    def name(self, sex: str) -> str:
        rng = self.rng
        if sex == MALE:
            parts = [rng.choice(MALE_NAMES)]
            if rng.random() < 0.3:
                parts.append(rng.choice(MALE_NAMES))
            parts.append(rng.choice(FAMILY_NAMES + MALE_SECOND))
        else:
            parts = [rng.choice(FEMALE_NAMES)]
            if rng.random() < 0.25:
                parts.append(rng.choice(FEMALE_NAMES))
            parts.append(rng.choice(FAMILY_NAMES + FEMALE_SECOND * 2))
        return " ".join(dict.fromkeys(parts))

    def _sk(self, prefix: str, year: int) -> str:
        self.sk_number += 1
        return f"{prefix}/{self.sk_number:05d}/BKPSDM/{year}"

    def _education(self, option, sex: str, birth: dt.date) -> tuple[str, str, str, str]:
        """Education level, major and academic titles (front, back) for an option."""
        level, major, front, back = option
        if major != "*":
            return level, major, front, back
        rng = self.rng
        if level == "SMA":
            return level, rng.choice(SMA_MAJORS), "", ""
        if level == "D3":
            major, back = rng.choice(D3_MAJORS)
            return level, major, "", back
        major, back = rng.choice(S1_MAJORS)
        if (
            birth.year < 1972
            and back in ("S.Sos.", "S.E.", "S.IP.", "S.AP.")
            and rng.random() < 0.5
        ):
            front, back = ("Drs." if sex == MALE else "Dra."), ""
        if level == "S2":
            major, master = rng.choice(S2_MAJORS)
            back = f"{back}, {master}" if back else master
        return level, major, front, back

    def head(self, unit: BuiltUnit) -> DraftEmployee:
        draft = self._draft(
            unit=unit.node,
            position=unit.head_position,
            education=EDUCATION[HEAD_EDUCATION[unit.head_level]],
            female_share=0.35,
            status=PNS,
        )
        draft.is_head = True
        draft.employee.state = Employee.State.ACTIVE
        return draft

    def staff(
        self,
        units: list[BuiltUnit],
        jobs: dict[str, tuple[Position, JobSpec]],
        count: int,
        *,
        total: int,
    ) -> list[DraftEmployee]:
        """Non-head employees over the OPDs by weight: ~15% PPPK and ~5% CPNS overall."""
        rng = self.rng
        by_opd: dict[str, list[BuiltUnit]] = {}
        for unit in units:
            by_opd.setdefault(unit.opd.code, []).append(unit)
        opds = [group[0].opd for group in by_opd.values()]
        weights = [opd.weight for opd in opds]
        p_pppk = min(0.3, 0.15 * total / max(count, 1))
        p_cpns = min(0.1, 0.05 * total / max(count, 1))
        choices = {}
        for opd in opds:
            executor_share = max(100 - sum(w for _name, w in opd.functional), 20)
            pairs = [(jobs[name], w) for name, w in opd.functional] + [
                (jobs[job.name], job.weight * executor_share / EXECUTOR_WEIGHT) for job in EXECUTORS
            ]
            entry = [(j, w) for j, w in pairs if j[1].level in ENTRY_LEVELS]
            # CPNS and PPPK start in entry-level positions only.
            choices[opd.code, True] = ([j for j, _w in pairs], [w for _j, w in pairs])
            choices[opd.code, False] = ([j for j, _w in entry], [w for _j, w in entry])
        drafts = []
        for _ in range(count):
            opd = rng.choices(opds, weights)[0]
            unit = rng.choice(by_opd[opd.code])
            roll = rng.random()
            status = PPPK if roll < p_pppk else CPNS if roll < p_pppk + p_cpns else PNS
            position, job = rng.choices(*choices[opd.code, status == PNS])[0]
            drafts.append(
                self._draft(
                    unit=unit.node,
                    position=position,
                    education=EDUCATION[job.education],
                    female_share=job.female_share,
                    status=status,
                )
            )
        return drafts

    def _draft(
        self, *, unit: OrgUnit, position: Position, education, female_share: float, status: str
    ) -> DraftEmployee:
        rng, today = self.rng, self.today
        sex = FEMALE if rng.random() < female_share else MALE
        option = rng.choice(education)
        level_of_education = option[0]
        entry_low, entry_high = ENTRY_AGE[level_of_education]
        retirement_age = position.retirement_age
        service = 0
        intake = 1
        if status == PNS:
            low, high = SERVICE_YEARS.get(position.level, SERVICE_YEARS[L.PELAKSANA])
            entry = rng.randint(entry_low, entry_high)
            high = min(high, retirement_age - 3 - entry)
            if high < low:
                entry, high = max(18, retirement_age - 3 - low), low
            service = rng.randint(low, high)
            tmt_cpns = _month_start_back(today, service * 12 + rng.randint(0, 11))
        elif status == CPNS:
            entry = rng.randint(entry_low, min(entry_high, 35))
            tmt_cpns = _month_start_back(today, rng.randint(1, 10))
        else:
            tmt_cpns = dt.date(rng.randint(2021, today.year), rng.choice((3, 4, 7, 10)), 1)
            if tmt_cpns > today:
                tmt_cpns = _month_start_back(today, rng.randint(1, 6))
            intake = rng.randint(1, 3)
            years_since = today.year - tmt_cpns.year
            entry = rng.randint(max(entry_low, 22), min(56, retirement_age - 3 - years_since))
        birth = _years_before(tmt_cpns, entry, rng.randint(0, 364))
        education_level, major, front, back = self._education(option, sex, birth)
        tmt_pns = tmt_cpns.replace(year=tmt_cpns.year + 1) if status == PNS else None

        rank_records = self._ranks(status, education_level, position.level, tmt_cpns, service)
        current = rank_records[0]
        if position.kind == Position.Kind.STRUCTURAL:
            position_tmt = max(tmt_pns, _month_start_back(today, rng.randint(2, 60)))
        elif position.kind == Position.Kind.FUNCTIONAL and tmt_pns:
            position_tmt = max(tmt_pns, current.tmt)
        else:
            position_tmt = tmt_cpns
        position_tmt = min(position_tmt, today)

        region = rng.choice(NIK_REGIONS)
        bank, digits, _weight = rng.choices(BANKS, [b[2] for b in BANKS])[0]
        name = self.name(sex)
        employee = Employee(
            nip=self.nip(status, birth, tmt_cpns, sex, intake),
            nik=self.nik(region, birth, sex),
            name=name,
            front_title=front,
            back_title=back,
            sex=sex,
            birth_date=birth,
            birth_place=rng.choice(BIRTH_PLACES),
            status=status,
            state=Employee.State.ON_LEAVE if rng.random() < 0.01 else Employee.State.ACTIVE,
            tmt_cpns=tmt_cpns,
            tmt_pns=tmt_pns,
            rank=current.rank,
            rank_tmt=current.tmt,
            mkg_years=current.mkg_years,
            mkg_months=current.mkg_months,
            position=position,
            position_tmt=position_tmt,
            unit=unit,
            education_level=education_level,
            education_major=major,
            bank_name=bank,
            bank_account=str(rng.randint(1, 9)) + "".join(rng.choices("0123456789", k=digits - 1)),
            phone=rng.choice(PHONE_PREFIXES) + "".join(rng.choices("0123456789", k=8)),
        )
        employee.email = f"{name.split()[0].lower()}.{employee.nip}@pegawai.contoh.example"
        position_record = PositionHistory(
            position=position,
            unit=unit,
            tmt=position_tmt,
            sk_number=self._sk("821.2", position_tmt.year),
        )
        draft = DraftEmployee(employee, rank_records, position_record)
        self._family(draft, region)
        return draft

    def _ranks(
        self, status: str, education: str, level: str, tmt_cpns: dt.date, service: int
    ) -> list[RankHistory]:
        """The current rank record first, then (after a promotion) the one before it."""
        if status == PPPK:
            rank = self.pppk_rank[PPPK_RANK[education]]
            return [
                RankHistory(rank=rank, tmt=tmt_cpns, sk_number=self._sk("800.1.2.4", tmt_cpns.year))
            ]
        start = START_RANK[education]
        low, high = RANK_BAND.get(level, (start, RANK_CAP[education]))
        index = start if status == CPNS else max(low, min(high, start + service // 4))
        steps = max(0, index - start)
        rank_tmt = self._promotion_date(tmt_cpns, min(4 * steps, service)) if steps else tmt_cpns
        records = [self._rank_record(index, start, tmt_cpns, rank_tmt, current=True)]
        if steps:
            earlier = tmt_cpns if steps == 1 else self._promotion_date(tmt_cpns, 4 * (steps - 1))
            if earlier >= rank_tmt:
                earlier = tmt_cpns
            if earlier < rank_tmt:
                records.append(
                    self._rank_record(index - 1, start, tmt_cpns, earlier, current=False)
                )
        return records

    def _rank_record(
        self, index: int, start: int, tmt_cpns: dt.date, tmt: dt.date, *, current: bool
    ) -> RankHistory:
        """MKG at the TMT: service since CPNS, less 6 years for I→II and 5 for II→III."""
        months = months_between(tmt_cpns.replace(day=1), tmt.replace(day=1))
        if _group(start) == 0 and _group(index) >= 1:
            months -= 6 * 12
        if _group(start) <= 1 and _group(index) >= 2:
            months -= 5 * 12
        rank = self.pns_rank[PNS_CODES[index]]
        months = max(0, min(months, rank.max_mkg * 12))
        sk_date = tmt - dt.timedelta(days=self.rng.randint(10, 60))
        return RankHistory(
            rank=rank,
            tmt=tmt,
            mkg_years=months // 12,
            mkg_months=months % 12,
            sk_number=self._sk("823.3", tmt.year),
            sk_date=sk_date,
            is_current=current,
        )

    def _promotion_date(self, tmt_cpns: dt.date, years_after: int) -> dt.date:
        """Regular promotions take effect on 1 April or 1 October; never after today."""
        day = dt.date(tmt_cpns.year + years_after, self.rng.choice((4, 10)), 1)
        if day > self.today:
            day = next(
                d
                for d in (
                    dt.date(self.today.year, 10, 1),
                    dt.date(self.today.year, 4, 1),
                    dt.date(self.today.year - 1, 10, 1),
                )
                if d <= self.today
            )
        return max(day, tmt_cpns)

    def _family(self, draft: DraftEmployee, region: str) -> None:
        """Spouse and children by age; PTKP (tax status) follows the dependants, at most 3."""
        rng, today, employee = self.rng, self.today, draft.employee
        age = (today - employee.birth_date).days // 365
        married_chance = 0.15 if age < 25 else 0.55 if age < 30 else 0.85 if age < 40 else 0.9
        roll = rng.random()
        if roll < married_chance:
            marital = Employee.Marital.MARRIED
        elif age >= 35 and roll < married_chance + 0.04:
            marital = Employee.Marital.DIVORCED
        elif age >= 40 and roll < married_chance + 0.07:
            marital = Employee.Marital.WIDOWED
        else:
            marital = Employee.Marital.SINGLE
        employee.marital_status = marital
        if marital == Employee.Marital.SINGLE:
            employee.ptkp_status = Employee.Ptkp.TK0
            return
        marriage = _years_before(employee.birth_date, -rng.randint(23, 32), 0)
        latest = today - dt.timedelta(days=90)
        if marriage > latest:
            marriage = latest - dt.timedelta(days=rng.randint(0, 600))
        spouse_income = True
        if marital == Employee.Marital.MARRIED:
            spouse_sex = FEMALE if employee.sex == MALE else MALE
            gap = rng.randint(0, 6) * (1 if employee.sex == MALE else -1)
            spouse_birth = _years_before(employee.birth_date, -gap, rng.randint(-150, 150))
            spouse_birth = min(spouse_birth, _years_before(marriage, 19, 0))
            spouse_income = rng.random() < (0.4 if spouse_sex == FEMALE else 0.9)
            draft.family.append(
                FamilyMember(
                    relation=FamilyMember.Relation.SPOUSE,
                    name=self.name(spouse_sex),
                    nik=self.nik(region, spouse_birth, spouse_sex),
                    sex=spouse_sex,
                    birth_date=spouse_birth,
                    marriage_date=marriage,
                    has_income=spouse_income,
                )
            )
        dependants = 0
        born = marriage + dt.timedelta(days=rng.randint(300, 700))
        last_birth = min(today, _years_before(marriage, -18, 0))
        for _ in range(rng.choices((0, 1, 2, 3), (15, 30, 35, 20))[0]):
            if born > last_birth:
                break
            child_sex = rng.choice((MALE, FEMALE))
            child_age = (today - born).days // 365
            studying = 6 <= child_age <= 24 and (child_age < 18 or rng.random() < 0.6)
            married = child_age >= 25 and rng.random() < 0.5
            dependant = not married and (child_age < 21 or (studying and child_age < 25))
            dependants += dependant
            draft.family.append(
                FamilyMember(
                    relation=FamilyMember.Relation.CHILD,
                    name=self.name(child_sex),
                    nik=self.nik(region, born, child_sex),
                    sex=child_sex,
                    birth_date=born,
                    is_studying=studying,
                    is_married=married,
                    has_income=child_age >= 23 and not studying,
                    is_dependant=dependant,
                )
            )
            born += dt.timedelta(days=rng.randint(500, 1500))
        # A married woman files as TK/0 unless her husband has no income (PMK 168/2023).
        spouse_counts = marital == Employee.Marital.MARRIED and (
            employee.sex == MALE or not spouse_income
        )
        if marital == Employee.Marital.MARRIED and not spouse_counts:
            dependants = 0
        employee.ptkp_status = f"{'K' if spouse_counts else 'TK'}/{min(dependants, 3)}"
