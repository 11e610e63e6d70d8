"""Attendance import from the fingerprint system: every row validated, a bad row imports nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from asn_portal.accounts import roles
from payroll import services
from payroll.models import AttendanceRecord
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "NIP,DATE,MINUTES LATE,MINUTES EARLY,ABSENCE,MISSED ASSEMBLY\n"


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("absensi.csv", (HEADER + text).encode(), content_type="text/csv")


def test_good_csv_is_imported(db):
    employee = factories.EmployeeFactory()
    count = services.attendance_import(
        upload=csv_file(
            f"{employee.nip},02-02-2026,45,0,,yes\n"
            f"{employee.nip},03-02-2026,0,0,without reason,no\n"
        ),
        year=2026,
        month=2,
    )
    records = AttendanceRecord.objects.order_by("date")
    assert count == 2
    assert [(r.minutes_late, r.absence, r.missed_assembly) for r in records] == [
        (45, "", True),
        (0, "unexcused", False),
    ]


def test_one_bad_row_imports_nothing_and_names_every_error(db):
    employee = factories.EmployeeFactory()
    with pytest.raises(services.ImportRejected) as rejected:
        services.attendance_import(
            upload=csv_file(
                f"{employee.nip},02-02-2026,10,0,,no\n"
                "199901012020011001,03-02-2026,0,0,,no\n"
                f"{employee.nip},31-02-2026,abc,0,maybe,perhaps\n"
                f"{employee.nip},02-03-2026,0,0,,no\n"
            ),
            year=2026,
            month=2,
        )
    rows = [row for row, _message in rejected.value.errors]
    assert rows == [3, 4, 4, 4, 4, 5]
    assert not AttendanceRecord.objects.exists()


def test_same_day_twice_is_an_error(db):
    employee = factories.EmployeeFactory()
    with pytest.raises(services.ImportRejected):
        services.attendance_import(
            upload=csv_file(f"{employee.nip},02-02-2026,0,0,,\n{employee.nip},02-02-2026,5,0,,\n"),
            year=2026,
            month=2,
        )


def test_reimport_replaces_the_day(db):
    employee = factories.EmployeeFactory()
    for minutes in (10, 70):
        services.attendance_import(
            upload=csv_file(f"{employee.nip},02-02-2026,{minutes},0,,no\n"), year=2026, month=2
        )
    assert list(AttendanceRecord.objects.values_list("minutes_late", flat=True)) == [70]


def test_xlsx_is_imported(db):
    employee = factories.EmployeeFactory()
    wb = Workbook()
    wb.active.append(["NIP", "DATE", "MINUTES LATE", "MINUTES EARLY", "ABSENCE", "MISSED ASSEMBLY"])
    wb.active.append([employee.nip, "04-02-2026", 95, 0, "", "no"])
    out = io.BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile("absensi.xlsx", out.getvalue())
    assert services.attendance_import(upload=upload, year=2026, month=2) == 1


def test_admin_import_shows_errors_with_a_400(client):
    officer = factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER)
    client.force_login(officer)
    response = client.post(
        reverse("admin:payroll_attendancerecord_import"),
        {"year": 2026, "month": 2, "file": csv_file("123,02-02-2026,0,0,,no\n")},
    )
    assert response.status_code == 400
    assert "Unknown NIP: 123" in response.content.decode()


def test_admin_import_refuses_another_file_type(client):
    officer = factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER)
    client.force_login(officer)
    upload = SimpleUploadedFile("absensi.pdf", b"%PDF")
    response = client.post(
        reverse("admin:payroll_attendancerecord_import"), {"year": 2026, "month": 2, "file": upload}
    )
    assert response.status_code == 400


def test_admin_import_of_a_good_file_redirects(client):
    officer = factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER)
    employee = factories.EmployeeFactory()
    client.force_login(officer)
    response = client.post(
        reverse("admin:payroll_attendancerecord_import"),
        {"year": 2026, "month": 2, "file": csv_file(f"{employee.nip},02-02-2026,0,0,,no\n")},
    )
    assert response.status_code == 302 and AttendanceRecord.objects.count() == 1


def test_employee_cannot_open_the_import(client):
    user = factories.EmployeeUserFactory()
    client.force_login(user)
    response = client.get(reverse("admin:payroll_attendancerecord_import"))
    assert response.status_code == 302  # the admin sends non-staff users to its login


def test_day_without_fingerprint_counts_as_no_record(db):
    employee = factories.EmployeeFactory()
    services.attendance_import(
        upload=csv_file(f"{employee.nip},05-02-2026,0,0,no record,no\n"), year=2026, month=2
    )
    record = AttendanceRecord.objects.get()
    assert record.no_record and record.absence == ""
