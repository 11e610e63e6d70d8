"""360° results: released once per evaluation when the feedback window closes, then frozen."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction

from asn_portal.common import calendar

from .. import selectors
from ..models import SCORE_FIELDS, Evaluation, FeedbackRelease, Period


@transaction.atomic
def feedback_release(*, evaluation: Evaluation) -> FeedbackRelease:
    """Freeze the evaluation's 360° results (idempotent: a second call returns the first).

    After this, answers are refused and every view reads these frozen numbers, so no two views
    ever differ by one rater's answer.
    """
    existing = FeedbackRelease.objects.filter(evaluation=evaluation).first()
    if existing is not None:
        return existing
    rows = list(
        evaluation.feedback_requests.select_for_update().values(
            "group", "answered_at", "comment", *SCORE_FIELDS
        )
    )
    groups = selectors.feedback_results(
        rows, selectors.feedback_candidates(evaluation), secrets.token_hex(8)
    )
    try:
        with transaction.atomic():
            return FeedbackRelease.objects.create(evaluation=evaluation, groups=groups)
    except IntegrityError:  # a concurrent release won: read it
        return FeedbackRelease.objects.get(evaluation=evaluation)


def feedback_release_due(*, on_date: dt.date | None = None) -> int:
    """Release the results of every evaluation whose feedback window has closed (the day after
    `feedback_due`, or its period closed); returns how many were released. Safe to run twice."""
    day = on_date or calendar.today()
    due = (
        Evaluation.objects.filter(feedback_release__isnull=True)
        .filter(period__feedback_due__lt=day)
        .union(
            Evaluation.objects.filter(
                feedback_release__isnull=True, period__status=Period.Status.CLOSED
            )
        )
    )
    released = 0
    for evaluation in due:
        feedback_release(evaluation=evaluation)
        released += 1
    return released
