"""Forms of the recruitment pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from asn_portal.accounts.forms import NipAuthenticationForm
from asn_portal.common.uploads import DATA_IMPORT, upload_check

from .models import Applicant, ApplicationDocument, Formasi, Publication, Requirement
from .models import VerificationDecision as Decision

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterForm(forms.Form):
    nik = forms.RegexField(
        label=_("NIK"),
        regex=r"^\d{16}$",
        error_messages={"invalid": _("NIK must be 16 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Full name (as on the KTP)"), max_length=150)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("M", _("Male")), ("F", _("Female"))])
    birth_date = forms.DateField(label=_("Birth date"), widget=DATE_INPUT)
    email = forms.EmailField(label=_("Email"))
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            try:
                password_validation.validate_password(data["password1"])
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ApplicantAuthenticationForm(NipAuthenticationForm):
    """Applicants sign in with their 16-digit NIK (the username of their account)."""

    username = forms.CharField(
        label=_("NIK"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "inputmode": "numeric"}
        ),
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Applicant
        fields = [
            "name",
            "birth_place",
            "phone",
            "education_level",
            "major",
            "institution",
            "ipk",
            "diploma_average",
        ]


class ApplyForm(forms.Form):
    formasi = forms.ModelChoiceField(label=_("Formasi"), queryset=Formasi.objects.none())

    def __init__(self, *args, selection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formasi"].queryset = Formasi.objects.filter(selection=selection).order_by(
            "code"
        )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=ApplicationDocument.Kind.choices)
    file = forms.FileField(label=_("File"))


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your objection"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class VerificationForm(forms.Form):
    """One MS/TMS choice and reason per requirement."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Requirement.choices:
            self.fields[f"{value}_verdict"] = forms.ChoiceField(
                label=label, choices=Decision.Verdict.choices, widget=forms.RadioSelect
            )
            self.fields[f"{value}_reason"] = forms.CharField(
                label=_("Reason"), required=False, max_length=1000
            )

    def verdicts(self) -> dict[str, tuple[str, str]]:
        return {
            value: (self.cleaned_data[f"{value}_verdict"], self.cleaned_data[f"{value}_reason"])
            for value in Requirement.values
        }


class ScoreImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Scores"), choices=[("skd", _("SKD")), ("skb", _("SKB"))])
    file = forms.FileField(label=_("CSV or XLSX file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload_check(upload, policy=DATA_IMPORT)
        return upload


class PublishForm(forms.Form):
    kind = forms.ChoiceField(label=_("Stage"), choices=Publication.Kind.choices)
    reason = forms.CharField(
        label=_("Reason (required for a correction)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RuleChangeForm(forms.Form):
    """A change to a published rule: which one, the new value and the reason."""

    key = forms.CharField(
        label=_("Rule"),
        help_text=_('e.g. "skd_weight", "grade:umum:min_tkp" or "timeline:skd:starts_on"'),
    )
    value = forms.CharField(label=_("New value"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
