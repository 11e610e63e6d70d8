"""Score import (SKD, SKB) in three steps: parse the file, validate every row, store them.

A file with any bad row stores nothing; the report lists each row's errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from asn_portal.common.tabular import read_table

from ..models import TIU_MAX, TKP_MAX, TWK_MAX, Application, Selection
from .errors import RecruitmentError
from .ranking import bulk_set

ID_COLUMNS = {
    "NO_PESERTA": "registration_number",
    "NOMOR_PESERTA": "registration_number",
    "REGISTRATION_NUMBER": "registration_number",
    "NIK": "nik",
}
SKD_COLUMNS = {"TWK": ("twk", TWK_MAX), "TIU": ("tiu", TIU_MAX), "TKP": ("tkp", TKP_MAX)}
SKB_COLUMNS = {
    "SKB_CAT": "skb_cat",
    "WAWANCARA": "skb_interview",
    "INTERVIEW": "skb_interview",
    "LAINNYA": "skb_other",
    "OTHER": "skb_other",
}
MAX_IMPORT_ERRORS = 200


@dataclass
class ImportReport:
    """What an import did: rows read, rows saved (0 when any row is bad) and each row's errors."""

    rows: int = 0
    imported: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ScoreFile:
    """A parsed score file: which column names the applicant, where each score is, the rows."""

    kind: str
    columns: dict
    index: dict[str, int]
    id_column: str
    rows: list[list[str]]


def _header_map(headers: list[str], wanted: dict) -> dict[str, int]:
    normal = [h.strip().upper().replace(" ", "_") for h in headers]
    return {name: i for i, name in enumerate(normal) if name in wanted or name in ID_COLUMNS}


def _int_score(raw, maximum: int) -> int:
    text = str(raw).strip() if raw is not None else ""
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if not text.isdigit():
        raise ValueError(_("must be a whole number"))
    value = int(text)
    if value > maximum:
        raise ValueError(_("is above the maximum of %(max)d") % {"max": maximum})
    return value


def _decimal_score(raw) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("must be a number")) from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise ValueError(_("must be between 0 and 100"))
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(_("has more than two decimals"))
    return value


def scores_parse(*, kind: str, data: bytes, filename: str) -> ScoreFile:
    """Read the table and find its columns; a file without the needed columns is refused."""
    if kind not in ("skd", "skb"):
        raise RecruitmentError(_("Unknown score kind."))
    columns = SKD_COLUMNS if kind == "skd" else SKB_COLUMNS
    headers, rows = read_table(data, filename)
    index = _header_map(headers, columns)
    id_column = next((c for c in ID_COLUMNS if c in index), None)
    score_targets = {columns[c][0] if kind == "skd" else columns[c] for c in columns if c in index}
    needed = {"twk", "tiu", "tkp"} if kind == "skd" else {"skb_cat", "skb_interview", "skb_other"}
    if id_column is None or score_targets != needed:
        expected = "NO_PESERTA/NIK, " + (
            "TWK, TIU, TKP" if kind == "skd" else "SKB_CAT, WAWANCARA, LAINNYA"
        )
        raise RecruitmentError(_("The file needs the columns %(cols)s.") % {"cols": expected})
    return ScoreFile(kind=kind, columns=columns, index=index, id_column=id_column, rows=rows)


def scores_validate(*, selection: Selection, parsed: ScoreFile) -> tuple[ImportReport, list[tuple]]:
    """Check every row against the selection's applications; (report, [(id, *scores)])."""
    kind, columns, index, id_column = parsed.kind, parsed.columns, parsed.index, parsed.id_column
    report = ImportReport()
    apps = Application.objects.filter(selection=selection).exclude(
        status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN]
    )
    key = ID_COLUMNS[id_column]
    lookup_field = "registration_number" if key == "registration_number" else "applicant__nik"
    known = {
        ident: (pk, status, to_skb)
        for ident, pk, status, to_skb in apps.values_list(lookup_field, "pk", "status", "to_skb")
    }
    seen: set[str] = set()
    valid: list[tuple] = []
    for line, row in enumerate(parsed.rows, start=2):
        if not any(str(c or "").strip() for c in row):
            continue
        report.rows += 1
        errors = []
        ident = str(row[index[id_column]] or "").strip() if index[id_column] < len(row) else ""
        if ident.endswith(".0"):
            ident = ident[:-2]
        match = known.get(ident)
        if match is None:
            errors.append(
                _("%(col)s %(id)s matches no applicant") % {"col": id_column, "id": ident}
            )
        elif ident in seen:
            errors.append(_("%(id)s appears twice") % {"id": ident})
        elif kind == "skd" and match[1] != Application.Status.ELIGIBLE:
            errors.append(_("%(id)s is not eligible (MS) for the SKD") % {"id": ident})
        elif kind == "skb" and not match[2]:
            errors.append(_("%(id)s did not qualify for the SKB") % {"id": ident})
        seen.add(ident)
        values = {}
        for column, spec in columns.items():
            if column not in index:
                continue
            raw = row[index[column]] if index[column] < len(row) else None
            target = spec[0] if kind == "skd" else spec
            try:
                values[target] = _int_score(raw, spec[1]) if kind == "skd" else _decimal_score(raw)
            except ValueError as exc:
                errors.append(f"{column} {exc}")
        if errors:
            if len(report.errors) < MAX_IMPORT_ERRORS:
                report.errors.append((line, "; ".join(map(str, errors))))
            else:
                report.errors[-1] = (line, _("… and more rows with errors"))
            continue
        if kind == "skd":
            valid.append((match[0], values["twk"], values["tiu"], values["tkp"]))
        else:
            valid.append(
                (match[0], values["skb_cat"], values["skb_interview"], values["skb_other"])
            )
    return report, valid


def scores_store(*, kind: str, valid: list[tuple]) -> int:
    """Write the checked scores in one statement; returns how many applications."""
    if kind == "skd":
        bulk_set(
            [(pk, twk, tiu, tkp, twk + tiu + tkp) for pk, twk, tiu, tkp in valid],
            ["twk", "tiu", "tkp", "skd_total"],
        )
    else:
        bulk_set(valid, ["skb_cat", "skb_interview", "skb_other"])
    return len(valid)


@transaction.atomic
def scores_import(*, selection: Selection, kind: str, data: bytes, filename: str) -> ImportReport:
    """Import SKD (TWK, TIU, TKP) or SKB (SKB_CAT, WAWANCARA, LAINNYA) scores.

    Each row names the applicant by NO_PESERTA (registration number) or NIK. Every row is
    checked first; a file with any bad row imports nothing.
    """
    parsed = scores_parse(kind=kind, data=data, filename=filename)
    report, valid = scores_validate(selection=selection, parsed=parsed)
    if report.errors:
        return report
    if not valid:
        raise RecruitmentError(_("The file has no rows."))
    report.imported = scores_store(kind=kind, valid=valid)
    return report
