"""Reads and computed rules of the selection: passing grades, scores, tie-breaks, windows.

The scoring functions are pure, so every rule of DOMAIN.md "Recruitment" is tested with its
numbers; the services apply them to many applications at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.accounts import roles
from asn_portal.personnel.access import has_role

from .models import (
    SKD_MAX,
    Announcement,
    Applicant,
    Application,
    ApplicationDocument,
    Category,
    Formasi,
    PassingGrade,
    Publication,
    PublicationEntry,
    Selection,
    Stage,
    TimelineStage,
)

THREE_PLACES = Decimal("0.001")
HUNDRED = Decimal(100)

# Defaults of KepmenPANRB 321/2024 (min_twk, min_tiu, min_tkp, min_total); editable per selection.
DEFAULT_PASSING_GRADES: dict[str, tuple[int | None, int | None, int | None, int | None]] = {
    Category.UMUM: (65, 80, 166, None),
    Category.PUTRA_DAERAH: (65, 80, 166, None),  # Kalimantan; Papua regions use 286/60
    Category.CUMLAUDE: (None, 85, None, 311),
    Category.DISABILITAS: (None, 60, None, 286),
}


# --- scoring rules -------------------------------------------------------------------------


def skd_passes(grade: PassingGrade, *, twk: int, tiu: int, tkp: int) -> bool:
    """Whether the SKD scores meet every minimum the category's passing grade sets."""
    checks = (
        (grade.min_twk, twk),
        (grade.min_tiu, tiu),
        (grade.min_tkp, tkp),
        (grade.min_total, twk + tiu + tkp),
    )
    return all(minimum is None or value >= minimum for minimum, value in checks)


def _round(value: Decimal) -> Decimal:
    return value.quantize(THREE_PLACES, rounding=ROUND_HALF_UP)


def skd_part(skd_total: int, *, weight: int) -> Decimal:
    """SKD part of the final score: SKD total ÷ 550 × weight (40 by PermenPANRB 6/2024)."""
    return _round(Decimal(skd_total) / Decimal(SKD_MAX) * Decimal(weight))


def skb_score(formasi: Formasi, *, cat: Decimal, interview: Decimal, other: Decimal) -> Decimal:
    """SKB score on 0–100: the components (each 0–100) weighted by the formasi's weights."""
    total_weight = formasi.skb_cat_weight + formasi.skb_interview_weight + formasi.skb_other_weight
    weighted = (
        Decimal(cat) * formasi.skb_cat_weight
        + Decimal(interview) * formasi.skb_interview_weight
        + Decimal(other) * formasi.skb_other_weight
    )
    return _round(weighted / Decimal(total_weight)) if total_weight else Decimal(0)


def final_score(selection: Selection, *, skd_total: int, skb: Decimal) -> Decimal:
    """SKD total ÷ 550 × SKD weight + SKB score ÷ 100 × SKB weight (40 + 60 by default)."""
    skb_part = Decimal(skb) / HUNDRED * Decimal(selection.skb_weight)
    return _round(Decimal(skd_total) / Decimal(SKD_MAX) * Decimal(selection.skd_weight) + skb_part)


def grade_for_ranking(applicant: Applicant) -> Decimal | None:
    """IPK on the 0–4 scale; a high-school diploma average (0–100) is scaled to it."""
    if applicant.ipk is not None:
        return Decimal(applicant.ipk)
    if applicant.diploma_average is not None:
        return _round(Decimal(applicant.diploma_average) / Decimal(25)).quantize(Decimal("0.01"))
    return None


@dataclass(frozen=True)
class RankRow:
    """What the ranking needs of one application."""

    id: int
    formasi_id: int
    registration_number: str
    twk: int
    tiu: int
    tkp: int
    grade: Decimal | None
    birth_date: dt.date | None
    final: Decimal | None = None

    @property
    def skd_total(self) -> int:
        return self.twk + self.tiu + self.tkp


def tiebreak_key(row: RankRow) -> tuple:
    """DOMAIN tie-break: higher SKD total, TKP, TIU, TWK, IPK, then the older applicant.

    The registration number only makes the order total when everything else is equal.
    """
    grade = row.grade if row.grade is not None else Decimal(-1)
    born = row.birth_date or dt.date.max
    return (-row.skd_total, -row.tkp, -row.tiu, -row.twk, -grade, born, row.registration_number)


def skd_rank_key(row: RankRow) -> tuple:
    return tiebreak_key(row)


def final_rank_key(row: RankRow) -> tuple:
    return (-(row.final or Decimal(0)), *tiebreak_key(row))


