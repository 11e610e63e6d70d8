import datetime as dt
import io

import pytest
from openpyxl import Workbook

from asn_portal.common.tabular import TableUnreadable, read_table


def test_a_semicolon_csv_is_read_as_text():
    header, rows = read_table("NIP;NILAI\n1990;80\n\n".encode("utf-8-sig"), "nilai.csv")
    assert header == ["NIP", "NILAI"]
    assert rows == [["1990", "80"]]


def test_a_workbook_gives_dates_as_dd_mm_yyyy():
    book = Workbook()
    book.active.append(["NIP", "TANGGAL", "JAM"])
    book.active.append([199001, dt.datetime(2026, 11, 2), 7.0])
    buffer = io.BytesIO()
    book.save(buffer)
    header, rows = read_table(buffer.getvalue(), "ABSEN.XLSX")
    assert header == ["NIP", "TANGGAL", "JAM"]
    assert rows == [["199001", "02-11-2026", "7"]]


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"\xff\xfe\x00bad", "x.csv"), (b"not a zip", "x.xlsx"), (b"", "x.csv"), (b"a\x00b", "x.csv")],
)
def test_unreadable_files_are_refused_with_a_message(data, name):
    with pytest.raises(TableUnreadable) as refused:
        read_table(data, name)
    assert refused.value.messages
