from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class NipAuthenticationForm(AuthenticationForm):
    """Employees type their 18-digit NIP; staff type their username."""

    username = forms.CharField(
        label=_("NIP or username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().replace(" ", "")
