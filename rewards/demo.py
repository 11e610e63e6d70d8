"""Demo data for `manage.py seed_demo`: awards, nominations and cases in different states."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from asn_portal.accounts import roles
from asn_portal.accounts.models import User
from asn_portal.personnel.selectors import active_employees

from . import services
from .models import AwardType, DisciplinaryCase, Examination, Nomination, Objection, SanctionKind

DEMO_AWARD_TYPES = ["asn-berprestasi", "inovasi", "piagam-penghargaan"]  # seeded by migration


@transaction.atomic
def seed_module_demo(*, seed: int = 2026, stdout=None, today: dt.date | None = None) -> None:
    """Seed once: when any case or nomination exists, nothing is changed."""
    if DisciplinaryCase.objects.exists() or Nomination.objects.exists():
        return
    people = list(active_employees().order_by("nip")[:400])
    if len(people) < 12:
        return
    today = today or timezone.localdate()
    rng = random.Random(seed)
    officer = User.objects.filter(groups__name=roles.REWARDS_OFFICER).first()
    picked = rng.sample(people, 12)
    _seed_awards(picked[:6], today, officer)
    _seed_cases(picked[6:], people, today, officer)
    services.nominations_create_satyalancana(year=today.year, by=officer)


def _seed_awards(employees, today, officer) -> None:
    types = list(AwardType.objects.filter(code__in=DEMO_AWARD_TYPES).order_by("code"))
    for number, employee in enumerate(employees):
        year = today.year - (number % 2)
        nomination = services.nomination_submit(
            employee=employee,
            award_type=types[number % len(types)],
            year=year,
            justification="Kinerja dan keteladanan yang menonjol di unit kerjanya.",
            by=officer,
        )
        if number == 4:
            continue
        services.nomination_start_review(nomination=nomination, by=officer)
        if number == 5:
            services.nomination_reject(
                nomination=nomination, reason="Bukti prestasi belum dilampirkan.", by=officer
            )
            continue
        services.nomination_approve(
            nomination=nomination,
            sk_number=f"862/{number + 1}/PENGHARGAAN/{year}",
            sk_date=min(today, dt.date(year, 8, 13)),
            by=officer,
        )


def _seed_cases(employees, people, today, officer) -> None:
    reported = today - dt.timedelta(days=90)
    examiners = [p for p in people if p not in employees][:3]
    services.case_propose_from_attendance(
        employee=employees[0],
        year=today.year,
        days_unexcused=5,
        reported_on=today,
        by=officer,
    )
    cases = [
        services.case_open(
            employee=employee,
            violation="Tidak masuk kerja tanpa alasan yang sah selama beberapa hari.",
            legal_article=services.ABSENCE_LEGAL_ARTICLE,
            source=DisciplinaryCase.Source.SUPERVISOR_REPORT,
            reported_on=reported,
            by=officer,
        )
        for employee in employees[1:]
    ]
    under_exam, medium, light, closed, _reported = cases
    for case in (under_exam, medium, light):
        services.case_start_examination(case=case, examined_on=reported, by=officer)
        services.examination_record(
            case=case, kind=Examination.Kind.SUMMONS, held_on=reported + dt.timedelta(days=3)
        )
    for case in (medium, light):
        services.examination_record(
            case=case,
            kind=Examination.Kind.RECORD,
            held_on=reported + dt.timedelta(days=7),
            examiners=examiners,
            by_team=True,
            document_number=f"BAP/{case.pk}/{today.year}",
        )
    decree_date = reported + dt.timedelta(days=14)
    for case, kind in ((medium, SanctionKind.TPP_CUT_6), (light, SanctionKind.WRITTEN_REPRIMAND)):
        sanction = services.sanction_decide(
            case=case,
            kind=kind,
            decree_number=f"800/{case.pk}/HD/BKPSDM/{decree_date.year}",
            decree_date=decree_date,
            official_name="Drs. Sekretaris Daerah",
            official_title="Sekretaris Daerah Kabupaten Contoh",
            delivered_on=decree_date + dt.timedelta(days=3),
            by=officer,
        )
    services.objection_file(
        sanction=sanction,
        kind=Objection.Kind.OBJECTION,
        filed_on=decree_date + dt.timedelta(days=10),
        grounds="Ketidakhadiran disebabkan sakit; surat keterangan dokter terlampir.",
    )
    services.case_close(case=closed, reason="Pelanggaran tidak terbukti.", by=officer)
