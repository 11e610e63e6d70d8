"""The appraisal vocabulary other apps share (payroll, rewards): importable without the models.

Appraisal owns the predikat; payroll imports this enum instead of keeping its own copy.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Predikat(models.TextChoices):
    """The predikat kinerja (performance verdict) of an employee for a period or a year."""

    SANGAT_BAIK = "sangat_baik", _("Sangat Baik (very good)")
    BAIK = "baik", _("Baik (good)")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan (needs improvement)")
    KURANG = "kurang", _("Kurang/Misconduct (poor)")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang (very poor)")
