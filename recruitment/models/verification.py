"""Administrative verification (MS/TMS per requirement), conflicts of interest, sanggah."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from asn_portal.common.workflow import Move, Workflow

from .applications import Applicant, Application


class Requirement(models.TextChoices):
    """What the verifier checks, one MS/TMS decision each."""

    IDENTITY = "identity", _("Identity (KTP matches NIK)")
    EDUCATION = "education", _("Education level and major")
    GRADE = "grade", _("IPK / diploma average")
    AGE = "age", _("Age limit")
    DOCUMENTS = "documents", _("Documents complete and legible")


class VerificationDecision(models.Model):
    """A verifier's MS/TMS decision on one requirement of one application: who, when, why."""

    class Verdict(models.TextChoices):
        MS = "ms", _("Eligible (MS)")
        TMS = "tms", _("Not eligible (TMS)")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    requirement = models.CharField(_("requirement"), max_length=12, choices=Requirement.choices)
    verdict = models.CharField(_("verdict"), max_length=3, choices=Verdict.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("verification decision")
        verbose_name_plural = _("verification decisions")
        ordering = ["application", "decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict="ms") | ~Q(reason=""), name="decision_tms_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.requirement}: {self.verdict}"


class ConflictOfInterest(models.Model):
    """A verifier's declared conflict (e.g. a relative): never assigned that applicant."""

    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verifier"),
        on_delete=models.CASCADE,
        related_name="recruitment_conflicts",
    )
    applicant = models.ForeignKey(
        Applicant,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    reason = models.CharField(_("reason"), max_length=200)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["verifier", "applicant"], name="conflict_unique_pair"),
        ]

    def __str__(self):
        return f"{self.verifier} ≠ {self.applicant}"


class Objection(models.Model):
    """A sanggah: one objection per application against a TMS result, answered by staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    workflow = Workflow(
        Move(
            Status.PENDING,
            Status.ACCEPTED,
            _("Accept"),
            permission="recruitment.change_objection",
        ),
        Move(
            Status.PENDING,
            Status.REJECTED,
            _("Reject"),
            permission="recruitment.change_objection",
        ),
    )

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="objection",
    )
    text = models.TextField(_("objection"))
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    answer_due = models.DateField(_("answer due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection (sanggah)")
        verbose_name_plural = _("objections (sanggah)")
        ordering = ["filed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending") | ~Q(answer=""), name="objection_answer_required"
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.get_status_display()}"
