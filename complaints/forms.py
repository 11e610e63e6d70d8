"""Forms of the public complaint pages and of the agency's handling page; they only parse."""

from __future__ import annotations

import time
import uuid

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from asn_portal.common import calendar
from asn_portal.common.uploads import COMPLAINT_ATTACHMENT, upload_check
from asn_portal.personnel.models import Employee, OrgUnit

from . import conf, selectors
from .models import Category, Classification, Privacy

SIGNING_SALT = "complaints.form-issued"
phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{8,20}$", _("Enter a phone number of 8 to 15 digits.")
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked and cleaned by its content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": COMPLAINT_ATTACHMENT.accept})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f] if isinstance(data, list | tuple) else []
        if data and not isinstance(data, list | tuple):
            files = [data]
        limit = conf.get("MAX_ATTACHMENTS")
        if len(files) > limit:
            raise ValidationError(_("Attach at most %(n)s files.") % {"n": limit})
        return [upload_check(f, policy=COMPLAINT_ATTACHMENT) for f in files]


def issue_stamp() -> str:
    return signing.dumps(time.time(), salt=SIGNING_SALT)


class ComplaintForm(forms.Form):
    """The public form. `website` is a honeypot people never see; `issued` times the filling."""

    classification = forms.ChoiceField(
        label=_("Kind of report"),
        choices=Classification.choices,
        widget=forms.RadioSelect,
        initial=Classification.COMPLAINT,
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    reported_unit = forms.ModelChoiceField(
        label=_("OPD concerned"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("I don't know"),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    incident_date = forms.DateField(
        label=_("Date of the incident"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    incident_place = forms.CharField(label=_("Place"), max_length=200, required=False)
    asn_named = forms.CharField(
        label=_("ASN concerned (name or NIP, if you know it)"), max_length=200, required=False
    )
    attachments = MultipleFileField(
        label=_("Attachments (up to 3 images or PDF files, 5 MB each)"), required=False
    )
    privacy = forms.ChoiceField(
        label=_("Your identity"),
        choices=Privacy.choices,
        widget=forms.RadioSelect,
        initial=Privacy.CONFIDENTIAL,
        help_text=_(
            "Confidential: only the intake officers see who you are. Anonymous: we keep no "
            "name, email or phone (and cannot email you)."
        ),
    )
    reporter_name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    reporter_email = forms.EmailField(label=_("Email"), required=False)
    reporter_phone = forms.CharField(
        label=_("Phone"), max_length=20, required=False, validators=[phone_validator]
    )
    contact_shared_with_opd = forms.BooleanField(
        label=_("The OPD concerned may see my name, email and phone"),
        required=False,
        initial=False,
        help_text=_(
            "For a report about an ASN's conduct or whistle-blowing, your contact stays with "
            "BKD's intake officers and is not passed to the OPD you report on, unless you tick "
            "this box (public reports only)."
        ),
    )
    consent = forms.BooleanField(
        label=_("I agree that the agency processes this report to handle it."), required=True
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    issued = forms.CharField(widget=forms.HiddenInput)
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = selectors.active_categories()
        self.fields["reported_unit"].queryset = OrgUnit.objects.filter(
            depth=1, is_active=True
        ).order_by("name")
        if not self.is_bound:
            self.initial.setdefault("issued", issue_stamp())
            self.initial.setdefault("submission_token", uuid.uuid4())

    def clean_incident_date(self):
        day = self.cleaned_data.get("incident_date")
        if day and day > calendar.today():
            raise ValidationError(_("The incident cannot be in the future."))
        return day

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(_("Your report could not be accepted. Please try again."))
        try:
            issued = signing.loads(self.data.get("issued", ""), salt=SIGNING_SALT, max_age=86400)
        except signing.BadSignature:
            raise ValidationError(
                _("The form has expired. Please reload the page and send it again.")
            ) from None
        if time.time() - float(issued) < conf.get("MIN_FILL_SECONDS"):
            raise ValidationError(_("Please take a moment to check your report before sending it."))
        if data.get("privacy") != Privacy.ANONYMOUS:
            if not data.get("reporter_name"):
                self.add_error("reporter_name", _("Give your name, or choose to stay anonymous."))
            if not (data.get("reporter_email") or data.get("reporter_phone")):
                self.add_error(
                    "reporter_email", _("Give an email or a phone number, or stay anonymous.")
                )
        return data


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=30)
    pin = forms.CharField(
        label=_("PIN"), max_length=12, widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )


class InformationForm(forms.Form):
    message = forms.CharField(
        label=_("Your information or answer"), widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How well was your report resolved?"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )


class AcceptForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating (optional)"),
        choices=[("", "—"), *[(i, str(i)) for i in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the matter not resolved?"), widget=forms.Textarea(attrs={"rows": 3})
    )


# --- The agency's handling page -----------------------------------------------------------------


class VerifyForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), required=False
    )
    note = forms.CharField(label=_("Note to the reporter"), required=False)


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Question to the reporter"), widget=forms.Textarea)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)


class DisposeForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Responsible OPD"), queryset=OrgUnit.objects.filter(is_active=True)
    )
    note = forms.CharField(label=_("Internal note"), required=False)


class RespondForm(forms.Form):
    message = forms.CharField(label=_("Response to the reporter"), widget=forms.Textarea)


class NoteForm(forms.Form):
    message = forms.CharField(label=_("Internal note"), widget=forms.Textarea)


class MergeForm(forms.Form):
    into = forms.CharField(label=_("Tracking code of the report it repeats"), max_length=30)


class CaseForm(forms.Form):
    nip = forms.CharField(label=_("NIP of the ASN concerned"), max_length=18)
    legal_article = forms.CharField(
        label=_("Provision allegedly violated"), max_length=200, initial="PP 94/2021"
    )

    def clean_nip(self):
        nip = self.cleaned_data["nip"].strip()
        employee = Employee.objects.filter(nip=nip).first()
        if employee is None:
            raise ValidationError(_("No employee has this NIP."))
        return employee
