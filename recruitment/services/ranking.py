"""Ranking: passing grades, N x quota of each formasi to the SKB, the final ranking.

Set-based writes (one statement for many rows); their public record is the published,
fingerprinted snapshot.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection, transaction

from .. import selectors
from ..models import Application, Formasi, Selection


def bulk_set(rows: list[tuple], fields: list[str]) -> None:
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
    bulk_set(rows, ["skd_passed", "skd_rank", "to_skb"])
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
    bulk_set(rows, ["skb_score", "final_score", "final_rank", "result"])
    return {"ranked": len(ranked), "passed": passed}
