"""Recruitment: the CASN selection (seleksi CPNS/PPPK) from formasi to published results.

CASN are candidate civil servants. A *formasi* is an approved vacancy (position, unit, quota).
Applicants are citizens with their own account (username = NIK, the national ID number).
Administrative verification marks each requirement MS (memenuhi syarat, eligible) or TMS
(tidak memenuhi syarat, not eligible); a TMS applicant may file one *sanggah* (objection).
SKD is the basic competency test (TWK, TIU, TKP), SKB the field test. Workflows live in
`services.py`; ranking and reads in `selectors.py`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asn_portal.common.storage import PrivateStorage

# SKD maxima (TWK 30 questions x 5, TIU 35 x 5, TKP 45 x 5).
TWK_MAX = 150
TIU_MAX = 175
TKP_MAX = 225
SKD_MAX = TWK_MAX + TIU_MAX + TKP_MAX  # 550
# PermenPANRB 6/2024: the SKB is built from SKB-CAT (<= 50%), interview (<= 30%), other (<= 20%).
SKB_CAT_WEIGHT_MAX = 50
SKB_INTERVIEW_WEIGHT_MAX = 30
SKB_OTHER_WEIGHT_MAX = 20
# Path segments of /rekrutmen/ pages that a selection's slug may not take.
RESERVED_SLUGS = frozenset(
    {"daftar", "konfirmasi", "masuk", "dasbor", "profil", "lamaran", "dokumen", "staf"}
)


def private_storage() -> PrivateStorage:
    """Uploads are served only by views that check who asks."""
    return PrivateStorage("recruitment")


def _document_path(instance, filename: str) -> str:
    return f"{instance.application.selection_id}/{instance.application_id}/{filename}"


class Kind(models.TextChoices):
    CPNS = "CPNS", _("CPNS")
    PPPK = "PPPK", _("PPPK")


class Category(models.TextChoices):
    """Formasi categories; each has its own SKD passing grade (KepmenPANRB 321/2024)."""

    UMUM = "umum", _("General (umum)")
    CUMLAUDE = "cumlaude", _("Best graduates (cumlaude)")
    DISABILITAS = "disabilitas", _("Persons with disabilities (disabilitas)")
    PUTRA_DAERAH = "putra_daerah", _("Local sons and daughters (putra/putri daerah)")


class Stage(models.TextChoices):
    """The stages of a selection, in order."""

    FORMASI = "formasi", _("Formasi announcement")
    REGISTRATION = "registration", _("Registration")
    ADMINISTRATIVE = "administrative", _("Administrative verification")
    SANGGAH = "sanggah", _("Objections (sanggah)")
    SKD = "skd", _("SKD (basic competency test)")
    SKB = "skb", _("SKB (field test)")
    FINAL = "final", _("Final integration")
    ANNOUNCEMENT = "announcement", _("Announcement")


class Education(models.TextChoices):
    SMA = "SMA", _("Senior high school")
    D3 = "D3", _("Diploma III")
    D4 = "D4", _("Diploma IV")
    S1 = "S1", _("Bachelor (S1)")
    S2 = "S2", _("Master (S2)")
    S3 = "S3", _("Doctorate (S3)")


class Selection(models.Model):
    """A selection, e.g. "Seleksi CPNS 2026": timeline, rules, weights and formasi.

    Once `rules_published_at` is set the rubric, weights and timeline are public and change only
    through `selection_change_rules`, which records the reason (RuleChange).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ANNOUNCED = "announced", _("Announced")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_quota = models.PositiveIntegerField(
        _("approved formasi (seats)"),
        help_text=_("Seats approved by KemenPANRB; the formasi quotas may not exceed it."),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), default=35)
    age_reference_date = models.DateField(
        _("age reference date"), help_text=_("Ages are computed on this date.")
    )
    skd_weight = models.PositiveSmallIntegerField(_("SKD weight (%)"), default=40)
    skb_weight = models.PositiveSmallIntegerField(_("SKB weight (%)"), default=60)
    skb_multiplier = models.PositiveSmallIntegerField(
        _("SKB multiplier"),
        default=3,
        help_text=_("The top N x quota by SKD rank of each formasi go on to the SKB."),
    )
    sanggah_days = models.PositiveSmallIntegerField(
        _("objection window (calendar days)"), default=3
    )
    sanggah_answer_days = models.PositiveSmallIntegerField(
        _("days to answer objections after the window"), default=7
    )
    rules_published_at = models.DateTimeField(_("rules published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("selection")
        verbose_name_plural = _("selections")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(skd_weight__gte=0)
                & Q(skb_weight__gte=0)
                & Q(skd_weight=100 - F("skb_weight")),
                name="selection_weights_sum_100",
            ),
            models.CheckConstraint(
                condition=Q(skb_multiplier__gte=1), name="selection_skb_multiplier_positive"
            ),
            models.CheckConstraint(
                condition=Q(max_age__gte=F("min_age")), name="selection_age_range"
            ),
            models.CheckConstraint(
                condition=Q(sanggah_days__gte=1), name="selection_sanggah_window_positive"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This slug is used by a page; choose another.")})

    @property
    def rules_are_public(self) -> bool:
        return self.rules_published_at is not None


class TimelineStage(models.Model):
    """One stage of a selection's timeline with its dates."""

    selection = models.ForeignKey(
        Selection, verbose_name=_("selection"), on_delete=models.CASCADE, related_name="stages"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("timeline stage")
        verbose_name_plural = _("timeline")
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["selection", "stage"], name="timeline_one_per_stage"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="timeline_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} {self.starts_on:%d-%m-%Y}–{self.ends_on:%d-%m-%Y}"


class PassingGrade(models.Model):
    """The SKD passing grade of one category in one selection; an empty minimum is no rule.

    Defaults (KepmenPANRB 321/2024): umum and putra/putri daerah (Kalimantan) TWK >= 65,
    TIU >= 80, TKP >= 166; cumlaude total >= 311 and TIU >= 85; disabilitas (and putra/putri
    Papua) total >= 286 and TIU >= 60.
    """

    selection = models.ForeignKey(
        Selection,
        verbose_name=_("selection"),
        on_delete=models.CASCADE,
        related_name="passing_grades",
    )
    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    min_twk = models.PositiveSmallIntegerField(_("minimum TWK"), null=True, blank=True)
    min_tiu = models.PositiveSmallIntegerField(_("minimum TIU"), null=True, blank=True)
    min_tkp = models.PositiveSmallIntegerField(_("minimum TKP"), null=True, blank=True)
    min_total = models.PositiveSmallIntegerField(_("minimum SKD total"), null=True, blank=True)

    class Meta:
        verbose_name = _("passing grade")
        verbose_name_plural = _("passing grades")
        ordering = ["selection", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "category"], name="passing_grade_one_per_category"
            ),
            models.CheckConstraint(
                condition=(Q(min_twk__isnull=True) | Q(min_twk__lte=TWK_MAX))
                & (Q(min_tiu__isnull=True) | Q(min_tiu__lte=TIU_MAX))
                & (Q(min_tkp__isnull=True) | Q(min_tkp__lte=TKP_MAX))
                & (Q(min_total__isnull=True) | Q(min_total__lte=SKD_MAX)),
                name="passing_grade_within_maxima",
            ),
        ]

    def __str__(self):
        return f"{self.selection} · {self.get_category_display()}"


class RuleChange(models.Model):
    """A change to published rules (rubric, weights, timeline), with its reason: public log."""

    selection = models.ForeignKey(
        Selection,
        verbose_name=_("selection"),
        on_delete=models.CASCADE,
        related_name="rule_changes",
    )
    field = models.CharField(_("what changed"), max_length=120)
    old_value = models.CharField(_("old value"), max_length=200, blank=True)
    new_value = models.CharField(_("new value"), max_length=200, blank=True)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rule change")
        verbose_name_plural = _("rule changes")
        ordering = ["-changed_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="rule_change_has_reason"),
        ]

    def __str__(self):
        return f"{self.field}: {self.old_value} → {self.new_value}"


class Formasi(models.Model):
    """An approved vacancy: position, unit, requirements, quota, category and placement.

    The SKB part of the final score is built from SKB-CAT, interview and other tests with the
    weights set here (percent of the SKB, summing to 100; PermenPANRB 6/2024 caps them).
    """

    selection = models.ForeignKey(
        Selection, verbose_name=_("selection"), on_delete=models.CASCADE, related_name="formasi"
    )
    code = models.CharField(_("code"), max_length=30)
    position_name = models.CharField(_("position"), max_length=200)
    position = models.ForeignKey(
        "personnel.Position",
        verbose_name=_("position record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        "personnel.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    education_level = models.CharField(
        _("required education level"), max_length=3, choices=Education.choices
    )
    majors = models.TextField(
        _("accepted majors"), blank=True, help_text=_("One per line; empty accepts any major.")
    )
    min_ipk = models.DecimalField(
        _("minimum IPK"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    quota = models.PositiveIntegerField(_("quota"))
    category = models.CharField(
        _("category"), max_length=15, choices=Category.choices, default=Category.UMUM
    )
    placement = models.CharField(_("placement"), max_length=200, blank=True)
    skb_cat_weight = models.PositiveSmallIntegerField(_("SKB-CAT weight (%)"), default=50)
    skb_interview_weight = models.PositiveSmallIntegerField(_("interview weight (%)"), default=30)
    skb_other_weight = models.PositiveSmallIntegerField(_("other tests weight (%)"), default=20)

    class Meta:
        verbose_name = _("formasi")
        verbose_name_plural = _("formasi")
        ordering = ["selection", "code"]
        constraints = [
            models.UniqueConstraint(fields=["selection", "code"], name="formasi_unique_code"),
            models.CheckConstraint(condition=Q(quota__gte=1), name="formasi_quota_positive"),
            models.CheckConstraint(
                condition=Q(skb_cat_weight__lte=SKB_CAT_WEIGHT_MAX)
                & Q(skb_interview_weight__lte=SKB_INTERVIEW_WEIGHT_MAX)
                & Q(skb_other_weight__lte=SKB_OTHER_WEIGHT_MAX),
                name="formasi_skb_weight_caps",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.position_name}"

    @property
    def major_list(self) -> list[str]:
        return [m.strip() for m in self.majors.splitlines() if m.strip()]


class Announcement(models.Model):
    """A public announcement of a selection."""

    selection = models.ForeignKey(
        Selection,
        verbose_name=_("selection"),
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-published_at"]

    def __str__(self):
        return self.title


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
