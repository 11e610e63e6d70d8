"""Portal pages belong to the signed-in employee only."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def employee_required(view):
    """Signed in and linked to an employee record; the employee is passed to the view."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        employee = request.user.employee
        if employee is None:
            raise PermissionDenied(_("This page is for employees with a portal account."))
        return view(request, employee, *args, **kwargs)

    return wrapper
