"""Forms of the training pages: parse and check input, then a view calls one service."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from asn_portal.common.uploads import EVIDENCE, upload_check

from .models import Delivery, ExternalTraining, ProgramKind


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *ProgramKind.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    delivery = forms.ChoiceField(
        label=_("Delivery"),
        required=False,
        choices=[("", _("Any delivery")), *Delivery.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    area = forms.CharField(label=_("Competency area"), required=False, max_length=120)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExternalTrainingForm(forms.ModelForm):
    # A form field, not the model's: the service stores the checked (re-encoded) content.
    evidence = forms.FileField(
        label=capfirst(ExternalTraining._meta.get_field("evidence").verbose_name),
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE.accept}),
    )

    class Meta:
        model = ExternalTraining
        fields = ["title", "kind", "provider", "start_date", "end_date", "jp"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def clean_evidence(self):
        return upload_check(self.cleaned_data["evidence"], policy=EVIDENCE)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return data
