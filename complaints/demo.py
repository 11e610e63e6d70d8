"""Demo complaints for the synthetic regency: every state of the workflow, some overdue.

Every demo report has the PIN `123456`, so the tracking page can be tried with any code that
`seed_demo` prints. Does nothing when complaints exist already.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from asn_portal.common import calendar
from asn_portal.personnel.models import OrgUnit

from . import codes
from .models import Category, Classification, Complaint, ComplaintEvent, Privacy

DEMO_PIN = "123456"
S = Complaint.Status
K = ComplaintEvent.Kind

STORIES = [
    ("Pungutan biaya pembuatan KTP", "Petugas meminta Rp 50.000 untuk mempercepat KTP-el."),
    ("Guru sering tidak hadir", "Guru kelas 5 SD Negeri 2 sering tidak masuk tanpa pengganti."),
    ("Antrean puskesmas terlalu lama", "Pasien menunggu lebih dari 4 jam di Puskesmas Kota."),
    ("Jalan rusak di Desa Sukamaju", "Jalan desa berlubang besar dan membahayakan pengendara."),
    ("Izin usaha tidak kunjung terbit", "Permohonan izin usaha mikro belum diproses 2 bulan."),
    ("Pegawai bermain gim saat jam kerja", "Pegawai loket bermain gim di ponsel saat melayani."),
    ("Lampu penerangan jalan mati", "Lampu jalan di Jalan Melati mati sejak sebulan lalu."),
    ("Usulan taman baca di kelurahan", "Warga mengusulkan taman baca anak di balai kelurahan."),
    ("Informasi jadwal vaksinasi", "Mohon informasi jadwal vaksinasi anak di kecamatan."),
    ("Dugaan gratifikasi pengadaan", "Ada dugaan hadiah dari rekanan kepada pejabat pengadaan."),
]
# (status, share): the mix of states; received and disposed ones include overdue reports.
STATES = [
    (S.RECEIVED, 6),
    (S.NEEDS_INFO, 2),
    (S.VERIFIED, 3),
    (S.DISPOSED, 7),
    (S.RESPONDED, 4),
    (S.CLOSED, 8),
    (S.NOT_AUTHORITY, 2),
    (S.ARCHIVED, 2),
    (S.MERGED, 1),
]
NAMES = ["Rina Marlina", "Agus Salim", "Dewi Sartika", "Hendra Gunawan", "Yuni Astuti"]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(
        day.year, day.month, day.day, hour, 0, tzinfo=timezone.get_current_timezone()
    )


@transaction.atomic
def seed_module_demo(*, seed: int, stdout) -> None:
    if Complaint.objects.exists():
        stdout.write("Complaints: demo data present, nothing added.")
        return
    rng = random.Random(seed)
    categories = list(Category.objects.filter(is_active=True))
    units = list(OrgUnit.objects.filter(depth=1, is_active=True))
    if not categories or not units:
        stdout.write("Complaints: no categories or units, nothing added.")
        return
    pin_hash = codes.hash_pin(DEMO_PIN)
    today = calendar.today()
    created: list[Complaint] = []
    events: list[tuple[ComplaintEvent, dt.datetime]] = []
    states = [status for status, share in STATES for _n in range(share)]
    for index, status in enumerate(states):
        subject, description = STORIES[index % len(STORIES)]
        privacy = rng.choice(list(Privacy.values))
        age = rng.randint(1, 30) if index % 3 else rng.randint(10, 40)
        received = today - dt.timedelta(days=age)
        name = rng.choice(NAMES) if privacy != Privacy.ANONYMOUS else ""
        complaint = Complaint(
            tracking_code=codes.new_tracking_code(),
            pin_hash=pin_hash,
            classification=rng.choice(list(Classification.values)),
            category=rng.choice(categories),
            reported_unit=rng.choice([None, *units]),
            subject=subject,
            description=description,
            incident_date=received - dt.timedelta(days=rng.randint(0, 5)),
            incident_place="Kabupaten Contoh",
            privacy=privacy,
            reporter_name=name,
            reporter_email=f"pelapor{index}@example.com" if name else "",
            consent=True,
            status=status,
        )
        verify_due = calendar.add_working_days(received, 3)
        timeline = [(S.RECEIVED, received, "")]
        complaint.due_on = verify_due if status in (S.RECEIVED, S.VERIFIED) else None
        if status != S.RECEIVED and status not in (S.NEEDS_INFO, S.NOT_AUTHORITY, S.ARCHIVED):
            verified = min(calendar.add_working_days(received, rng.randint(1, 4)), today)
            complaint.verified_at = _at(verified, 10)
            timeline.append((S.VERIFIED, verified, ""))
            complaint.sla_breached = verified > verify_due
        if status in (S.DISPOSED, S.RESPONDED, S.CLOSED):
            disposed = min(calendar.add_working_days(verified, rng.randint(0, 2)), today)
            complaint.disposed_unit = rng.choice(units)
            complaint.disposed_at = _at(disposed, 11)
            complaint.due_on = calendar.add_working_days(disposed, 5)
            timeline.append((S.DISPOSED, disposed, ""))
        if status in (S.RESPONDED, S.CLOSED):
            responded = min(calendar.add_working_days(disposed, rng.randint(1, 7)), today)
            complaint.responded_at = _at(responded, 14)
            complaint.sla_breached |= responded > complaint.due_on
            complaint.due_on = calendar.add_working_days(responded, 10)
            timeline.append((S.RESPONDED, responded, "Sudah kami tindak lanjuti; terima kasih."))
        if status == S.CLOSED:
            complaint.closed_at = _at(today, 8)
            complaint.due_on = None
            complaint.rating = rng.randint(2, 5)
            timeline.append((S.CLOSED, today, ""))
        if status in (S.NEEDS_INFO, S.NOT_AUTHORITY, S.ARCHIVED):
            timeline.append((status, min(received + dt.timedelta(days=1), today), ""))
            if status == S.NEEDS_INFO:
                complaint.due_on = calendar.add_working_days(timeline[-1][1], 10)
            else:
                complaint.closed_at = _at(today, 8)
        if status == S.MERGED:
            complaint.merged_into = created[0]
            complaint.closed_at = _at(today, 8)
            timeline = [(S.RECEIVED, received, ""), (S.MERGED, today, "")]
        complaint.save()
        created.append(complaint)
        Complaint.objects.filter(pk=complaint.pk).update(received_at=_at(received, 8))
        previous = ""
        for hour, (to, day, message) in enumerate(timeline, start=8):
            if message:
                events.append(
                    (
                        ComplaintEvent(
                            complaint=complaint, kind=K.RESPONSE, message=message, public=True
                        ),
                        _at(day, hour),
                    )
                )
            events.append(
                (
                    ComplaintEvent(
                        complaint=complaint,
                        kind=K.STATUS,
                        from_status=previous,
                        to_status=to,
                        public=True,
                    ),
                    _at(day, hour),
                )
            )
            previous = to
    rows = ComplaintEvent.objects.bulk_create([event for event, _when in events])
    for event, (_same, when) in zip(rows, events, strict=True):
        event.at = when  # auto_now_add stamped them now; the story has its own dates
    ComplaintEvent.objects.bulk_update(rows, ["at"], batch_size=500)
    overdue = sum(
        1
        for c in created
        if c.status in (S.RECEIVED, S.VERIFIED, S.DISPOSED) and c.due_on and c.due_on < today
    )
    stdout.write(
        f"Complaints: {len(created)} demo reports ({overdue} overdue); track "
        f"{created[0].tracking_code} with PIN {DEMO_PIN}."
    )
