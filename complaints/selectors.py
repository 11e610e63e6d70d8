"""Reads of complaints: SLA policy, deadlines, duplicates, timelines and public statistics."""

from __future__ import annotations

import datetime as dt
import difflib
import statistics

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.accounts import roles
from asn_portal.common import calendar

from . import conf
from .models import Category, Classification, Complaint, ComplaintEvent, SlaPolicy

DEFAULT_POLICY = SlaPolicy(
    effective_from=dt.date(2000, 1, 1),
    verify_days=3,
    follow_up_days=5,
    auto_close_days=10,
    info_wait_days=10,
    reopen_days=10,
    remind_before_days=1,
)
INTAKE_STAGE = (Complaint.Status.RECEIVED, Complaint.Status.VERIFIED)
AGENCY_STAGES = (*INTAKE_STAGE, Complaint.Status.DISPOSED)


def sla_policy_on(day: dt.date) -> SlaPolicy:
    """The policy in force on `day` (the DOMAIN.md defaults when none is recorded)."""
    return SlaPolicy.objects.filter(effective_from__lte=day).first() or DEFAULT_POLICY


def overdue(*, today: dt.date | None = None) -> QuerySet[Complaint]:
    """Reports whose current stage deadline (verification or follow-up) has passed."""
    day = today or calendar.today()
    return Complaint.objects.filter(status__in=AGENCY_STAGES, due_on__lt=day)


def is_overdue(complaint: Complaint, *, today: dt.date | None = None) -> bool:
    day = today or calendar.today()
    return bool(complaint.status in AGENCY_STAGES and complaint.due_on and complaint.due_on < day)


def intake_officers() -> QuerySet:
    """Active staff holding the complaints officer role, and superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__name=roles.COMPLAINTS_OFFICER) | Q(is_superuser=True))
        .distinct()
    )


def bkd_escalation_recipients() -> QuerySet:
    """Who at BKD hears of an overdue report: intake officers and BKD administrators."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(groups__name__in=[roles.COMPLAINTS_OFFICER, roles.BKD_ADMIN]) | Q(is_superuser=True)
        )
        .distinct()
    )


def unit_operators(unit) -> QuerySet:
    """OPD operators whose subtree contains `unit` (their unit or one above it)."""
    prefixes = [unit.path[:i] for i in range(unit.steplen, len(unit.path) + 1, unit.steplen)]
    return get_user_model().objects.filter(
        is_active=True, groups__name=roles.OPD_OPERATOR, unit__path__in=prefixes
    )


def possible_duplicates(complaint: Complaint, *, limit: int = 5) -> list[Complaint]:
    """Recent reports whose subject and description resemble this one (trigram similarity).

    On Postgres this is pg_trgm's similarity; elsewhere (SQLite in development) difflib.
    """
    since = timezone.now() - dt.timedelta(days=conf.get("DUPLICATE_DAYS"))
    threshold = conf.get("DUPLICATE_THRESHOLD")
    candidates = (
        Complaint.objects.filter(received_at__gte=since)
        .exclude(pk=complaint.pk)
        .exclude(status__in=[Complaint.Status.MERGED, Complaint.Status.ARCHIVED])
    )
    text = f"{complaint.subject} {complaint.description}"
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity
        from django.db.models import FloatField, TextField, Value
        from django.db.models.functions import Concat, Greatest

        return list(
            candidates.annotate(
                similarity=Greatest(
                    TrigramSimilarity("subject", complaint.subject),
                    TrigramSimilarity(
                        Concat("subject", Value(" "), "description", output_field=TextField()),
                        text,
                    ),
                    output_field=FloatField(),
                )
            )
            .filter(similarity__gte=threshold)
            .order_by("-similarity", "-received_at")[:limit]
        )
    threshold = max(threshold, 0.6)  # difflib's ratio is more lenient than trigrams
    scored = []
    for other in candidates.order_by("-received_at")[:500]:
        ratio = difflib.SequenceMatcher(
            None, text.lower(), f"{other.subject} {other.description}".lower()
        ).ratio()
        if ratio >= threshold:
            other.similarity = ratio
            scored.append(other)
    return sorted(scored, key=lambda c: -c.similarity)[:limit]


def public_timeline(complaint: Complaint) -> list[ComplaintEvent]:
    """What the reporter sees: the public entries of the report and, once merged, the agency's
    public entries on the report it was merged into (never the other reporter's messages)."""
    wanted = Q(complaint_id=complaint.pk)
    if complaint.merged_into_id:
        wanted |= Q(complaint_id=complaint.merged_into_id, by_reporter=False)
    return list(
        ComplaintEvent.objects.filter(wanted, public=True)
        .select_related("complaint")
        .order_by("at", "pk")
    )


