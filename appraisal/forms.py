"""Portal forms: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from asn_portal.common.uploads import EVIDENCE, upload_check

from .models import CoreValue, PlanResult, Rating

SCORES = [(i, str(i)) for i in range(1, 6)]


class ResultForm(forms.Form):
    description = forms.CharField(label=_("Expected result"), max_length=500)
    indicator = forms.CharField(label=_("Indicator"), max_length=500)
    target = forms.CharField(label=_("Target"), max_length=200)
    parent = forms.ModelChoiceField(
        label=_("Supervisor's result it contributes to"),
        queryset=PlanResult.objects.none(),
        required=False,
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RealisationForm(forms.Form):
    realisation = forms.CharField(label=_("Realisation"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE.accept}),
    )

    def clean_evidence_file(self):
        file = self.cleaned_data.get("evidence_file")
        return upload_check(file, policy=EVIDENCE) if file else None


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class RatingForm(forms.Form):
    rating_results = forms.ChoiceField(label=_("Rating Hasil Kerja"), choices=Rating.choices)
    results_feedback = forms.CharField(
        label=_("Feedback on work results"), widget=forms.Textarea(attrs={"rows": 2})
    )
    rating_behaviour = forms.ChoiceField(label=_("Rating Perilaku Kerja"), choices=Rating.choices)
    behaviour_feedback = forms.CharField(
        label=_("Feedback on behaviour"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class FeedbackForm(forms.Form):
    """A score of 1 (far below) to 5 (far above expectation) on each BerAKHLAK value."""

    comment = forms.CharField(
        label=_("Comment (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in CoreValue.choices:
            self.fields[value] = forms.TypedChoiceField(
                label=label, choices=SCORES, coerce=int, widget=forms.RadioSelect
            )
        self.order_fields([*CoreValue.values, "comment"])

    def scores(self) -> dict[str, int]:
        return {value: self.cleaned_data[value] for value in CoreValue.values}
