"""Sign-in steps that come after the password: a staff member's TOTP code, a forced new password."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import services

# Views a user half-way through signing in may still open.
_OPEN_VIEWS = {
    "accounts:login",
    "accounts:logout",
    "accounts:otp_setup",
    "accounts:otp_verify",
    "accounts:password_change",
    "accounts:password_change_done",
    "admin:login",
    "admin:logout",
    "set_language",
    "healthz",
}


def otp_pending(user) -> bool:
    """A staff member (or superuser) who has not confirmed this session with a code yet."""
    return (
        settings.OTP_REQUIRED
        and user.is_authenticated
        and (user.is_staff or user.is_superuser)
        and not user.is_verified()
    )


class AccountGuardMiddleware:
    """Staff without a verified code go to enrolment or verification; forced password changes next.

    Runs after django-otp's OTPMiddleware (which sets `user.is_verified()`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in _OPEN_VIEWS:
            return None
        query = urlencode({"next": request.get_full_path()})
        if otp_pending(user):
            enrolled = services.otp_has_device(user=user)
            step = "accounts:otp_verify" if enrolled else "accounts:otp_setup"
            return redirect(f"{reverse(step)}?{query}")
        if user.must_change_password:
            return redirect(f"{reverse('accounts:password_change')}?{query}")
        return None
