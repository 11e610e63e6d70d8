"""Bulk import and export of employees in SIASN-style columns through the admin."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from import_export.formats.base_formats import CSV, XLSX

from asn_portal.accounts import roles
from asn_portal.accounts.models import User
from asn_portal.personnel import identifiers
from asn_portal.personnel.models import Employee, PositionHistory, RankHistory
from asn_portal.personnel.resources import EmployeeResource
from tests import factories

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:personnel_employee_import"
CONFIRM_URL = "admin:personnel_employee_process_import"
EXPORT_URL = "admin:personnel_employee_export"

HEADERS = [
    "NIP BARU",
    "NIK",
    "NAMA",
    "GELAR DEPAN",
    "GELAR BELAKANG",
    "JENIS KELAMIN",
    "TEMPAT LAHIR",
    "TANGGAL LAHIR",
    "STATUS PEGAWAI",
    "KEDUDUKAN HUKUM",
    "TMT CPNS",
    "TMT PNS",
    "GOL AKHIR",
    "TMT GOLONGAN",
    "MK TAHUN",
    "MK BULAN",
    "KODE UNOR",
    "JABATAN NAMA",
    "TMT JABATAN",
    "TINGKAT PENDIDIKAN",
    "PENDIDIKAN NAMA",
    "STATUS KAWIN",
    "PTKP",
]


def siasn_row(*, name: str, birth: dt.date, sex: str, sequence: int, **overrides) -> dict:
    """One PNS row as SIASN exports it: NIP and NIK agree with the birth date, sex and TMT CPNS."""
    tmt_cpns = dt.date(2010, 3, 1)
    row = {
        "NIP BARU": identifiers.build_nip_pns(birth, tmt_cpns, sex, sequence),
        "NIK": identifiers.build_nik("150401", birth, sex, sequence),
        "NAMA": name,
        "GELAR DEPAN": "",
        "GELAR BELAKANG": "S.E.",
        "JENIS KELAMIN": "Laki-laki" if sex == identifiers.MALE else "Perempuan",
        "TEMPAT LAHIR": "Muara Bungo",
        "TANGGAL LAHIR": f"{birth:%d-%m-%Y}",
        "STATUS PEGAWAI": "PNS",
        "KEDUDUKAN HUKUM": "Aktif",
        "TMT CPNS": f"{tmt_cpns:%d-%m-%Y}",
        "TMT PNS": "01-03-2011",
        "GOL AKHIR": "III/a",
        "TMT GOLONGAN": "01-03-2011",
        "MK TAHUN": "1",
        "MK BULAN": "0",
        "KODE UNOR": "1.01.01",
        "JABATAN NAMA": "Analis Kepegawaian",
        "TMT JABATAN": "01-03-2011",
        "TINGKAT PENDIDIKAN": "S1",
        "PENDIDIKAN NAMA": "Manajemen",
        "STATUS KAWIN": "Kawin",
        "PTKP": "K/1",
    }
    row.update(overrides)
    return row


def three_rows(**middle_overrides) -> list[dict]:
    """Three valid employees; overrides apply to the second (row 2 of the file)."""
    return [
        siasn_row(name="Ahmad Fauzi", birth=dt.date(1985, 5, 12), sex="M", sequence=1),
        siasn_row(
            name="Siti Rahmawati",
            birth=dt.date(1988, 9, 3),
            sex="F",
            sequence=2,
            **middle_overrides,
        ),
        siasn_row(name="Budi Santoso", birth=dt.date(1990, 1, 20), sex="M", sequence=3),
    ]


def csv_file(rows: list[dict], name: str = "pegawai.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADERS)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[dict], name: str = "pegawai.xlsx") -> SimpleUploadedFile:
    """Text cells for the identifiers (as SIASN does), real date cells for the birth date."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        values = []
        for header in HEADERS:
            value = row.get(header) or None
            if header == "TANGGAL LAHIR" and value:
                # An impossible date stays text, as a typed cell would.
                with contextlib.suppress(ValueError):
                    value = dt.datetime.strptime(value, "%d-%m-%Y")
            values.append(value)
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def format_index(format_class, *, export: bool = False) -> str:
    model_admin = admin.site._registry[Employee]
    formats = model_admin.get_export_formats() if export else model_admin.get_import_formats()
    return str(formats.index(format_class))