def rank_rows(rows: list[RankRow], key) -> dict[int, int]:
    """Rank per formasi (1 = best) by the sort key; returns {application id: rank}."""
    by_formasi: dict[int, list[RankRow]] = {}
    for row in rows:
        by_formasi.setdefault(row.formasi_id, []).append(row)
    ranks: dict[int, int] = {}
    for group in by_formasi.values():
        for position, row in enumerate(sorted(group, key=key), start=1):
            ranks[row.id] = position
    return ranks


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years of age on a date."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def mask_name(name: str) -> str:
    """Published names keep two letters of each word: "Budi Santoso" -> "Bu** Sa*****"."""
    return " ".join(word[:2] + "*" * max(len(word) - 2, 0) for word in name.split())


def canonical_json(data) -> str:
    """The one serialisation a fingerprint is computed over: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def fingerprint(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def publication_is_intact(publication: Publication) -> bool:
    """Recompute the fingerprint from the stored payload (and compare the row count)."""
    rows = json.loads(publication.payload)["rows"]
    return fingerprint(publication.payload) == publication.fingerprint and len(rows) == (
        publication.entries.count()
    )


# --- timeline and windows ---------------------------------------------------------------


def stage_dates(selection: Selection, stage: str) -> TimelineStage | None:
    return next((s for s in selection.stages.all() if s.stage == stage), None)


def registration_is_open(selection: Selection, *, on: dt.date) -> bool:
    """Open when the rules are public and the date is inside the registration stage."""
    stage = stage_dates(selection, Stage.REGISTRATION)
    return (
        selection.status == Selection.Status.ANNOUNCED
        and stage is not None
        and stage.starts_on <= on <= stage.ends_on
    )


def first_publication(selection: Selection, kind: str) -> Publication | None:
    return (
        Publication.objects.filter(selection=selection, kind=kind)
        .only("id", "published_at", "version", "selection_id", "kind")
        .order_by("version")
        .first()
    )


@dataclass(frozen=True)
class Window:
    opens_at: dt.datetime
    closes_on: dt.date  # last calendar day, inclusive, Asia/Jakarta
    answer_due: dt.date

    def is_open(self, now: dt.datetime) -> bool:
        return self.opens_at <= now and timezone.localdate(now) <= self.closes_on


def sanggah_window(selection: Selection) -> Window | None:
    """The objection window, as the public timeline shows it: the sanggah stage's dates.

    It opens when the administrative results are first published (never before the stage's
    first day) and closes at the end of the stage's last day; the agency answers within
    `sanggah_answer_days` calendar days after that. A timeline without a sanggah stage falls
    back to `sanggah_days` calendar days from the publication.
    """
    publication = first_publication(selection, Publication.Kind.ADMINISTRATIVE)
    if publication is None:
        return None
    stage = stage_dates(selection, Stage.SANGGAH)
    if stage is None:
        published_on = timezone.localdate(publication.published_at)
        opens_at = publication.published_at
        closes_on = published_on + dt.timedelta(days=selection.sanggah_days)
    else:
        first_moment = timezone.make_aware(dt.datetime.combine(stage.starts_on, dt.time.min))
        opens_at = max(publication.published_at, first_moment)
        closes_on = stage.ends_on
    return Window(
        opens_at=opens_at,
        closes_on=closes_on,
        answer_due=closes_on + dt.timedelta(days=selection.sanggah_answer_days),
    )


def objection_refusal(application: Application, *, now: dt.datetime) -> str | None:
    """Why this applicant may not file a sanggah now (None when they may).

    Only a TMS applicant, once, inside the window of the public timeline.
    """
    if application.status != Application.Status.INELIGIBLE:
        return _("Only applicants found not eligible (TMS) may object.")
    window = sanggah_window(application.selection)
    if window is None:
        return _("The administrative results are not published yet.")
    if now < window.opens_at:
        return _("The objection period starts on %(date)s.") % {
            "date": timezone.localdate(window.opens_at).strftime("%d-%m-%Y")
        }
    if not window.is_open(now):
        return _("The objection period ended on %(date)s; objections are no longer accepted.") % {
            "date": window.closes_on.strftime("%d-%m-%Y")
        }
    if hasattr(application, "objection"):
        return _("You have already filed your one objection.")
    return None


# The timeline stage whose results each publication announces.
STAGE_OF_PUBLICATION = {
    Publication.Kind.ADMINISTRATIVE: Stage.ADMINISTRATIVE,
    Publication.Kind.SKD: Stage.SKD,
    Publication.Kind.FINAL: Stage.FINAL,
}


def publish_refusal(selection: Selection, kind: str, *, on: dt.date) -> str | None:
    """Why a stage's results may not be published on `on` (None when they may).

    Results exist once the stage is held: they are published from the stage's last day on.
    """
    stage_value = STAGE_OF_PUBLICATION[kind]
    stage = stage_dates(selection, stage_value)
    if stage is None:
        return _("Set the dates of the %(stage)s stage in the timeline first.") % {
            "stage": Stage(stage_value).label
        }
    if on < stage.ends_on:
        return _(
            "The %(stage)s stage runs until %(date)s: its results can be published from that "
            "day on."
        ) % {"stage": Stage(stage_value).label, "date": stage.ends_on.strftime("%d-%m-%Y")}
    return None


# --- public reads ------------------------------------------------------------------------


def public_selections() -> QuerySet[Selection]:
    """Selections whose rules are published, newest first, with their formasi count."""
    return (
        Selection.objects.exclude(status=Selection.Status.DRAFT)
        .annotate(formasi_count=Count("formasi", distinct=True))
        .prefetch_related("stages")
        .order_by("-rules_published_at")
    )


def public_selection(slug: str) -> Selection:
    return (
        Selection.objects.exclude(status=Selection.Status.DRAFT)
        .prefetch_related(
            "stages",
            "passing_grades",
            "rule_changes",
            Prefetch("announcements", queryset=Announcement.objects.order_by("-published_at")),
        )
        .get(slug=slug)
    )


def formasi_of(selection: Selection) -> QuerySet[Formasi]:
    return Formasi.objects.filter(selection=selection).select_related("unit").order_by("code")


def publications_of(selection: Selection) -> QuerySet[Publication]:
    """Every version of every stage's results, newest version first (the public history)."""
    return (
        Publication.objects.filter(selection=selection)
        .defer("payload")
        .order_by("kind", "-version")
    )


