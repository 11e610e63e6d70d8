"""The employee's own discipline and awards history, as a portal dashboard card."""

from __future__ import annotations

from django.utils.translation import gettext as _

from asn_portal.portal.cards import Card

from . import selectors
from .permissions import nominees_for


def rewards_card(request, employee) -> Card | None:
    """Two queries: the employee's cases with their decisions, and their awards."""
    cases = list(selectors.cases_of(employee))
    awards = list(selectors.awards_of(employee))
    if not cases and not awards:
        return None
    return Card(
        title=_("Discipline and awards"),
        template="rewards/portal_card.html",
        context={"cases": cases, "awards": awards},
    )


def examiner_card(request, employee) -> Card | None:
    """Cases the employee examines (as supervisor or team member), open ones only; one query."""
    cases = list(selectors.cases_examined_by(employee))
    if not cases:
        return None
    return Card(
        title=_("Cases I examine"),
        template="rewards/examiner_card.html",
        context={"cases": cases},
    )


def nominate_card(request, employee) -> Card | None:
    """For a supervisor: a link to nominate their subordinates for an award; at most 3 queries."""
    if not nominees_for(request.user).exists():
        return None
    return Card(title=_("Awards for my team"), template="rewards/nominate_card.html", context={})
