from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, _unicode_ci_compare
from django.utils.translation import gettext_lazy as _

UserModel = get_user_model()


class NipAuthenticationForm(AuthenticationForm):
    """Employees type their 18-digit NIP; staff type their username."""

    username = forms.CharField(
        label=_("NIP or username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().replace(" ", "")


class AccountPasswordResetForm(PasswordResetForm):
    """Email reset links; the page never says whether the address belongs to an account.

    Employees imported without a password may set their first one this way too.
    """

    def get_users(self, email):
        email_field = UserModel.get_email_field_name()
        users = UserModel._default_manager.filter(
            **{f"{email_field}__iexact": email, "is_active": True}
        )
        return (
            user
            for user in users
            if (user.has_usable_password() or user.employee_id)
            and _unicode_ci_compare(email, getattr(user, email_field))
        )


class OTPTokenForm(forms.Form):
    """A six-digit code from the authenticator app, or one recovery code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip().replace(" ", "")
