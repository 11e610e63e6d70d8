"""Applicants, their one application per selection and its documents."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asn_portal.common.storage import PrivateStorage
from asn_portal.common.workflow import Move, Workflow

from .selections import TIU_MAX, TKP_MAX, TWK_MAX, Education, Formasi, Selection


def private_storage() -> PrivateStorage:
    """Uploads are served only by views that check who asks."""
    return PrivateStorage("recruitment")


def _document_path(instance, filename: str) -> str:
    return f"{instance.application.selection_id}/{instance.application_id}/{filename}"


def _by_applicant(application, user):
    if application.applicant.user_id != user.pk:
        return _("Only the applicant can do this.")
    return None


def _by_verifier(application, user):
    if application.verifier_id != user.pk:
        return _("This application is not assigned to you.")
    return None


class Applicant(models.Model):
    """A citizen applying: their account (username = NIK) and profile.

    IPK is the grade point average (0–4); high-school applicants give the diploma average
    (0–100) instead. Both break ties in the ranking.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="applicant",
    )
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        unique=True,
        validators=[RegexValidator(r"^\d{16}$", _("NIK must be 16 digits."))],
    )
    name = models.CharField(_("full name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=1, choices=[("M", _("Male")), ("F", _("Female"))])
    birth_date = models.DateField(_("birth date"))
    birth_place = models.CharField(_("birth place"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    education_level = models.CharField(
        _("education level"), max_length=3, choices=Education.choices, blank=True
    )
    major = models.CharField(_("major"), max_length=150, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    ipk = models.DecimalField(
        _("IPK"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("4"))],
    )
    diploma_average = models.DecimalField(
        _("diploma average"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ipk__isnull=True) | Q(ipk__gte=0, ipk__lte=4), name="applicant_ipk_0_4"
            ),
            models.CheckConstraint(
                condition=Q(diploma_average__isnull=True)
                | Q(diploma_average__gte=0, diploma_average__lte=100),
                name="applicant_diploma_average_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.nik})"

    @property
    def profile_complete(self) -> bool:
        has_grade = self.ipk is not None or self.diploma_average is not None
        return bool(self.education_level and self.major and has_grade)


class Application(models.Model):
    """One applicant's application to one formasi of a selection, with scores and ranks.

    One per applicant per selection (database constraint). Name, birth date and grade are copied
    from the profile when the application is submitted, so later edits do not change ranks.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ELIGIBLE = "ms", _("Eligible (MS)")
        INELIGIBLE = "tms", _("Not eligible (TMS)")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    workflow = Workflow(
        Move(Status.DRAFT, Status.SUBMITTED, _("Send the application"), condition=_by_applicant),
        Move(
            (Status.DRAFT, Status.SUBMITTED),
            Status.WITHDRAWN,
            _("Withdraw the application"),
            condition=_by_applicant,
        ),
        Move(Status.SUBMITTED, Status.ELIGIBLE, _("Eligible (MS)"), condition=_by_verifier),
        Move(Status.SUBMITTED, Status.INELIGIBLE, _("Not eligible (TMS)"), condition=_by_verifier),
        # An accepted objection (sanggah) makes a TMS applicant MS.
        Move(
            Status.INELIGIBLE,
            Status.ELIGIBLE,
            _("Accept the objection"),
            permission="recruitment.change_objection",
        ),
    )

    class Result(models.TextChoices):
        PENDING = "pending", _("Pending")
        PASSED = "lulus", _("Passed (lulus)")
        NOT_PASSED = "tidak_lulus", _("Not passed")

    selection = models.ForeignKey(
        Selection,
        verbose_name=_("selection"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    formasi = models.ForeignKey(
        Formasi, verbose_name=_("formasi"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        Applicant,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    registration_number = models.CharField(_("registration number"), max_length=30, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    name = models.CharField(_("name as submitted"), max_length=150, blank=True)
    birth_date = models.DateField(_("birth date as submitted"), null=True, blank=True)
    grade = models.DecimalField(
        _("IPK / diploma average as submitted (0–4 scale)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verifier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    twk = models.PositiveSmallIntegerField(_("TWK"), null=True, blank=True)
    tiu = models.PositiveSmallIntegerField(_("TIU"), null=True, blank=True)
    tkp = models.PositiveSmallIntegerField(_("TKP"), null=True, blank=True)
    skd_total = models.PositiveSmallIntegerField(_("SKD total"), null=True, blank=True)
    skd_passed = models.BooleanField(_("passed SKD"), null=True, blank=True)
    skd_rank = models.PositiveIntegerField(_("SKD rank in formasi"), null=True, blank=True)
    to_skb = models.BooleanField(_("goes on to SKB"), default=False)
    skb_cat = models.DecimalField(
        _("SKB-CAT (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    skb_interview = models.DecimalField(
        _("interview (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    skb_other = models.DecimalField(
        _("other tests (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    skb_score = models.DecimalField(
        _("SKB score"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    final_score = models.DecimalField(
        _("final score"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    final_rank = models.PositiveIntegerField(_("final rank in formasi"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=12, choices=Result.choices, default=Result.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["selection", "registration_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "selection"], name="application_one_per_applicant"
            ),
            models.CheckConstraint(
                condition=(Q(twk__isnull=True) | Q(twk__lte=TWK_MAX))
                & (Q(tiu__isnull=True) | Q(tiu__lte=TIU_MAX))
                & (Q(tkp__isnull=True) | Q(tkp__lte=TKP_MAX)),
                name="application_skd_within_maxima",
            ),
            models.CheckConstraint(
                condition=(Q(skb_cat__isnull=True) | Q(skb_cat__gte=0, skb_cat__lte=100))
                & (Q(skb_interview__isnull=True) | Q(skb_interview__gte=0, skb_interview__lte=100))
                & (Q(skb_other__isnull=True) | Q(skb_other__gte=0, skb_other__lte=100)),
                name="application_skb_within_0_100",
            ),
        ]
        indexes = [models.Index(fields=["formasi", "status"], name="application_formasi_status")]

    def __str__(self):
        return self.registration_number


class ApplicationDocument(models.Model):
    """A required document uploaded by the applicant, stored privately."""

    class Kind(models.TextChoices):
        KTP = "ktp", _("Identity card (KTP)")
        DIPLOMA = "diploma", _("Diploma")
        TRANSCRIPT = "transcript", _("Transcript")
        PHOTO = "photo", _("Photo")
        LETTER = "letter", _("Application letter")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=_document_path, storage=private_storage)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["application", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="document_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.application} · {self.get_kind_display()}"

    def get_download_url(self) -> str:
        return reverse("recruitment:document", args=[self.pk]) if self.pk else ""