def publication_entries(publication: Publication, *, formasi_code: str = "", query: str = ""):
    qs = PublicationEntry.objects.filter(publication=publication)
    if formasi_code:
        qs = qs.filter(formasi_code=formasi_code)
    if query:
        qs = qs.filter(registration_number__startswith=query)
    return qs.order_by("formasi_code", "rank", "registration_number")


# --- applicants and staff ----------------------------------------------------------------


def is_recruitment_staff(user) -> bool:
    """Recruitment officers and superusers handle applications and documents."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or has_role(user, roles.RECRUITMENT_OFFICER))
    )


def applicant_of(user) -> Applicant | None:
    if not user.is_authenticated:
        return None
    return Applicant.objects.filter(user=user).first()


def applications_of(applicant: Applicant) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=applicant)
        .select_related("selection", "formasi", "formasi__unit", "objection")
        .prefetch_related("documents", "selection__stages")
        .order_by("-created_at")
    )


def documents_visible_to(user) -> QuerySet[ApplicationDocument]:
    """Applicants see their own documents; recruitment staff see all; nobody else any."""
    qs = ApplicationDocument.objects.select_related("application")
    if is_recruitment_staff(user):
        return qs
    if user.is_authenticated and user.is_active:
        return qs.filter(application__applicant__user=user)
    return qs.none()


def applications_for_verifier(user) -> QuerySet[Application]:
    return (
        Application.objects.filter(verifier=user, status=Application.Status.SUBMITTED)
        .select_related("applicant", "formasi", "selection")
        .order_by("submitted_at")
    )


def results_of_formasi(formasi: Formasi) -> QuerySet[Application]:
    """Every submitted application of a formasi in ranking order (for the XLSX export)."""
    return (
        Application.objects.filter(formasi=formasi)
        .exclude(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])
        .order_by("final_rank", "skd_rank", "registration_number")
    )


def quota_used(selection: Selection, *, excluding: int | None = None) -> int:
    qs = Formasi.objects.filter(selection=selection)
    if excluding:
        qs = qs.exclude(pk=excluding)
    return sum(qs.values_list("quota", flat=True))


def pending_objections_due(on: dt.date, *, within_days: int = 2) -> QuerySet:
    """Objections still unanswered whose answer is due within `within_days` (or overdue)."""
    from .models import Objection

    return Objection.objects.filter(
        status=Objection.Status.PENDING, answer_due__lte=on + dt.timedelta(days=within_days)
    ).select_related("application__selection")


def drafts_closing(on: dt.date, *, within_days: int = 2) -> QuerySet[Application]:
    """Draft applications whose registration closes within `within_days`."""
    return Application.objects.filter(
        Q(status=Application.Status.DRAFT),
        selection__stages__stage=Stage.REGISTRATION,
        selection__stages__ends_on__gte=on,
        selection__stages__ends_on__lte=on + dt.timedelta(days=within_days),
    ).select_related("applicant", "selection")


def published_results_for(applications) -> dict[int, dict[str, PublicationEntry]]:
    """Each application's row in the latest published version of every stage: what the
    applicant may see (scores appear only once published). One query."""
    by_number = {a.registration_number: a.pk for a in applications}
    if not by_number:
        return {}
    entries = (
        PublicationEntry.objects.filter(registration_number__in=by_number)
        .select_related("publication")
        .defer("publication__payload")
        .order_by("publication__kind", "-publication__version")
    )
    result: dict[int, dict[str, PublicationEntry]] = {}
    for entry in entries:
        per_kind = result.setdefault(by_number[entry.registration_number], {})
        per_kind.setdefault(entry.publication.kind, entry)
    return result
