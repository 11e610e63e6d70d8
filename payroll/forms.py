"""Forms of payroll: the attendance import."""

from __future__ import annotations

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from asn_portal.common.calendar import today
from asn_portal.common.uploads import DATA_IMPORT, upload_check


class AttendanceImportForm(forms.Form):
    year = forms.IntegerField(
        label=_("year"), min_value=2000, max_value=2100, initial=lambda: today().year
    )
    month = forms.IntegerField(label=_("month"), min_value=1, max_value=12)
    file = forms.FileField(
        label=_("file (CSV or XLSX)"),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
        help_text=_(
            "Columns: NIP, DATE (dd-mm-yyyy), MINUTES LATE, MINUTES EARLY, ABSENCE (empty, "
            "'with reason', 'without reason' or 'no record'), MISSED ASSEMBLY (yes/no)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload_check(upload, policy=DATA_IMPORT)
        return upload
