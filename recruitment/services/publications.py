"""Publishing a stage's results as a frozen, fingerprinted snapshot; corrections are versions."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common.jobs import job_request
from asn_portal.common.notifications import notification_send
from asn_portal.common.queueing import enqueue

from .. import selectors
from ..models import Application, Publication, PublicationEntry, Selection
from .errors import RecruitmentError

# Status codes written into snapshots (stable text, so fingerprints do not depend on language).
MS, TMS = "MS", "TMS"
SKB, SKD_PASSED, SKD_FAILED, ABSENT = "P/L SKB", "P/L", "TL", "TH"
PASSED, NOT_PASSED = "LULUS", "TIDAK LULUS"
COLUMNS = [
    "formasi",
    "registration_number",
    "name",
    "twk",
    "tiu",
    "tkp",
    "skd_total",
    "skb_score",
    "final_score",
    "rank",
    "status",
]
P = Publication.Kind
S = Application.Status


def _rows(selection: Selection, kind: str) -> list[list]:
    apps = Application.objects.filter(selection=selection).exclude(
        status__in=[S.DRAFT, S.WITHDRAWN]
    )
    if kind == P.ADMINISTRATIVE:
        if apps.filter(status=S.SUBMITTED).exists():
            raise RecruitmentError(_("Some applications are not verified yet."))
    elif kind == P.SKD:
        apps = apps.filter(status=S.ELIGIBLE)
        if apps.filter(skd_passed__isnull=True).exists() or not apps.exists():
            raise RecruitmentError(_("Rank the SKD results before publishing them."))
    else:
        apps = apps.filter(to_skb=True)
        if not apps.filter(final_rank__isnull=False).exists():
            raise RecruitmentError(_("Compute the final ranking before publishing it."))
    values = apps.values_list(
        "formasi__code",
        "registration_number",
        "name",
        "applicant__name",
        "status",
        "twk",
        "tiu",
        "tkp",
        "skd_total",
        "skd_passed",
        "skd_rank",
        "to_skb",
        "skb_score",
        "final_score",
        "final_rank",
        "result",
    ).order_by("formasi__code", "registration_number")
    rows = []
    for (
        code,
        number,
        name,
        profile_name,
        status,
        twk,
        tiu,
        tkp,
        total,
        skd_passed,
        skd_rank,
        to_skb,
        skb,
        final,
        final_rank,
        result,
    ) in values.iterator(chunk_size=10000):
        masked = selectors.mask_name(name or profile_name)
        if kind == P.ADMINISTRATIVE:
            rows.append(
                [
                    code,
                    number,
                    masked,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    MS if status == S.ELIGIBLE else TMS,
                ]
            )
        elif kind == P.SKD:
            label = (
                ABSENT
                if twk is None
                else SKB
                if to_skb
                else SKD_PASSED
                if skd_passed
                else SKD_FAILED
            )
            rows.append([code, number, masked, twk, tiu, tkp, total, None, None, skd_rank, label])
        else:
            label = (
                PASSED
                if result == Application.Result.PASSED
                else (NOT_PASSED if final_rank else ABSENT)
            )
            rows.append(
                [
                    code,
                    number,
                    masked,
                    twk,
                    tiu,
                    tkp,
                    total,
                    str(skb) if skb is not None else None,
                    str(final) if final is not None else None,
                    final_rank,
                    label,
                ]
            )
    rank_index = COLUMNS.index("rank")
    rows.sort(key=lambda r: (r[0], r[rank_index] is None, r[rank_index] or 0, r[1]))
    return rows


ENTRY_FIELDS = [
    "formasi_code",
    "registration_number",
    "masked_name",
    "twk",
    "tiu",
    "tkp",
    "skd_total",
    "skb_score",
    "final_score",
    "rank",
    "status",
]


def _insert_entries(publication: Publication, rows: list[list]) -> None:
    """Insert the snapshot rows; on Postgres with COPY (100,000 rows in about a second)."""
    if connection.vendor == "postgresql":
        meta = PublicationEntry._meta
        columns = ["publication_id", *(meta.get_field(f).column for f in ENTRY_FIELDS)]
        statement = f"COPY {meta.db_table} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([publication.pk, *row])
        return
    PublicationEntry.objects.bulk_create(
        (
            PublicationEntry(publication=publication, **dict(zip(ENTRY_FIELDS, row, strict=True)))
            for row in rows
        ),
        batch_size=5000,
    )


@transaction.atomic
def publication_publish(
    *,
    selection: Selection,
    kind: str,
    by,
    reason: str = "",
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Publication:
    """Freeze the stage's current results as the next version, with its SHA-256 fingerprint.

    The first version needs no reason; every later one (a correction) does. Earlier versions
    stay public; none can be edited.
    """
    if kind not in P.values:
        raise RecruitmentError(_("Unknown stage."))
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    last = Publication.objects.filter(selection=selection, kind=kind).aggregate(v=Max("version"))
    version = (last["v"] or 0) + 1
    reason = (reason or "").strip()
    if version > 1 and not reason:
        raise RecruitmentError(
            _("These results were already published: a correction needs a reason.")
        )
    now = now or timezone.now()
    refusal = selectors.publish_refusal(selection, kind, on=timezone.localdate(now))
    if refusal:
        raise RecruitmentError(refusal)
    rows = _rows(selection, kind)
    payload = selectors.canonical_json(
        {
            "selection": selection.slug,
            "selection_name": selection.name,
            "stage": kind,
            "version": version,
            "reason": reason,
            "published_at": now.isoformat(),
            "columns": COLUMNS,
            "rows": rows,
        }
    )
    publication = Publication.objects.create(
        selection=selection,
        kind=kind,
        version=version,
        reason=reason,
        published_at=now,
        published_by=by,
        row_count=len(rows),
        payload=payload,
        fingerprint=selectors.fingerprint(payload),
    )
    _insert_entries(publication, rows)
    if notify:
        job_request(NOTIFY_JOB, str(publication.pk))
        transaction.on_commit(lambda: publication_notify_enqueue(str(publication.pk)))
    return publication


def publication_notify_enqueue(key: str) -> None:
    """Queue the applicants' notifications of a publication (and resume them after a worker
    died: the jobs sweep calls this)."""
    from ..tasks import publication_notify_task

    enqueue(publication_notify_task, int(key))


NOTIFY_JOB = "recruitment.publication_notify"


def publication_notify(*, publication_id: int) -> int:
    """Tell every applicant in a publication that results are out (idempotent per applicant)."""
    publication = Publication.objects.select_related("selection").get(pk=publication_id)
    numbers = PublicationEntry.objects.filter(publication=publication).values_list(
        "registration_number", flat=True
    )
    applications = Application.objects.filter(
        selection=publication.selection, registration_number__in=numbers
    ).select_related("applicant__user")
    title = _("%(selection)s: %(stage)s results published (version %(version)d)") % {
        "selection": publication.selection.name,
        "stage": publication.get_kind_display(),
        "version": publication.version,
    }
    sent = 0
    for application in applications.iterator(chunk_size=2000):
        sent += bool(
            notification_send(
                recipient=application.applicant.user,
                title=title,
                url=reverse("recruitment:application", kwargs={"pk": application.pk}),
                dedup_key=f"recruitment:published:{publication.pk}:{application.pk}",
            )
        )
    return sent
