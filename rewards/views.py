"""Public pages of the rewards app: the awardees of a year."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from asn_portal.common.calendar import today

from . import selectors


@require_GET
def awardees(request, year: int | None = None):
    """Awardees of a year (name, unit, award) for the public; no other personal data."""
    current = today().year
    year = year or current
    if not 1950 <= year <= current + 1:
        raise Http404
    return render(
        request,
        "rewards/awardees.html",
        {"year": year, "rows": selectors.public_awardees(year), "current": current},
    )
