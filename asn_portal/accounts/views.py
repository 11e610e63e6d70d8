"""Sign-in, password change and reset, and the staff's second factor (TOTP)."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token

from . import services
from .forms import AccountPasswordResetForm, NipAuthenticationForm, OTPTokenForm


def landing_url_for(user) -> str:
    """Employees land on their portal, staff without an employee record on the admin."""
    if user.employee_id:
        return reverse("portal:dashboard")
    if user.is_staff:
        return reverse("admin:index")
    return reverse("home")


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return landing_url_for(request.user)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = NipAuthenticationForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_url_for(self.request.user)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_changed(user=form.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(landing_url=landing_url_for(self.request.user), **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = AccountPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_changed(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _staff_only(request):
    if not (request.user.is_staff or request.user.is_superuser):
        raise PermissionDenied(_("Only staff accounts use a second factor."))


@sensitive_post_parameters("token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Enrol an authenticator app: scan the QR code, confirm with a first code, keep the
    recovery codes (shown only here, once)."""
    _staff_only(request)
    user = request.user
    if services.otp_has_device(user=user):
        if user.is_verified():
            return redirect(_next_url(request))
        # Adding a device needs the current one first: a password alone must not be enough.
        return redirect(f"{reverse('accounts:otp_verify')}?{request.GET.urlencode()}")
    device = services.otp_device_for_enrolment(user=user)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.otp_enrolment_confirm(
                user=user, device=device, token=form.cleaned_data["token"]
            )
        except ValidationError as exc:
            form.add_error("token", exc)
        else:
            otp_login(request, device)
            return render(
                request,
                "accounts/otp_recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_svg": mark_safe(qr.svg_inline(scale=5, dark="#212529", omitsize=True)),  # noqa: S308 - segno's SVG
        "secret": _base32(device.bin_key),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "accounts/otp_setup.html", context, status=400 if form.errors else 200)


@sensitive_post_parameters("token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """The second step of a staff sign-in: a code from the app, or one recovery code."""
    _staff_only(request)
    if not services.otp_has_device(user=request.user):
        return redirect(f"{reverse('accounts:otp_setup')}?{request.GET.urlencode()}")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is None:
            form.add_error("token", _("The code is not valid."))
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")}
    return render(request, "accounts/otp_verify.html", context, status=400 if form.errors else 200)


def _base32(key: bytes) -> str:
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
