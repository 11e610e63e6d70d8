"""Score import (SKD, SKB) and ranking: passing grades, N x quota to SKB, final ranking."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction
from django.utils.translation import gettext as _

from .. import selectors
from ..models import (
    TIU_MAX,
    TKP_MAX,
    TWK_MAX,
    Application,
    Formasi,
    Selection,
)
from .errors import RecruitmentError

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


def _bulk_set(rows: list[tuple], fields: list[str]) -> None:
    """Write (id, value, …) tuples to Application in one statement on Postgres.

    A 100,000-row ranking is one UPDATE … FROM unnest(…); other databases use bulk_update.
    """
    if not rows:
        return
    if connection.vendor == "postgresql":
        meta = Application._meta
        columns = [meta.get_field(name) for name in fields]
        types = ["bigint", *(c.db_type(connection) for c in columns)]
        arrays = [list(col) for col in zip(*rows, strict=True)]
        table = connection.ops.quote_name(meta.db_table)
        assignments = ", ".join(f"{c.column} = v.{c.column}" for c in columns)
        unnest = ", ".join(f"%s::{t}[]" for t in types)
        names = ", ".join(["id", *(c.column for c in columns)])
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM unnest({unnest}) AS v({names}) "
                f"WHERE {table}.id = v.id",
                arrays,
            )
        return
    objects = []
    for row in rows:
        obj = Application(pk=row[0])
        for name, value in zip(fields, row[1:], strict=True):
            setattr(obj, name, value)
        objects.append(obj)
    Application.objects.bulk_update(objects, fields, batch_size=1000)


def _read_table(data: bytes, filename: str) -> tuple[list[str], list[list]]:
    if filename.lower().endswith(".xlsx"):
        import tablib

        try:
            dataset = tablib.Dataset().load(io.BytesIO(data), format="xlsx")
        except Exception as exc:  # openpyxl raises many types for a broken workbook
            raise RecruitmentError(_("The XLSX file cannot be read.")) from exc
        return [str(h or "") for h in dataset.headers or []], [list(r) for r in dataset]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecruitmentError(_("The CSV file must be UTF-8 text.")) from exc
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not reader:
        raise RecruitmentError(_("The file is empty."))
    return reader[0], reader[1:]


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


@transaction.atomic
def scores_import(*, selection: Selection, kind: str, data: bytes, filename: str) -> ImportReport:
    """Import SKD (TWK, TIU, TKP) or SKB (SKB_CAT, WAWANCARA, LAINNYA) scores.

    Each row names the applicant by NO_PESERTA (registration number) or NIK. Every row is
    checked first; a file with any bad row imports nothing.
    """
    if kind not in ("skd", "skb"):
        raise RecruitmentError(_("Unknown score kind."))
    columns = SKD_COLUMNS if kind == "skd" else SKB_COLUMNS
    headers, rows = _read_table(data, filename)
    index = _header_map(headers, columns)
    id_column = next((c for c in ID_COLUMNS if c in index), None)
    score_targets = {columns[c][0] if kind == "skd" else columns[c] for c in columns if c in index}
    needed = {"twk", "tiu", "tkp"} if kind == "skd" else {"skb_cat", "skb_interview", "skb_other"}
    if id_column is None or score_targets != needed:
        expected = "NO_PESERTA/NIK, " + (
            "TWK, TIU, TKP" if kind == "skd" else "SKB_CAT, WAWANCARA, LAINNYA"
        )
        raise RecruitmentError(_("The file needs the columns %(cols)s.") % {"cols": expected})
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
    parsed: list[tuple] = []
    for line, row in enumerate(rows, start=2):
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
        values = []
        for column, spec in columns.items():
            if column not in index:
                continue
            raw = row[index[column]] if index[column] < len(row) else None
            try:
                values.append(_int_score(raw, spec[1]) if kind == "skd" else _decimal_score(raw))
            except ValueError as exc:
                errors.append(f"{column} {exc}")
        if errors:
            if len(report.errors) < MAX_IMPORT_ERRORS:
                report.errors.append((line, "; ".join(map(str, errors))))
            else:
                report.errors[-1] = (line, _("… and more rows with errors"))
            continue
        parsed.append((match[0], *values))
    if report.errors:
        return report
    if not parsed:
        raise RecruitmentError(_("The file has no rows."))
    if kind == "skd":
        _bulk_set(
            [(pk, twk, tiu, tkp, twk + tiu + tkp) for pk, twk, tiu, tkp in parsed],
            ["twk", "tiu", "tkp", "skd_total"],
        )
    else:
        order = [columns[c] for c in columns if c in index]
        rows_by_field = [dict(zip(order, values, strict=True)) for _pk, *values in parsed]
        _bulk_set(
            [
                (pk, v["skb_cat"], v["skb_interview"], v["skb_other"])
                for (pk, *_rest), v in zip(parsed, rows_by_field, strict=True)
            ],
            ["skb_cat", "skb_interview", "skb_other"],
        )
    report.imported = len(parsed)
    return report


@transaction.atomic
def selection_rank_skd(*, selection: Selection) -> dict[str, int]:
    """Apply the passing grades, rank those who passed per formasi, send N x quota to SKB.

    Only eligible (MS) applicants take part; one without SKD scores was absent and fails.
    """
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    grades = {g.category: g for g in selection.passing_grades.all()}
    formasi = {f.pk: f for f in Formasi.objects.filter(selection=selection)}
    Application.objects.filter(selection=selection).exclude(
        status=Application.Status.ELIGIBLE
    ).exclude(skd_passed__isnull=True, skd_rank__isnull=True, to_skb=False).update(
        skd_passed=None, skd_rank=None, to_skb=False
    )
    eligible = list(
        Application.objects.filter(selection=selection, status=Application.Status.ELIGIBLE)
        .values_list(
            "pk", "formasi_id", "registration_number", "twk", "tiu", "tkp", "grade", "birth_date"
        )
        .iterator(chunk_size=10000)
    )
    passed_rows: list[selectors.RankRow] = []
    passed_ids: set[int] = set()
    for pk, formasi_id, number, twk, tiu, tkp, grade, born in eligible:
        if twk is None or tiu is None or tkp is None:
            continue
        rule = grades.get(formasi[formasi_id].category)
        if rule is None or not selectors.skd_passes(rule, twk=twk, tiu=tiu, tkp=tkp):
            continue
        passed_ids.add(pk)
        passed_rows.append(selectors.RankRow(pk, formasi_id, number, twk, tiu, tkp, grade, born))
    ranks = selectors.rank_rows(passed_rows, selectors.skd_rank_key)
    limit = {pk: f.quota * selection.skb_multiplier for pk, f in formasi.items()}
    rows = []
    to_skb = 0
    for pk, formasi_id, *_rest in eligible:
        rank = ranks.get(pk)
        goes = rank is not None and rank <= limit[formasi_id]
        to_skb += goes
        rows.append((pk, pk in passed_ids, rank, goes))
    _bulk_set(rows, ["skd_passed", "skd_rank", "to_skb"])
    return {"eligible": len(eligible), "passed": len(passed_ids), "to_skb": to_skb}


def _component(value, weight: int) -> Decimal | None:
    if value is None:
        return Decimal(0) if weight == 0 else None
    return Decimal(value)


@transaction.atomic
def selection_rank_final(*, selection: Selection) -> dict[str, int]:
    """Final score by the weights, ranking per formasi; those within the quota pass (lulus).

    An SKB participant without every weighted SKB score was absent and does not pass.
    """
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    formasi = {f.pk: f for f in Formasi.objects.filter(selection=selection)}
    Application.objects.filter(selection=selection).exclude(
        status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN]
    ).exclude(  # rows already in the reset state are left alone
        result=Application.Result.NOT_PASSED,
        final_rank__isnull=True,
        final_score__isnull=True,
        skb_score__isnull=True,
    ).update(
        result=Application.Result.NOT_PASSED, final_rank=None, final_score=None, skb_score=None
    )
    candidates = Application.objects.filter(selection=selection, to_skb=True).values_list(
        "pk",
        "formasi_id",
        "registration_number",
        "twk",
        "tiu",
        "tkp",
        "grade",
        "birth_date",
        "skb_cat",
        "skb_interview",
        "skb_other",
    )
    ranked: list[selectors.RankRow] = []
    scores: dict[int, Decimal] = {}
    for pk, formasi_id, number, twk, tiu, tkp, grade, born, cat, interview, other in candidates:
        f = formasi[formasi_id]
        parts = (
            _component(cat, f.skb_cat_weight),
            _component(interview, f.skb_interview_weight),
            _component(other, f.skb_other_weight),
        )
        if any(p is None for p in parts):
            continue
        skb = selectors.skb_score(f, cat=parts[0], interview=parts[1], other=parts[2])
        scores[pk] = skb
        total = selectors.final_score(selection, skd_total=twk + tiu + tkp, skb=skb)
        ranked.append(
            selectors.RankRow(pk, formasi_id, number, twk, tiu, tkp, grade, born, final=total)
        )
    ranks = selectors.rank_rows(ranked, selectors.final_rank_key)
    rows = []
    passed = 0
    for row in ranked:
        rank = ranks[row.id]
        lulus = rank <= formasi[row.formasi_id].quota
        passed += lulus
        result = Application.Result.PASSED if lulus else Application.Result.NOT_PASSED
        rows.append((row.id, scores[row.id], row.final, rank, str(result)))
    _bulk_set(rows, ["skb_score", "final_score", "final_rank", "result"])
    return {"ranked": len(ranked), "passed": passed}