def upload(client, file, format_class, *, language: str = "id"):
    """The first step of the admin import: the dry run that shows the preview."""
    return client.post(
        reverse(IMPORT_URL),
        {"resource": "0", "format": format_index(format_class), "import_file": file},
        headers={"accept-language": language},
    )


def confirm(client, preview):
    """The second step: post the hidden confirm form the preview rendered."""
    return client.post(reverse(CONFIRM_URL), preview.context["confirm_form"].initial)


def import_through_admin(client, file, format_class=CSV):
    preview = upload(client, file, format_class)
    assert preview.status_code == 200
    assert "confirm_form" in preview.context, "the preview refused the file"
    return confirm(client, preview)


@pytest.fixture
def bkd_admin(db):
    return factories.UserFactory(username="admin-bkd", role=roles.BKD_ADMIN)


@pytest.fixture
def unit(db):
    return factories.OrgUnitFactory(code="1.01.01", name="Dinas Pendidikan")


@pytest.fixture
def position(db):
    return factories.PositionFactory(name="Analis Kepegawaian", unit=None)


@pytest.fixture
def admin_client_bkd(client, bkd_admin, unit, position):
    client.force_login(bkd_admin)
    return client


@pytest.mark.parametrize(
    ("make_file", "format_class"), [(csv_file, CSV), (xlsx_file, XLSX)], ids=["csv", "xlsx"]
)
def test_preview_of_a_valid_file_lists_every_row_and_saves_nothing(
    admin_client_bkd, make_file, format_class
):
    rows = three_rows()

    response = upload(admin_client_bkd, make_file(rows), format_class)

    assert response.status_code == 200
    result = response.context["result"]
    assert [row.import_type for row in result.valid_rows()] == ["new", "new", "new"]
    assert "confirm_form" in response.context
    page = response.content.decode()
    for row in rows:
        assert row["NIP BARU"] in page
        assert row["NAMA"] in page
    assert not Employee.objects.exists()


@pytest.mark.parametrize(
    ("make_file", "format_class"), [(csv_file, CSV), (xlsx_file, XLSX)], ids=["csv", "xlsx"]
)
def test_confirmed_import_creates_employees_with_history_and_portal_login(
    admin_client_bkd, unit, position, make_file, format_class
):
    rows = three_rows()

    response = import_through_admin(admin_client_bkd, make_file(rows), format_class)

    assert response.status_code == 302
    assert response.url == reverse("admin:personnel_employee_changelist")
    assert Employee.objects.count() == 3
    siti = Employee.objects.get(nip=rows[1]["NIP BARU"])
    assert siti.name == "Siti Rahmawati"
    assert siti.sex == identifiers.FEMALE
    assert siti.birth_date == dt.date(1988, 9, 3)
    assert (siti.rank.code, siti.rank_tmt) == ("III/a", dt.date(2011, 3, 1))
    assert (siti.unit, siti.position) == (unit, position)
    assert siti.marital_status == Employee.Marital.MARRIED
    rank_record = RankHistory.objects.get(employee=siti)
    assert (rank_record.rank.code, rank_record.tmt, rank_record.is_current) == (
        "III/a",
        dt.date(2011, 3, 1),
        True,
    )
    position_record = PositionHistory.objects.get(employee=siti)
    assert (position_record.position, position_record.unit, position_record.is_current) == (
        position,
        unit,
        True,
    )
    login = User.objects.get(username=siti.nip)
    assert login.employee == siti
    assert login.groups.filter(name=roles.EMPLOYEE).exists()


BAD_ROWS = {
    # (changes to row 2, the column reported, the msgid of the error shown)
    "nip-sex-digit-contradicts-sex": (
        # The NIP says male (digit 15 is 1); the row and the NIK say female.
        {
            "NIP BARU": identifiers.build_nip_pns(
                dt.date(1988, 9, 3), dt.date(2010, 3, 1), identifiers.MALE, 2
            )
        },
        "NIP BARU",
        "The sex digit of the NIP does not match the employee's sex.",
    ),
    "unknown-golongan": ({"GOL AKHIR": "V/z"}, "GOL AKHIR", "Unknown golongan “%(value)s”."),
    "impossible-birth-date": (
        {"TANGGAL LAHIR": "31-02-1988"},
        "TANGGAL LAHIR",
        "“%(value)s” is not a date (use dd-mm-yyyy).",
    ),
}


