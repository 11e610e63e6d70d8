"""Attendance import from the fingerprint system: parse, validate each row, store all or none."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from asn_portal.common.tabular import TableUnreadable, read_table
from asn_portal.personnel.models import Employee

from ..models import Absence, AttendanceRecord

ATTENDANCE_HEADERS = {
    "nip": "nip",
    "date": "date",
    "tanggal": "date",
    "minutes late": "late",
    "terlambat": "late",
    "menit terlambat": "late",
    "minutes early": "early",
    "pulang cepat": "early",
    "menit pulang cepat": "early",
    "absence": "absence",
    "ketidakhadiran": "absence",
    "missed assembly": "assembly",
    "tidak apel": "assembly",
}
ABSENCE_VALUES = {
    "": "",
    "present": "",
    "hadir": "",
    "with reason": "excused",
    "excused": "excused",
    "dengan keterangan": "excused",
    "izin": "excused",
    "sakit": "excused",
    "without reason": "unexcused",
    "unexcused": "unexcused",
    "tanpa keterangan": "unexcused",
    "alpa": "unexcused",
    "no record": "no_record",
    "tidak ada data": "no_record",
}
YES_NO = {"": False, "no": False, "tidak": False, "0": False, "yes": True, "ya": True, "1": True}
MAX_MINUTES = 12 * 60


class ImportRejected(Exception):
    """The file has bad rows; nothing was imported. `errors` lists (row number, message)."""

    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def _parse_int(value: str, label: str, errors: list, row_no: int) -> int:
    if value == "":
        return 0
    try:
        number = int(float(value))
    except ValueError:
        errors.append(
            (row_no, _("%(label)s is not a number: %(v)s") % {"label": label, "v": value})
        )
        return 0
    if not 0 <= number <= MAX_MINUTES:
        errors.append(
            (row_no, _("%(label)s must be between 0 and 720: %(v)s") % {"label": label, "v": value})
        )
    return number


def attendance_parse(*, data: bytes, filename: str) -> tuple[list[str | None], list[list[str]]]:
    """Read the uploaded table: the header mapped to our column keys, and the data rows."""
    try:
        header, rows = read_table(data, filename)
    except TableUnreadable as exc:
        raise ImportRejected([(0, " ".join(exc.messages))]) from exc
    keys = [ATTENDANCE_HEADERS.get(h.strip().lower()) for h in header]
    if {"nip", "date"} - set(keys):
        raise ImportRejected([(1, _("The columns NIP and DATE are required."))])
    return keys, rows


def attendance_validate(
    *, header: list[str | None], rows: list[list[str]], year: int, month: int
) -> list[AttendanceRecord]:
    """Check every row against the month and the employees; any bad row rejects the file."""
    nip_at = header.index("nip")
    nips = {r[nip_at] for r in rows if len(r) > nip_at}
    employees = dict(Employee.objects.filter(nip__in=nips).values_list("nip", "pk"))
    errors: list[tuple[int, str]] = []
    records, seen = [], set()
    for row_no, raw in enumerate(rows, start=2):
        cells = {key: (raw[i] if i < len(raw) else "") for i, key in enumerate(header) if key}
        nip = cells.get("nip", "")
        employee_id = employees.get(nip)
        if employee_id is None:
            errors.append((row_no, _("Unknown NIP: %(nip)s") % {"nip": nip or "—"}))
        try:
            day = dt.datetime.strptime(cells.get("date", ""), "%d-%m-%Y").date()  # noqa: DTZ007
        except ValueError:
            errors.append(
                (row_no, _("The date must be dd-mm-yyyy: %(v)s") % {"v": cells.get("date")})
            )
            day = None
        if day and (day.year, day.month) != (year, month):
            errors.append(
                (row_no, _("The date %(d)s is not in the imported month.") % {"d": cells["date"]})
            )
        late = _parse_int(cells.get("late", ""), _("Minutes late"), errors, row_no)
        early = _parse_int(cells.get("early", ""), _("Minutes early"), errors, row_no)
        absence = ABSENCE_VALUES.get(cells.get("absence", "").lower())
        if absence is None:
            errors.append((row_no, _("Unknown absence value: %(v)s") % {"v": cells.get("absence")}))
        assembly = YES_NO.get(cells.get("assembly", "").lower())
        if assembly is None:
            errors.append(
                (
                    row_no,
                    _("Missed assembly must be yes or no: %(v)s") % {"v": cells.get("assembly")},
                )
            )
        if employee_id and day:
            if (employee_id, day) in seen:
                errors.append((row_no, _("The same NIP and date appear twice.")))
            seen.add((employee_id, day))
        if employee_id and day and absence is not None and assembly is not None:
            records.append(
                AttendanceRecord(
                    employee_id=employee_id,
                    date=day,
                    minutes_late=late,
                    minutes_early=early,
                    absence=Absence.NONE if absence in ("", "no_record") else absence,
                    missed_assembly=assembly,
                    no_record=absence == "no_record",
                )
            )
    if errors:
        raise ImportRejected(errors)
    return records


def attendance_store(*, records: list[AttendanceRecord]) -> int:
    """Write validated rows; a row for the same employee and day is replaced."""
    AttendanceRecord.objects.bulk_create(
        records,
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["employee", "date"],
        update_fields=["minutes_late", "minutes_early", "absence", "missed_assembly", "no_record"],
    )
    return len(records)


@transaction.atomic
def attendance_import(*, upload, year: int, month: int) -> int:
    """Import a month of fingerprint data: parse, validate every row, store all or nothing.

    Rows already imported for the same employee and day are replaced. Returns the row count.
    """
    header, rows = attendance_parse(data=upload.read(), filename=getattr(upload, "name", ""))
    records = attendance_validate(header=header, rows=rows, year=year, month=month)
    return attendance_store(records=records)
