"""Forms of the rewards pages; they parse input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AwardType


class NominationForm(forms.Form):
    """A supervisor's or OPD operator's nomination of one employee for an award."""

    award_type = forms.ModelChoiceField(
        label=_("Award"), queryset=AwardType.objects.none(), empty_label=None
    )
    year = forms.IntegerField(label=_("Award year"))
    justification = forms.CharField(
        label=_("Justification"),
        min_length=20,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the employee did that deserves the award (at least 20 characters)."),
    )
    amount = forms.IntegerField(
        label=_("Amount (rupiah)"),
        required=False,
        min_value=1,
        max_value=1_000_000_000,
        help_text=_("Only for a cash incentive."),
    )

    def __init__(self, *args, award_types, current_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = award_types
        self.current_year = current_year
        for name, field in self.fields.items():
            css = "form-select" if name == "award_type" else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not self.current_year - 1 <= year <= self.current_year + 1:
            raise forms.ValidationError(
                _("Choose a year from %(first)d to %(last)d.")
                % {"first": self.current_year - 1, "last": self.current_year + 1}
            )
        return year