@pytest.mark.parametrize("case", BAD_ROWS.values(), ids=BAD_ROWS.keys())
@pytest.mark.parametrize(
    ("make_file", "format_class"), [(csv_file, CSV), (xlsx_file, XLSX)], ids=["csv", "xlsx"]
)
def test_one_bad_row_blocks_the_whole_file_and_is_reported_by_row_and_column(
    admin_client_bkd, case, make_file, format_class
):
    overrides, column, msgid = case
    rows = three_rows(**overrides)
    employees_before, users_before = Employee.objects.count(), User.objects.count()

    response = upload(admin_client_bkd, make_file(rows), format_class)

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "id"
    assert "confirm_form" not in response.context
    result = response.context["result"]
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    with translation.override("id"):
        expected = translation.gettext(msgid)
    if "%(value)s" in msgid:
        expected %= {"value": overrides[column]}
    assert expected in invalid.field_specific_errors[column]
    page = response.content.decode()
    assert escape(column) in page
    assert escape(expected) in page
    assert Employee.objects.count() == employees_before
    assert User.objects.count() == users_before


def test_rows_invalidated_between_preview_and_confirmation_import_nothing(
    admin_client_bkd, unit, position
):
    rows = three_rows()
    preview = upload(admin_client_bkd, csv_file(rows), CSV)
    assert "confirm_form" in preview.context
    # Meanwhile someone registers another employee with the NIK of the file's third row.
    factories.EmployeeFactory(nik=rows[2]["NIK"], unit=unit, position=position)

    response = confirm(admin_client_bkd, preview)

    assert response.status_code == 302
    assert response.url == reverse(IMPORT_URL)
    with translation.override("id"):
        message = translation.gettext(
            "Nothing was imported: some rows are no longer valid. "
            "Upload the file again to see the errors."
        )
    assert escape(message) in admin_client_bkd.get(response.url).content.decode()
    assert Employee.objects.count() == 1
    assert not Employee.objects.filter(nip__in=[row["NIP BARU"] for row in rows]).exists()
    assert not User.objects.filter(username__in=[row["NIP BARU"] for row in rows]).exists()


def test_resource_import_with_one_invalid_row_rolls_back_the_valid_rows(unit, position):
    rows = three_rows(**{"GOL AKHIR": "V/z"})
    dataset = CSV().create_dataset(csv_file(rows).read().decode("utf-8"))

    result = EmployeeResource().import_data(dataset, dry_run=False)

    assert result.has_validation_errors()
    assert not Employee.objects.exists()
    assert not RankHistory.objects.exists()


def test_reimport_updates_the_employee_by_nip_and_keeps_the_old_rank_record(admin_client_bkd):
    import_through_admin(admin_client_bkd, csv_file(three_rows()))
    ahmad = Employee.objects.get(name="Ahmad Fauzi")
    changed = three_rows()
    changed[0].update(
        {
            "NAMA": "Ahmad Fauzi Rahman",
            "GOL AKHIR": "III/b",
            "TMT GOLONGAN": "01-04-2015",
            "MK TAHUN": "5",
        }
    )

    preview = upload(admin_client_bkd, csv_file(changed), CSV)
    assert [row.import_type for row in preview.context["result"].valid_rows()] == [
        "update",
        "skip",
        "skip",
    ]
    confirm(admin_client_bkd, preview)

    assert Employee.objects.count() == 3
    ahmad.refresh_from_db()
    assert ahmad.name == "Ahmad Fauzi Rahman"
    assert (ahmad.rank.code, ahmad.rank_tmt, ahmad.mkg_years) == ("III/b", dt.date(2015, 4, 1), 5)
    history = [
        (record.rank.code, record.tmt, record.is_current)
        for record in RankHistory.objects.filter(employee=ahmad).order_by("tmt")
    ]
    assert history == [("III/a", dt.date(2011, 3, 1), False), ("III/b", dt.date(2015, 4, 1), True)]
    assert User.objects.filter(username=ahmad.nip).count() == 1


