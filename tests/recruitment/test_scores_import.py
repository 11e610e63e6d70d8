"""Score import from CSV/XLSX: every row validated, a bad row imports nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from recruitment import services
from recruitment.models import Application

from .factories import ApplicationFactory, FormasiFactory, eligible

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_eligible():
    formasi = FormasiFactory()
    return formasi.selection, eligible(formasi), eligible(formasi)


def csv_bytes(*lines):
    return ("\n".join(lines) + "\n").encode()


def test_skd_scores_are_imported_by_registration_number(two_eligible):
    selection, a, b = two_eligible
    data = csv_bytes(
        "NO_PESERTA,TWK,TIU,TKP",
        f"{a.registration_number},100,120,180",
        f"{b.registration_number},65,80,166",
    )

    report = services.scores_import(selection=selection, kind="skd", data=data, filename="skd.csv")

    a.refresh_from_db()
    assert (report.imported, a.twk, a.tiu, a.tkp, a.skd_total) == (2, 100, 120, 180, 400)


def test_skd_scores_are_imported_by_nik_from_xlsx(two_eligible):
    selection, a, _b = two_eligible
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["NIK", "TWK", "TIU", "TKP"])
    sheet.append([a.applicant.nik, 150, 175, 225])
    buffer = io.BytesIO()
    workbook.save(buffer)

    services.scores_import(
        selection=selection, kind="skd", data=buffer.getvalue(), filename="skd.xlsx"
    )

    a.refresh_from_db()
    assert a.skd_total == 550


def test_a_file_with_one_bad_row_imports_nothing(two_eligible):
    selection, a, b = two_eligible
    data = csv_bytes(
        "NO_PESERTA,TWK,TIU,TKP",
        f"{a.registration_number},100,120,180",
        f"{b.registration_number},151,80,166",
    )

    report = services.scores_import(selection=selection, kind="skd", data=data, filename="s.csv")

    a.refresh_from_db()
    assert (report.imported, a.twk) == (0, None)
    assert report.errors == [(3, "TWK is above the maximum of 150")]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{n},100,176,180", "TIU is above the maximum of 175"),
        ("{n},100,120,226", "TKP is above the maximum of 225"),
        ("{n},-1,120,180", "TWK must be a whole number"),
        ("{n},abc,120,180", "TWK must be a whole number"),
        ("999,100,120,180", "NO_PESERTA 999 matches no applicant"),
    ],
)
def test_each_bad_value_is_reported_with_its_row(two_eligible, row, message):
    selection, a, _b = two_eligible
    data = csv_bytes("NO_PESERTA,TWK,TIU,TKP", row.format(n=a.registration_number))

    report = services.scores_import(selection=selection, kind="skd", data=data, filename="s.csv")

    assert report.errors == [(2, message)]


def test_the_same_applicant_twice_in_a_file_is_an_error(two_eligible):
    selection, a, _b = two_eligible
    row = f"{a.registration_number},100,120,180"

    report = services.scores_import(
        selection=selection,
        kind="skd",
        data=csv_bytes("NO_PESERTA,TWK,TIU,TKP", row, row),
        filename="s.csv",
    )

    assert report.errors[0][0] == 3 and "twice" in report.errors[0][1]


def test_skd_scores_for_a_tms_applicant_are_refused(two_eligible):
    selection, _a, _b = two_eligible
    tms = ApplicationFactory(formasi=_a.formasi, status=Application.Status.INELIGIBLE)
    data = csv_bytes("NO_PESERTA,TWK,TIU,TKP", f"{tms.registration_number},100,120,180")

    report = services.scores_import(selection=selection, kind="skd", data=data, filename="s.csv")

    assert "not eligible" in report.errors[0][1]


def test_missing_columns_are_refused_with_the_expected_names(two_eligible):
    selection, _a, _b = two_eligible

    with pytest.raises(ValidationError, match="TWK, TIU, TKP"):
        services.scores_import(
            selection=selection, kind="skd", data=csv_bytes("NIK,TWK"), filename="s.csv"
        )


def test_skb_scores_are_imported_for_skb_participants(two_eligible):
    selection, a, _b = two_eligible
    Application.objects.filter(pk=a.pk).update(to_skb=True)
    data = csv_bytes("NO_PESERTA;SKB_CAT;WAWANCARA;LAINNYA", f"{a.registration_number};80,5;70;90")

    services.scores_import(selection=selection, kind="skb", data=data, filename="skb.csv")

    a.refresh_from_db()
    assert (a.skb_cat, a.skb_interview, a.skb_other) == (Decimal("80.5"), 70, 90)


def test_skb_scores_for_someone_not_in_the_skb_are_refused(two_eligible):
    selection, a, _b = two_eligible
    data = csv_bytes("NO_PESERTA,SKB_CAT,WAWANCARA,LAINNYA", f"{a.registration_number},80,70,90")

    report = services.scores_import(selection=selection, kind="skb", data=data, filename="s.csv")

    assert "did not qualify for the SKB" in report.errors[0][1]


def test_skb_scores_above_100_are_refused(two_eligible):
    selection, a, _b = two_eligible
    Application.objects.filter(pk=a.pk).update(to_skb=True)
    data = csv_bytes(
        "NO_PESERTA,SKB_CAT,WAWANCARA,LAINNYA", f"{a.registration_number},100.01,70,90"
    )

    report = services.scores_import(selection=selection, kind="skb", data=data, filename="s.csv")

    assert report.errors == [(2, "SKB_CAT must be between 0 and 100")]


def test_an_unreadable_workbook_is_refused_with_a_message(two_eligible):
    selection, _a, _b = two_eligible

    with pytest.raises(ValidationError, match="not a readable XLSX"):
        services.scores_import(selection=selection, kind="skd", data=b"nope", filename="x.xlsx")
