"""Demo data for `manage.py seed_demo`: a finished CPNS selection with published results and a
PPPK selection open for registration, on the demo regency's units."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from asn_portal.accounts import roles
from asn_portal.personnel import identifiers
from asn_portal.personnel.models import OrgUnit

from . import services
from .models import (
    Announcement,
    Applicant,
    Application,
    Category,
    Education,
    Formasi,
    Publication,
    Requirement,
    Selection,
    Stage,
)

FINISHED_SLUG = "demo-cpns"
OPEN_SLUG = "demo-pppk"
DEMO_PASSWORD = "demo12345"
FIRST = [
    "Agus",
    "Budi",
    "Citra",
    "Dewi",
    "Eka",
    "Fajar",
    "Gita",
    "Hadi",
    "Indah",
    "Joko",
    "Kartika",
    "Lestari",
    "Made",
    "Nur",
    "Putri",
    "Rizki",
    "Sari",
    "Teguh",
    "Wahyu",
    "Yuni",
]
LAST = [
    "Saputra",
    "Wijaya",
    "Lestari",
    "Hidayat",
    "Pratama",
    "Siregar",
    "Nasution",
    "Harahap",
    "Kurniawan",
    "Rahmawati",
    "Susanto",
    "Permata",
    "Utami",
    "Simanjuntak",
    "Gunawan",
]
POSITIONS = [
    ("Pranata Komputer Ahli Pertama", Education.S1, "Informatika\nSistem Informasi"),
    ("Analis Kebijakan Ahli Pertama", Education.S1, "Administrasi Publik\nIlmu Pemerintahan"),
    ("Guru Ahli Pertama", Education.S1, "Pendidikan Matematika\nPendidikan Bahasa Indonesia"),
    ("Perawat Terampil", Education.D3, "Keperawatan"),
    ("Auditor Ahli Pertama", Education.S1, "Akuntansi"),
]


def _officer():
    User = get_user_model()
    officer = User.objects.filter(groups__name=roles.RECRUITMENT_OFFICER).order_by("pk").first()
    return officer or User.objects.filter(is_superuser=True).order_by("pk").first()


def _timeline(start: dt.date) -> dict:
    offsets = [
        (Stage.FORMASI, 0, 4),
        (Stage.REGISTRATION, 5, 19),
        (Stage.ADMINISTRATIVE, 20, 26),
        (Stage.SANGGAH, 27, 29),
        (Stage.SKD, 40, 50),
        (Stage.SKB, 60, 70),
        (Stage.FINAL, 75, 80),
        (Stage.ANNOUNCEMENT, 82, 82),
    ]
    return {
        stage: (start + dt.timedelta(days=a), start + dt.timedelta(days=b))
        for stage, a, b in offsets
    }


def _formasi(selection: Selection, units: list[OrgUnit], rng: random.Random, count: int):
    items = []
    for number in range(count):
        name, level, majors = POSITIONS[number % len(POSITIONS)]
        category = [Category.UMUM, Category.UMUM, Category.CUMLAUDE, Category.DISABILITAS][
            number % 4
        ]
        items.append(
            services.formasi_save(
                formasi=Formasi(
                    selection=selection,
                    code=f"{selection.kind}-{number + 1:03d}",
                    position_name=name,
                    unit=units[number % len(units)],
                    education_level=level,
                    majors=majors,
                    quota=rng.choice([1, 1, 2, 3]),
                    category=category,
                    placement=units[number % len(units)].name,
                )
            )
        )
    return items


def _applicant(rng: random.Random, number: int, formasi: Formasi, password: str | None):
    sex = rng.choice([identifiers.MALE, identifiers.FEMALE])
    birth = dt.date(1991, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 12))
    nik = identifiers.build_nik("157101", birth, sex, number + 1)
    User = get_user_model()
    user = User(username=nik, email=f"pelamar{number + 1}@example.com", is_active=True)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return Applicant.objects.create(
        user=user,
        nik=nik,
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        sex=sex,
        birth_date=birth,
        birth_place="Jambi",
        education_level=formasi.education_level,
        major=formasi.major_list[0],
        institution="Universitas Jambi",
        ipk=Decimal(rng.randint(280, 395)) / 100,
        email_confirmed_at=timezone.now(),
    )


def _finished_selection(rng, units, officer, today, stdout) -> None:
    start = today - dt.timedelta(days=120)
    selection = services.selection_create(
        name=f"Seleksi CPNS {start.year} (demo)",
        slug=FINISHED_SLUG,
        kind="CPNS",
        approved_quota=30,
        age_reference_date=start + dt.timedelta(days=19),
        timeline=_timeline(start),
        description="Seleksi contoh dengan hasil yang sudah diumumkan.",
    )
    formasi = _formasi(selection, units, rng, 10)
    Selection.objects.filter(pk=selection.pk).update(
        status=Selection.Status.CLOSED,
        rules_published_at=timezone.make_aware(dt.datetime.combine(start, dt.time(9))),
    )
    applications = []
    for number in range(150):
        target = formasi[number % len(formasi)]
        applicant = _applicant(rng, number, target, DEMO_PASSWORD if number == 0 else None)
        application = Application.objects.create(
            selection=selection,
            formasi=target,
            applicant=applicant,
            registration_number=f"{start:%y}9{number + 1:08d}",
            status=Application.Status.SUBMITTED,
            name=applicant.name,
            birth_date=applicant.birth_date,
            grade=applicant.ipk,
            submitted_at=timezone.now(),
        )
        applications.append(application)
    services.verification_assign(selection=selection, verifiers=[officer], seed=rng.random())
    for application in applications:
        tms = rng.random() < 0.1
        verdicts = {r: ("ms", "") for r in Requirement.values}
        if tms:
            verdicts["documents"] = ("tms", "Ijazah belum dilegalisir.")
        services.verification_decide(application=application, by=officer, verdicts=verdicts)

    def moment(days: int) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(start + dt.timedelta(days=days), dt.time(15))
        )

    services.publication_publish(
        selection=selection,
        kind=Publication.Kind.ADMINISTRATIVE,
        by=officer,
        now=moment(26),
        notify=False,
    )
    eligible = Application.objects.filter(selection=selection, status=Application.Status.ELIGIBLE)
    skd = ["NO_PESERTA,TWK,TIU,TKP"] + [
        f"{number},{rng.randint(50, 140)},{rng.randint(60, 165)},{rng.randint(140, 215)}"
        for number in eligible.values_list("registration_number", flat=True)
    ]
    services.scores_import(
        selection=selection, kind="skd", data="\n".join(skd).encode(), filename="skd.csv"
    )
    services.selection_rank_skd(selection=selection)
    services.publication_publish(
        selection=selection, kind=Publication.Kind.SKD, by=officer, now=moment(52), notify=False
    )
    skb_rows = ["NO_PESERTA,SKB_CAT,WAWANCARA,LAINNYA"] + [
        f"{number},{rng.randint(55, 95)},{rng.randint(60, 95)},{rng.randint(60, 95)}"
        for number in Application.objects.filter(selection=selection, to_skb=True).values_list(
            "registration_number", flat=True
        )
    ]
    services.scores_import(
        selection=selection, kind="skb", data="\n".join(skb_rows).encode(), filename="skb.csv"
    )
    services.selection_rank_final(selection=selection)
    services.publication_publish(
        selection=selection, kind=Publication.Kind.FINAL, by=officer, now=moment(82), notify=False
    )
    Announcement.objects.create(
        selection=selection,
        title="Pengumuman hasil akhir",
        body="Peserta yang dinyatakan lulus melengkapi berkas usul penetapan NIP.",
    )
    first = applications[0].applicant.nik
    if stdout is not None:
        stdout.write(f"recruitment: demo applicant NIK {first} (password {DEMO_PASSWORD})\n")


def _open_selection(rng, units, officer, today) -> None:
    start = today - dt.timedelta(days=8)
    selection = services.selection_create(
        name=f"Seleksi PPPK {today.year} (demo)",
        slug=OPEN_SLUG,
        kind="PPPK",
        approved_quota=20,
        age_reference_date=start + dt.timedelta(days=19),
        max_age=56,
        timeline=_timeline(start),
        description="Seleksi contoh yang sedang membuka pendaftaran.",
    )
    _formasi(selection, units, rng, 6)
    Selection.objects.filter(pk=selection.pk).update(
        status=Selection.Status.ANNOUNCED,
        rules_published_at=timezone.make_aware(dt.datetime.combine(start, dt.time(9))),
    )
    Announcement.objects.create(
        selection=selection,
        title="Pendaftaran dibuka",
        body="Pendaftaran dilakukan secara daring melalui halaman ini.",
    )


@transaction.atomic
def seed_module_demo(*, seed: int = 2026, stdout=None, today: dt.date | None = None) -> None:
    """Seed once: when a demo selection exists, nothing is changed."""
    if Selection.objects.filter(slug__in=[FINISHED_SLUG, OPEN_SLUG]).exists():
        return
    units = list(OrgUnit.objects.filter(depth=1).order_by("code")[:10])
    officer = _officer()
    if not units or officer is None:
        return
    rng = random.Random(seed)
    today = today or timezone.localdate()
    _finished_selection(rng, units, officer, today, stdout)
    _open_selection(rng, units, officer, today)
