"""Pages of the rewards app: the public awardees list, nominations by supervisors and OPD
operators, and the operators' list of cases that exist in their units (no details)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from asn_portal.common.calendar import today

from . import selectors, services
from .forms import NominationForm
from .models import AwardType, Nomination
from .permissions import (
    case_existence_visible_to,
    may_nominate,
    nominees_for,
    sees_case_existence,
)

PAGE_SIZE = 50


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


def _nominator_check(user) -> None:
    if not may_nominate(user):
        raise PermissionDenied(_("Only supervisors and OPD operators nominate for awards."))


@require_GET
@login_required
def nominate_index(request):
    """Whom the user may nominate, and the nominations they made with their outcome."""
    _nominator_check(request.user)
    nominees = Paginator(
        nominees_for(request.user).select_related("unit", "position").order_by("name", "pk"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    mine = (
        Nomination.objects.filter(nominated_by=request.user)
        .select_related("employee", "award_type")
        .order_by("-created_at")[:PAGE_SIZE]
    )
    return render(request, "rewards/nominate_index.html", {"nominees": nominees, "mine": mine})


@require_http_methods(["GET", "POST"])
@login_required
def nominate(request, employee_id: int):
    """Nominate one subordinate (or, for an operator, an employee of the unit) for an award,
    with the automatic eligibility check of every award shown before submitting.
    """
    _nominator_check(request.user)
    nominee = get_object_or_404(
        nominees_for(request.user).select_related("unit", "position", "rank"), pk=employee_id
    )
    on_date = today()
    award_types = AwardType.objects.filter(is_active=True)
    eligibility = [
        (award, *selectors.award_eligibility(nominee, award, on_date)) for award in award_types
    ]
    form = NominationForm(
        request.POST or None,
        award_types=award_types,
        current_year=on_date.year,
        initial={"year": on_date.year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_submit(employee=nominee, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s is nominated. BKD will review the nomination.")
                % {"name": nominee.full_name},
            )
            return redirect("rewards:nominate_index")
    context = {"nominee": nominee, "eligibility": eligibility, "form": form, "on_date": on_date}
    status = 400 if form.errors else 200
    return render(request, "rewards/nominate.html", context, status=status)


@require_GET
@login_required
def unit_cases(request):
    """For OPD operators: that a case exists for an employee of their units, with its status
    and dates only. The case itself stays with the discipline officers.
    """
    if not sees_case_existence(request.user):
        raise PermissionDenied(_("This page is for OPD operators."))
    cases = Paginator(case_existence_visible_to(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "rewards/unit_cases.html", {"cases": cases})
