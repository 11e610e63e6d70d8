"""Demo data for the training module: a catalogue, past and upcoming sessions, enrolments,
attendance, completions with JP and certificates, and training done elsewhere.

Added to the demo regency's existing employees; does nothing when the demo catalogue exists.
Past sessions are written directly (their enrolment windows are closed), in bulk.
"""

from __future__ import annotations

import datetime as dt
import random

from auditlog.context import disable_auditlog
from django.db import transaction
from django.utils import timezone

from asn_portal.common import calendar
from asn_portal.personnel.models import Employee, Position
from asn_portal.personnel.selectors import active_employees, supervisors_for

from .models import (
    Attendance,
    Certificate,
    Delivery,
    EligibilityRule,
    Enrolment,
    ExternalTraining,
    JpCredit,
    Program,
    ProgramKind,
    TrainingSession,
    new_certificate_code,
)

K, D = ProgramKind, Delivery
# code, title, kind, area, JP, delivery, provider, cost, rule
PROGRAMS = [
    (
        "DEMO-LATSAR",
        "Pelatihan Dasar CPNS Golongan III",
        K.LATSAR,
        "Nilai Dasar ASN",
        500,
        D.BLENDED,
        "BPSDM Provinsi",
        9_500_000,
        {"status": Employee.Status.CPNS},
    ),
    (
        "DEMO-PKA",
        "Pelatihan Kepemimpinan Administrator",
        K.PKA,
        "Kepemimpinan",
        400,
        D.BLENDED,
        "BPSDM Provinsi",
        28_000_000,
        {"position_level": Position.Level.ADMINISTRATOR},
    ),
    (
        "DEMO-PKP",
        "Pelatihan Kepemimpinan Pengawas",
        K.PKP,
        "Kepemimpinan",
        300,
        D.BLENDED,
        "BPSDM Provinsi",
        18_000_000,
        {"position_level": Position.Level.PENGAWAS},
    ),
    (
        "DEMO-SAKIP",
        "Bimbingan Teknis Penyusunan SAKIP",
        K.TECHNICAL,
        "Akuntabilitas Kinerja",
        24,
        D.CLASSROOM,
        "BKPSDM",
        1_200_000,
        None,
    ),
    (
        "DEMO-ARSIP",
        "Pelatihan Pengelolaan Arsip Dinamis",
        K.TECHNICAL,
        "Kearsipan",
        32,
        D.CLASSROOM,
        "Dinas Perpustakaan dan Kearsipan",
        1_500_000,
        None,
    ),
    (
        "DEMO-PBJ",
        "Pelatihan Pengadaan Barang/Jasa Tingkat Dasar",
        K.FUNCTIONAL,
        "Pengadaan Barang/Jasa",
        40,
        D.BLENDED,
        "LKPP",
        3_000_000,
        None,
    ),
    (
        "DEMO-SPBE",
        "Seminar Transformasi Digital dan SPBE",
        K.SEMINAR,
        "Digitalisasi",
        8,
        D.ONLINE,
        "Dinas Komunikasi dan Informatika",
        0,
        None,
    ),
    (
        "DEMO-EXCEL",
        "E-learning Analisis Data dengan Spreadsheet",
        K.ELEARNING,
        "Digitalisasi",
        20,
        D.ONLINE,
        "ASN Corpu",
        0,
        None,
    ),
    (
        "DEMO-COACH",
        "Coaching Pelayanan Publik Prima",
        K.COACHING,
        "Pelayanan Publik",
        12,
        D.CLASSROOM,
        "BKPSDM",
        500_000,
        None,
    ),
]


def seed_module_demo(*, seed: int, stdout) -> None:
    if Program.objects.filter(code__startswith="DEMO-").exists():
        stdout.write("Training demo data exists; nothing added.")
        return
    employees = list(active_employees().select_related("unit").exclude(status=Employee.Status.CPNS))
    if not employees:
        stdout.write("No employees: seed the personnel demo first.")
        return
    rng = random.Random(seed)
    today = calendar.today()
    with transaction.atomic(), disable_auditlog():
        programs = _programs()
        counts = _sessions(programs, employees, rng, today)
        counts["external"] = _external(employees, rng, today)
    stdout.write(
        "Training: {programs} programs, {sessions} sessions, {enrolments} enrolments, "
        "{certificates} certificates, {external} outside records.".format(
            programs=len(programs), **counts
        )
    )


def _programs() -> list[Program]:
    programs = []
    for code, title, kind, area, jp, delivery, provider, cost, rule in PROGRAMS:
        program = Program.objects.create(
            code=code,
            title=title,
            kind=kind,
            competency_area=area,
            jp=jp,
            delivery=delivery,
            provider=provider,
            cost=cost,
            min_attendance_percent=100 if kind in (K.LATSAR, K.PKA, K.PKP) else 80,
            description=f"{title}, diselenggarakan oleh {provider}.",
        )
        if rule:
            EligibilityRule.objects.create(program=program, description=title, **rule)
        programs.append(program)
    return programs


def _session(program, name, start, days, capacity, today) -> TrainingSession:
    end = start + dt.timedelta(days=days - 1)
    opens = start - dt.timedelta(days=45)
    closes = min(start - dt.timedelta(days=3), end)
    return TrainingSession.objects.create(
        program=program,
        name=name,
        start_date=start,
        end_date=end,
        venue="Aula BKPSDM" if program.delivery != Delivery.ONLINE else "",
        link="https://rapat.contoh.example/pelatihan"
        if program.delivery != Delivery.CLASSROOM
        else "",
        capacity=capacity,
        enrolment_opens=opens,
        enrolment_closes=max(closes, opens),
        closed_at=timezone.now() if end < today else None,
    )