def reopen_deadline(complaint: Complaint) -> dt.date | None:
    """The last day the reporter may reopen a closed report."""
    if complaint.status != Complaint.Status.CLOSED or not complaint.closed_at:
        return None
    closed_on = timezone.localdate(complaint.closed_at)
    return calendar.add_working_days(closed_on, sla_policy_on(closed_on).reopen_days)


def complaints_for_case(case) -> QuerySet[Complaint]:
    """The reports that led to a disciplinary case (complaints keeps the link; rewards never
    reads it)."""
    return Complaint.objects.filter(discipline_case=case)


def _working_days_taken(start: dt.datetime, end: dt.datetime) -> int:
    return calendar.working_days_between(timezone.localdate(start), timezone.localdate(end))


def public_statistics() -> dict:
    """Counts and timings for the public statistics page; no personal data.

    Handling time runs from receipt to the OPD's follow-up, in working days. A report counts as
    handled within SLA when it was followed up and no stage deadline was missed.
    """
    counted = Complaint.objects.exclude(status=Complaint.Status.MERGED)
    total = counted.count()
    by_classification = dict(
        counted.values_list("classification")
        .annotate(n=Count("pk"))
        .values_list("classification", "n")
    )
    by_status = dict(
        counted.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    by_category = list(
        counted.values("category__name").annotate(n=Count("pk")).order_by("-n", "category__name")
    )
    by_unit = list(
        counted.filter(disposed_unit__isnull=False)
        .values("disposed_unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "disposed_unit__name")[:20]
    )
    handled = list(
        counted.filter(responded_at__isnull=False).values_list(
            "received_at", "responded_at", "sla_breached"
        )
    )
    durations = [_working_days_taken(r, d) for r, d, _b in handled]
    within = sum(1 for _r, _d, breached in handled if not breached)
    labels = dict(Complaint.Status.choices)
    return {
        "total": total,
        "by_classification": [
            (label, by_classification.get(value, 0)) for value, label in Classification.choices
        ],
        "by_status": [(labels[s], n) for s, n in sorted(by_status.items(), key=lambda i: -i[1])],
        "by_category": [(row["category__name"], row["n"]) for row in by_category],
        "by_unit": [(row["disposed_unit__name"], row["n"]) for row in by_unit],
        "handled": len(handled),
        "median_days": statistics.median(durations) if durations else None,
        "within_sla_share": round(100 * within / len(handled)) if handled else None,
    }


def open_reports_for_head(employee) -> QuerySet[Complaint] | None:
    """Reports disposed to the unit (and sub-units) this employee heads and not yet closed;
    None when the employee heads no unit."""
    from asn_portal.personnel.models import OrgUnit

    if not employee.position_id:
        return None
    unit = OrgUnit.objects.filter(head_position_id=employee.position_id).first()
    if unit is None or employee.unit_id != unit.pk:
        return None
    return (
        Complaint.objects.filter(
            disposed_unit__path__startswith=unit.path,
            status__in=[Complaint.Status.DISPOSED, Complaint.Status.RESPONDED],
        )
        .select_related("disposed_unit")
        .order_by("due_on", "pk")
    )


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True)


# A disciplinary case may be opened once the report is verified, and only once.
CASE_OPENING_STATUSES = (
    Complaint.Status.VERIFIED,
    Complaint.Status.DISPOSED,
    Complaint.Status.RESPONDED,
    Complaint.Status.CLOSED,
)


def discipline_case_refusal(complaint: Complaint) -> str | None:
    """Why no disciplinary case can be opened from the report now, or None when it can.

    The one rule the handling page (which offers the form) and the service (which opens the
    case) both ask.
    """
    if complaint.discipline_case_id:
        return _("A disciplinary case was already opened for this report.")
    if complaint.status not in CASE_OPENING_STATUSES:
        return _("Verify the report before opening a disciplinary case.")
    return None


def _reporter_move(complaint: Complaint, to: str) -> bool:
    """Whether the table has this move as one the reporter's actions make (a system move)."""
    move = Complaint.workflow.move(complaint.status, to)
    return move is not None and move.system_only


def reporter_options(complaint: Complaint) -> dict[str, bool]:
    """What the reporter may do on the tracking page now, asked of the workflow table."""
    reopen_until = reopen_deadline(complaint)
    S = Complaint.Status
    return {
        "can_add": complaint.status not in Complaint.FINISHED_STATUSES,
        "can_accept": _reporter_move(complaint, S.CLOSED),
        "can_rate": complaint.status in (S.RESPONDED, S.CLOSED),
        "can_reopen": _reporter_move(complaint, S.DISPOSED)
        and (
            _reporter_move(complaint, S.CLOSED)  # awaiting the reporter's reply
            or (reopen_until is not None and calendar.today() <= reopen_until)
        ),
    }
