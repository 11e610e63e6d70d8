"""The appraisal card on the employee's portal dashboard."""

from __future__ import annotations

from django.utils.translation import gettext as _

from asn_portal.portal.cards import Card

from . import selectors


def appraisal_card(request, employee) -> Card | None:
    """At most four queries: the open cycle, the plan, its evaluations, pending feedback."""
    cycle = selectors.current_cycle()
    if cycle is None:
        return None
    year = selectors.employee_year(employee, cycle)
    if year["plan"] is None:
        return None
    pending = selectors.feedback_requests_for_rater(employee).filter(answered_at__isnull=True)
    return Card(
        title=_("Performance appraisal %(year)s") % {"year": cycle.year},
        template="appraisal/portal_card.html",
        context={"cycle": cycle, **year, "pending_feedback": pending.count()},
    )