def _sessions(programs, employees, rng, today) -> dict[str, int]:
    short = [p for p in programs if p.jp <= 40]
    sessions_past, sessions_future = [], []
    for i, program in enumerate(short):
        # Two past runs this year (when the year is old enough) and one upcoming, open run.
        for n, weeks_ago in enumerate((20, 8), start=1):
            start = today - dt.timedelta(weeks=weeks_ago + i % 3)
            sessions_past.append(_session(program, f"Angkatan {n}", start, 3, 25, today))
        start = today + dt.timedelta(days=21 + 7 * (i % 4))
        sessions_future.append(_session(program, "Angkatan 3", start, 3, 20, today))
    busy: dict[int, list[TrainingSession]] = {}
    enrolments, certificates = _past_enrolments(sessions_past, employees, rng, busy)
    enrolments += _future_enrolments(sessions_future, employees, rng, busy)
    return {
        "sessions": len(sessions_past) + len(sessions_future),
        "enrolments": enrolments,
        "certificates": certificates,
    }


def _available(employee, session, busy) -> bool:
    """No demo employee sits in two sessions that overlap (the rule the service enforces)."""
    taken = busy.setdefault(employee.pk, [])
    if any(o.start_date <= session.end_date and o.end_date >= session.start_date for o in taken):
        return False
    taken.append(session)
    return True


def _past_enrolments(sessions, employees, rng, busy) -> tuple[int, int]:
    """Confirmed participants with attendance; most completed (JP and certificate)."""
    rows, attendance, credits, certificates = [], [], [], []
    for session in sessions:
        people = rng.sample(employees, min(session.capacity - rng.randint(0, 5), len(employees)))
        for employee in people:
            if not _available(employee, session, busy):
                continue
            present_days = session.day_count if rng.random() < 0.9 else session.day_count - 2
            rows.append(
                (
                    session,
                    employee,
                    present_days,
                    Enrolment(
                        session=session,
                        employee=employee,
                        status=Enrolment.Status.CONFIRMED,
                        requested_at=timezone.make_aware(
                            dt.datetime.combine(session.enrolment_opens, dt.time(9))
                        ),
                        supervisor_approved_at=timezone.now(),
                        confirmed_at=timezone.now(),
                    ),
                )
            )
    Enrolment.objects.bulk_create([r[3] for r in rows], batch_size=1000)
    for session, employee, present_days, enrolment in rows:
        days = session.days()
        for index, day in enumerate(days):
            attendance.append(
                Attendance(enrolment=enrolment, date=day, present=index < present_days)
            )
        passed = present_days * 100 >= session.program.min_attendance_percent * len(days)
        enrolment.status = Enrolment.Status.COMPLETED if passed else Enrolment.Status.INCOMPLETE
        enrolment.attendance_percent = present_days * 100 // len(days)
        enrolment.completed_at = timezone.now()
        if passed:
            credits.append(
                JpCredit(
                    employee=employee,
                    year=session.end_date.year,
                    jp=session.program.jp,
                    credited_on=session.end_date,
                    description=str(session),
                    enrolment=enrolment,
                )
            )
            certificates.append(Certificate(enrolment=enrolment, code=new_certificate_code()))
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    Enrolment.objects.bulk_update(
        [r[3] for r in rows], ["status", "attendance_percent", "completed_at"], batch_size=1000
    )
    JpCredit.objects.bulk_create(credits, batch_size=1000)
    Certificate.objects.bulk_create(certificates, batch_size=1000)
    return len(rows), len(certificates)


def _future_enrolments(sessions, employees, rng, busy) -> int:
    """Requests at every stage for the upcoming sessions, and a waitlist on the first one."""
    rows = []
    supervisors = supervisors_for(employees)
    for index, session in enumerate(sessions):
        wanted = session.capacity + 5 if index == 0 else rng.randint(5, session.capacity)
        people = rng.sample(employees, min(wanted, len(employees)))
        people = [e for e in people if _available(e, session, busy)]
        for n, employee in enumerate(people):
            seated = n < session.capacity
            supervisor = supervisors.get(employee.pk)
            approved = supervisor is None or rng.random() < 0.6
            status = Enrolment.Status.WAITLISTED
            if seated:
                status = (
                    Enrolment.Status.CONFIRMED
                    if approved and rng.random() < 0.5
                    else Enrolment.Status.REQUESTED
                )
            rows.append(
                Enrolment(
                    session=session,
                    employee=employee,
                    status=status,
                    requested_at=timezone.now() - dt.timedelta(hours=len(rows) + 1),
                    supervisor=supervisor,
                    supervisor_approved_at=timezone.now() if approved else None,
                    confirmed_at=timezone.now() if status == Enrolment.Status.CONFIRMED else None,
                )
            )
    Enrolment.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _external(employees, rng, today) -> int:
    import io

    from django.core.files.base import ContentFile
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    certificate = io.BytesIO()
    writer.write(certificate)
    records = 0
    for employee in rng.sample(employees, min(6, len(employees))):
        end = today - dt.timedelta(days=rng.randint(10, 60))
        record = ExternalTraining(
            employee=employee,
            title=rng.choice(["Webinar Manajemen Risiko", "Workshop Inovasi Pelayanan"]),
            kind=ProgramKind.SEMINAR,
            provider=rng.choice(["Kementerian PANRB", "LAN RI"]),
            start_date=end - dt.timedelta(days=1),
            end_date=end,
            jp=rng.choice([4, 8, 16]),
        )
        record.evidence.save("sertifikat.pdf", ContentFile(certificate.getvalue()), save=False)
        record.evidence_content_type = "application/pdf"
        record.save()
        records += 1
    return records