def test_reimporting_an_unchanged_file_adds_no_history(admin_client_bkd):
    import_through_admin(admin_client_bkd, csv_file(three_rows()))

    import_through_admin(admin_client_bkd, csv_file(three_rows()))

    assert Employee.objects.count() == 3
    assert RankHistory.objects.count() == 3
    assert PositionHistory.objects.count() == 3


@pytest.fixture
def operator(unit):
    return factories.UserFactory(username="operator-disdik", unit=unit, role=roles.OPD_OPERATOR)


def test_opd_operator_is_refused_the_import_page(client, operator):
    client.force_login(operator)

    assert client.get(reverse(IMPORT_URL)).status_code == 403


def test_opd_operator_upload_is_refused_and_imports_nothing(client, operator, position):
    client.force_login(operator)

    response = upload(client, csv_file(three_rows()), CSV)

    assert response.status_code == 403
    assert not Employee.objects.exists()


def test_opd_operator_cannot_confirm_an_import(client, operator):
    client.force_login(operator)
    data = {"import_file_name": "x", "original_file_name": "x.csv", "format": "1", "resource": "0"}

    assert client.post(reverse(CONFIRM_URL), data).status_code == 403


def test_bkd_officer_without_the_admin_role_is_refused_the_import_page(client, db):
    payroll_officer = factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER)
    client.force_login(payroll_officer)

    assert client.get(reverse(IMPORT_URL)).status_code == 403


def export_xlsx(client, query: str = "") -> list[dict]:
    """Export through the admin's export form; the rows of the workbook as dicts."""
    fields = EmployeeResource().get_export_order()
    data = {"resource": "0", "format": format_index(XLSX, export=True)}
    data.update({f"employeeresource_{name}": "on" for name in fields})
    response = client.post(reverse(EXPORT_URL) + query, data)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_export_of_the_filtered_changelist_contains_only_the_filtered_employees(
    admin_client_bkd, unit, position
):
    pns = factories.EmployeeFactory.create_batch(2, unit=unit, position=position)
    pppk = factories.PPPKEmployeeFactory.create_batch(2, unit=unit, position=position)

    rows = export_xlsx(admin_client_bkd, "?status__exact=PPPK")

    assert {row["NIP BARU"] for row in rows} == {e.nip for e in pppk}
    assert not {row["NIP BARU"] for row in rows} & {e.nip for e in pns}
    assert {row["STATUS PEGAWAI"] for row in rows} == {"PPPK"}
    # 18-digit identifiers are text cells: a number cell would lose the last digits in Excel.
    assert all(isinstance(row["NIP BARU"], str) for row in rows)
    assert {row["KODE UNOR"] for row in rows} == {"1.01.01"}
    assert {row["GOL AKHIR"] for row in rows} == {"IX"}


def test_opd_operator_export_contains_only_their_unit_subtree(client, unit, position, operator):
    sub_unit = factories.OrgUnitFactory(code="1.01.01.01", parent=unit)
    own = [
        factories.EmployeeFactory(unit=unit, position=position),
        factories.EmployeeFactory(unit=sub_unit, position=position),
    ]
    factories.EmployeeFactory(position=position)  # another OPD
    client.force_login(operator)

    rows = export_xlsx(client)

    assert {row["NIP BARU"] for row in rows} == {e.nip for e in own}


def test_an_exported_file_imports_back_without_changes(admin_client_bkd, unit, position):
    factories.EmployeeFactory.create_batch(2, unit=unit, position=position)
    factories.PPPKEmployeeFactory(unit=unit, position=position)
    data = {"resource": "0", "format": format_index(CSV, export=True)}
    data.update(
        {f"employeeresource_{name}": "on" for name in EmployeeResource().get_export_order()}
    )
    exported = admin_client_bkd.post(reverse(EXPORT_URL), data).content

    preview = upload(admin_client_bkd, SimpleUploadedFile("ekspor.csv", exported), CSV)

    assert [row.import_type for row in preview.context["result"].valid_rows()] == ["skip"] * 3
