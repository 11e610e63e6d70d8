"""Reading an uploaded CSV or XLSX table (score imports, attendance imports, …) in one way."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class TableUnreadable(ValidationError):
    """The file is not a table we can read; the message says why, in Indonesian."""


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """The header row and the data rows of a CSV (UTF-8, `,` or `;`) or XLSX file, as text.

    Dates in a workbook become `dd-mm-yyyy`; empty cells become "". Raises TableUnreadable.
    """
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # openpyxl raises many kinds of error for a broken workbook
            raise TableUnreadable(_("The file is not a readable XLSX workbook.")) from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TableUnreadable(_("The CSV file must be UTF-8 text.")) from exc
        if "\x00" in text:
            raise TableUnreadable(_("The CSV file must be UTF-8 text."))
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        rows = [
            [c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise TableUnreadable(_("The file is empty."))
    return rows[0], rows[1:]
