"""Published, frozen results of a stage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .selections import Selection


class Publication(models.Model):
    """A frozen, fingerprinted snapshot of one stage's results of a selection.

    `payload` is the canonical JSON of the snapshot and `fingerprint` its SHA-256; anyone can
    download the payload and check the hash. Rows cannot be updated or deleted (database
    triggers); a correction is a new version with a reason.
    """

    class Kind(models.TextChoices):
        ADMINISTRATIVE = "administrative", _("Administrative verification")
        SKD = "skd", _("SKD")
        FINAL = "final", _("Final result")

    selection = models.ForeignKey(
        Selection,
        verbose_name=_("selection"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    kind = models.CharField(_("stage"), max_length=15, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    reason = models.TextField(_("reason for the correction"), blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    row_count = models.PositiveIntegerField(_("rows"))
    payload = models.TextField(_("snapshot (canonical JSON)"))
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["selection", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "kind", "version"], name="publication_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(reason=""), name="publication_correction_has_reason"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="publication_version_1_up"),
        ]

    def __str__(self):
        return f"{self.selection} · {self.get_kind_display()} v{self.version}"


class PublicationEntry(models.Model):
    """One row of a publication, for display and search; frozen like its publication."""

    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    formasi_code = models.CharField(_("formasi"), max_length=30)
    registration_number = models.CharField(_("registration number"), max_length=30)
    masked_name = models.CharField(_("name (masked)"), max_length=150)
    twk = models.PositiveSmallIntegerField(_("TWK"), null=True)
    tiu = models.PositiveSmallIntegerField(_("TIU"), null=True)
    tkp = models.PositiveSmallIntegerField(_("TKP"), null=True)
    skd_total = models.PositiveSmallIntegerField(_("SKD total"), null=True)
    skb_score = models.DecimalField(_("SKB score"), max_digits=6, decimal_places=3, null=True)
    final_score = models.DecimalField(_("final score"), max_digits=6, decimal_places=3, null=True)
    rank = models.PositiveIntegerField(_("rank"), null=True)
    status = models.CharField(_("status"), max_length=40)

    class Meta:
        verbose_name = _("publication row")
        verbose_name_plural = _("publication rows")
        ordering = ["publication", "formasi_code", "rank", "registration_number"]
        indexes = [
            models.Index(
                fields=["publication", "formasi_code", "rank"], name="pub_entry_formasi_rank"
            ),
            models.Index(fields=["publication", "registration_number"], name="pub_entry_regno"),
        ]

    def __str__(self):
        return f"{self.registration_number} {self.status}"
