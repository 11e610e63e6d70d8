"""Who may open the recruitment pages: applicants their own, officers the staff pages."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .. import selectors


def _errors(request, exc) -> None:
    for message in exc.messages:
        messages.error(request, message)


def applicant_required(view):
    """Signed in with an applicant account; the applicant is passed to the view."""

    @login_required(login_url="recruitment:login")
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        applicant = selectors.applicant_of(request.user)
        if applicant is None:
            raise PermissionDenied(_("This page is for applicants."))
        return view(request, applicant, *args, **kwargs)

    return wrapper


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.is_recruitment_staff(request.user):
            raise PermissionDenied(_("This page is for recruitment officers."))
        return view(request, *args, **kwargs)

    return wrapper
