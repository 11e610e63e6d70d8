"""Forms of the recruitment pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.contrib.auth import password_validation
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from asn_portal.accounts.forms import NipAuthenticationForm
from asn_portal.common.uploads import DATA_IMPORT, upload_check

from .models import (
    Applicant,
    ApplicationDocument,
    Formasi,
    PassingGrade,
    Publication,
    Requirement,
    Selection,
    Stage,
)
from .models import VerificationDecision as Decision
from .services.selections import GRADE_FIELDS, RULE_FIELDS

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
    """Every rule of a selection as a named field, prefilled; what the officer changes is
    applied with the reason (logged publicly once the rules are published).

    Dates take the admin's date format (the active language's input formats).
    """

    def __init__(self, *args, selection, **kwargs):
        super().__init__(*args, **kwargs)
        self.selection = selection
        self._keys: dict[str, str] = {}
        for name in RULE_FIELDS:
            model_field = Selection._meta.get_field(name)
            if isinstance(model_field, models.DateField):
                field = forms.DateField(label=model_field.verbose_name, widget=AdminDateWidget)
            else:
                field = forms.IntegerField(label=model_field.verbose_name, min_value=0)
            self._add(name, name, field, getattr(selection, name))
        stages = {s.stage: s for s in selection.stages.all()}
        for stage, label in Stage.choices:
            current = stages.get(stage)
            for attr, attr_label in (("starts_on", _("starts on")), ("ends_on", _("ends on"))):
                self._add(
                    f"timeline__{stage}__{attr}",
                    f"timeline:{stage}:{attr}",
                    forms.DateField(
                        label=format_lazy("{}: {}", label, attr_label),
                        required=False,
                        widget=AdminDateWidget,
                    ),
                    getattr(current, attr) if current else None,
                )
        for grade in selection.passing_grades.all():
            for attr in GRADE_FIELDS:
                verbose = PassingGrade._meta.get_field(attr).verbose_name
                self._add(
                    f"grade__{grade.category}__{attr}",
                    f"grade:{grade.category}:{attr}",
                    forms.IntegerField(
                        label=format_lazy("{}: {}", grade.get_category_display(), verbose),
                        required=False,
                        min_value=0,
                    ),
                    getattr(grade, attr),
                )
        self.fields["reason"] = forms.CharField(
            label=_("Reason (shown publicly with the change)"),
            required=selection.rules_published_at is not None,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def _add(self, name: str, key: str, field: forms.Field, value) -> None:
        field.initial = value
        self.fields[name] = field
        self._keys[name] = key

    def changes(self) -> dict:
        """The changed rules, keyed as `selection_change_rules` takes them."""
        result = {}
        for name, key in self._keys.items():
            value = self.cleaned_data.get(name)
            if value == self.fields[name].initial:
                continue
            if key.startswith("timeline:") and value is None:
                continue  # an empty date of a stage: nothing to change
            result[key] = value
        return result
