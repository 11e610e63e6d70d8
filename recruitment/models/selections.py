"""The selection and its published rules: timeline, passing grades, rule changes, formasi."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from asn_portal.common.workflow import Move, Workflow

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

    workflow = Workflow(
        Move(
            Status.DRAFT,
            Status.ANNOUNCED,
            _("Publish the rules"),
            permission="recruitment.change_selection",
        ),
        Move(
            Status.ANNOUNCED,
            Status.CLOSED,
            _("Close the selection"),
            permission="recruitment.change_selection",
        ),
    )

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
