"""Performance appraisal (PermenPANRB 6/2022): cycles and periods, SKP, evaluations, 360° feedback.

SKP (Sasaran Kinerja Pegawai) is the employee's performance plan: expected results with
indicators and targets, each cascaded from one of the supervisor's results. Each period the
direct supervisor gives a Rating Hasil Kerja (work results) and a Rating Perilaku Kerja (work
behaviour against the seven BerAKHLAK core values); the predikat (verdict) follows from the
matrix in `PREDIKAT_MATRIX`. Workflows live in `services.py`, reads in `selectors.py`.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asn_portal.common.storage import PrivateStorage
from asn_portal.common.workflow import Move, Workflow
from asn_portal.personnel.models import Employee, OrgUnit

from .vocabulary import Predikat  # noqa: F401  re-exported: appraisal owns the vocabulary


def private_storage() -> PrivateStorage:
    """Evidence files are personal documents, served only by a view that checks who asks."""
    return PrivateStorage("appraisal")


def evidence_path(instance, filename: str) -> str:
    """appraisal/evidence/<evaluation id>/<random><ext>: the uploader's file name is not kept."""
    suffix = PurePath(filename).suffix.lower()
    return f"evidence/{instance.evaluation_id}/{uuid.uuid4().hex}{suffix}"


class Rating(models.TextChoices):
    """A rating of work results or behaviour, decided by the direct supervisor."""

    ABOVE = "above", _("Above expectation (Di Atas Ekspektasi)")
    MEETS = "meets", _("Meets expectation (Sesuai Ekspektasi)")
    BELOW = "below", _("Below expectation (Di Bawah Ekspektasi)")


class UnitPredikat(models.TextChoices):
    """The predikat kinerja organisasi: the verdict on a unit's own performance."""

    ISTIMEWA = "istimewa", _("Istimewa (outstanding)")
    BAIK = "baik", _("Baik (good)")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan (needs improvement)")
    KURANG = "kurang", _("Kurang (poor)")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang (very poor)")


# (Rating Hasil Kerja, Rating Perilaku Kerja) -> predikat, PermenPANRB 6/2022 annex.
PREDIKAT_MATRIX: dict[tuple[str, str], str] = {
    (Rating.ABOVE, Rating.ABOVE): Predikat.SANGAT_BAIK,
    (Rating.ABOVE, Rating.MEETS): Predikat.BAIK,
    (Rating.ABOVE, Rating.BELOW): Predikat.KURANG,
    (Rating.MEETS, Rating.ABOVE): Predikat.BAIK,
    (Rating.MEETS, Rating.MEETS): Predikat.BAIK,
    (Rating.MEETS, Rating.BELOW): Predikat.KURANG,
    (Rating.BELOW, Rating.ABOVE): Predikat.BUTUH_PERBAIKAN,
    (Rating.BELOW, Rating.MEETS): Predikat.BUTUH_PERBAIKAN,
    (Rating.BELOW, Rating.BELOW): Predikat.SANGAT_KURANG,
}

# A unit head's Rating Hasil Kerja follows the unit's predikat (PermenPANRB 6/2022 art. 42).
UNIT_RESULT_RATING: dict[str, str] = {
    UnitPredikat.ISTIMEWA: Rating.ABOVE,
    UnitPredikat.BAIK: Rating.MEETS,
    UnitPredikat.BUTUH_PERBAIKAN: Rating.BELOW,
    UnitPredikat.KURANG: Rating.BELOW,
    UnitPredikat.SANGAT_KURANG: Rating.BELOW,
}


class CoreValue(models.TextChoices):
    """The seven BerAKHLAK core values of the ASN, against which behaviour is rated."""

    SERVICE = "service", _("Service-oriented (Berorientasi Pelayanan)")
    ACCOUNTABLE = "accountable", _("Accountable (Akuntabel)")
    COMPETENT = "competent", _("Competent (Kompeten)")
    HARMONIOUS = "harmonious", _("Harmonious (Harmonis)")
    LOYAL = "loyal", _("Loyal (Loyal)")
    ADAPTIVE = "adaptive", _("Adaptive (Adaptif)")
    COLLABORATIVE = "collaborative", _("Collaborative (Kolaboratif)")


SCORE_FIELDS = tuple(f"score_{value}" for value in CoreValue.values)


APPRAISAL_OFFICER = "appraisal.change_cycle"  # BKD's right to open and close cycles and periods


def _employee_id(user) -> int | None:
    return getattr(user, "employee_id", None) if user and user.is_authenticated else None


def _by_owner(obj, user):
    """Only the appraised employee makes this move."""
    if _employee_id(user) is None or _employee_id(user) != obj.employee_id:
        return _("Only the employee may do this.")
    return None


def _by_supervisor(obj, user):
    """Only the direct supervisor recorded on the object makes this move."""
    if obj.supervisor_id is None or _employee_id(user) != obj.supervisor_id:
        return _("Only the direct supervisor may do this.")
    return None


class Cycle(models.Model):
    """The appraisal year: its periods (monthly or quarterly), units, deadlines and reminders."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    frequency = models.CharField(_("periodic evaluation"), max_length=10, choices=Frequency.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default="draft")
    workflow = Workflow(
        Move(Status.DRAFT, Status.OPEN, _("Open"), permission=APPRAISAL_OFFICER),
        Move(Status.OPEN, Status.CLOSED, _("Close"), permission=APPRAISAL_OFFICER),
    )
    units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("units"),
        blank=True,
        related_name="+",
        help_text=_("The units (with their sub-units) taking part; empty for every unit."),
    )
    plan_due = models.DateField(_("SKP plan due"))
    self_assessment_days = models.PositiveSmallIntegerField(
        _("self-assessment due (working days after the period)"), default=3
    )
    feedback_days = models.PositiveSmallIntegerField(
        _("360° feedback due (working days after the period)"), default=5
    )
    rating_days = models.PositiveSmallIntegerField(
        _("supervisor rating due (working days after the period)"), default=8
    )
    reminder_days = models.CharField(
        _("reminder days before a deadline"),
        max_length=40,
        default="7,3,1",
        help_text=_("Comma-separated numbers of days, e.g. 7,3,1."),
    )
    escalation_days = models.PositiveSmallIntegerField(
        _("escalate to the OPD operator after (overdue working days)"), default=3
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("opening notice sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appraisal cycle")
        verbose_name_plural = _("appraisal cycles")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="appraisal_cycle_year"
            ),
            models.CheckConstraint(
                condition=Q(reminder_days__regex=r"^\d{1,3}(,\d{1,3})*$"),
                name="appraisal_cycle_reminder_days",
            ),
        ]

    def __str__(self):
        return str(_("Appraisal %(year)s") % {"year": self.year})

    @property
    def reminder_offsets(self) -> list[int]:
        return sorted({int(x) for x in self.reminder_days.split(",") if x.strip()}, reverse=True)


class Period(models.Model):
    """One evaluation period of a cycle: a month or quarter (periodic), or the year (annual)."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Periodic")
        ANNUAL = "annual", _("Annual")

    class Status(models.TextChoices):
        PENDING = "pending", _("Not open yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Month (1–12) or quarter (1–4); 0 for the annual evaluation.")
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    workflow = Workflow(
        Move(Status.PENDING, Status.OPEN, _("Open"), system_only=True),
        Move(Status.OPEN, Status.CLOSED, _("Close"), permission=APPRAISAL_OFFICER),
        Move(Status.PENDING, Status.CLOSED, _("Close"), system_only=True),
    )
    self_assessment_due = models.DateField(_("self-assessment due"))
    feedback_due = models.DateField(_("360° feedback due"))
    rating_due = models.DateField(_("supervisor rating due"))
    notified_at = models.DateTimeField(_("opening notice sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appraisal period")
        verbose_name_plural = _("appraisal periods")
        ordering = ["cycle", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "kind", "number"], name="appraisal_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="appraisal_period_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind="annual", number=0)
                | Q(kind="periodic", number__gte=1, number__lte=12),
                name="appraisal_period_number",
            ),
            models.CheckConstraint(
                condition=Q(self_assessment_due__gte=F("start"))
                & Q(feedback_due__gte=F("start"))
                & Q(rating_due__gte=F("start")),
                name="appraisal_period_deadlines_after_start",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.ANNUAL:
            return str(_("Annual %(year)s") % {"year": self.start.year})
        return f"{self.start:%m/%Y}" + (
            f"–{self.end:%m/%Y}" if self.end.month != self.start.month else ""
        )

    @property
    def is_open(self) -> bool:
        """Whether work is recorded in the period now (realisations, notes, 360° answers)."""
        return self.status == self.Status.OPEN


class Plan(models.Model):
    """An employee's SKP (performance plan) for a cycle, approved by the direct supervisor."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="plans"
    )
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="skp_plans"
    )
    supervisor = models.ForeignKey(
        Employee,
        verbose_name=_("direct supervisor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")
    workflow = Workflow(
        Move((Status.DRAFT, Status.RETURNED), Status.SUBMITTED, _("Submit"), condition=_by_owner),
        Move(Status.SUBMITTED, Status.APPROVED, _("Approve"), condition=_by_supervisor),
        Move(Status.SUBMITTED, Status.RETURNED, _("Return for changes"), condition=_by_supervisor),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    comment = models.TextField(_("supervisor's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SKP (performance plan)")
        verbose_name_plural = _("SKP (performance plans)")
        ordering = ["cycle", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "employee"], name="appraisal_plan_unique"),
            models.CheckConstraint(
                condition=~Q(supervisor=F("employee")), name="appraisal_plan_not_own_supervisor"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(decided_at__isnull=False),
                name="appraisal_plan_approved_has_date",
            ),
        ]

    def __str__(self):
        return f"SKP {self.cycle.year} — {self.employee.full_name}"


class PlanResult(models.Model):
    """An expected result (rencana hasil kerja) of an SKP, with its indicator and target.

    `parent` is the supervisor's result it contributes to (cascading, "intervensi").
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="results"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("supervisor's result"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    description = models.CharField(_("expected result"), max_length=500)
    indicator = models.CharField(_("indicator"), max_length=500)
    target = models.CharField(_("target"), max_length=200)

    class Meta:
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="appraisal_result_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.description


class PlanVersion(models.Model):
    """A submitted version of an SKP, frozen with its results, and the supervisor's decision."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    results = models.JSONField(_("results as submitted"), default=list)
    submitted_at = models.DateTimeField(_("submitted at"))
    decision = models.CharField(
        _("decision"), max_length=10, choices=Plan.Status.choices, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("SKP version")
        verbose_name_plural = _("SKP versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="appraisal_version_unique"),
        ]

    def __str__(self):
        return f"{self.plan} v{self.number}"


class Evaluation(models.Model):
    """An employee's evaluation for one period: realisations, the two ratings and the predikat."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SUBMITTED = "submitted", _("Self-assessment submitted")
        RATED = "rated", _("Rated")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")

    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="evaluations"
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="skp_evaluations",
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="evaluations"
    )
    supervisor = models.ForeignKey(
        Employee,
        verbose_name=_("direct supervisor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="open")
    workflow = Workflow(
        Move(Status.OPEN, Status.SUBMITTED, _("Submit"), condition=_by_owner),
        Move(Status.SUBMITTED, Status.RATED, _("Rate"), condition=_by_supervisor),
        Move(Status.RATED, Status.ACKNOWLEDGED, _("Acknowledge"), condition=_by_owner),
    )
    rating_results = models.CharField(
        _("Rating Hasil Kerja"), max_length=5, choices=Rating.choices, blank=True
    )
    rating_behaviour = models.CharField(
        _("Rating Perilaku Kerja"), max_length=5, choices=Rating.choices, blank=True
    )
    predikat = models.CharField(_("predikat"), max_length=16, choices=Predikat.choices, blank=True)
    results_feedback = models.TextField(_("feedback on work results"), blank=True)
    behaviour_feedback = models.TextField(_("feedback on behaviour"), blank=True)
    unit_result_applied = models.BooleanField(
        _("rating taken from the unit's result"), default=False
    )
    submitted_at = models.DateTimeField(_("self-assessment submitted at"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["period", "employee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "employee"], name="appraisal_evaluation_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "submitted"], predikat="")
                | (
                    Q(status__in=["rated", "acknowledged"], rated_at__isnull=False)
                    & ~Q(rating_results="")
                    & ~Q(rating_behaviour="")
                ),
                name="appraisal_evaluation_rated_has_ratings",
            ),
            # The predikat is always the matrix's verdict for the two ratings.
            models.CheckConstraint(
                condition=Q(predikat="")
                | Q(
                    *[
                        Q(rating_results=r, rating_behaviour=b, predikat=p)
                        for (r, b), p in PREDIKAT_MATRIX.items()
                    ],
                    _connector=Q.OR,
                ),
                name="appraisal_evaluation_predikat_matrix",
            ),
        ]
        indexes = [models.Index(fields=["employee", "status"], name="appraisal_eval_emp_status")]

    def __str__(self):
        return f"{self.period} — {self.employee.full_name}"

    @property
    def is_final(self) -> bool:
        return self.status in (self.Status.RATED, self.Status.ACKNOWLEDGED)


class Realisation(models.Model):
    """What the employee achieved on one expected result in a period, with evidence."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="realisations",
    )
    result = models.ForeignKey(
        PlanResult, verbose_name=_("expected result"), on_delete=models.CASCADE, related_name="+"
    )
    realisation = models.TextField(_("realisation"))
    evidence_url = models.URLField(_("evidence link"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"), storage=private_storage, upload_to=evidence_path, blank=True
    )
    evidence_content_type = models.CharField(
        _("evidence content type"), max_length=80, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "result"], name="appraisal_realisation_unique"
            ),
        ]

    def __str__(self):
        return self.realisation[:60]

    def get_download_url(self) -> str:
        if not (self.pk and self.evidence_file):
            return ""
        return reverse("appraisal:evidence", args=[self.evaluation_id, self.pk])

    @property
    def evidence_stem(self) -> str:
        """The evidence file's name when downloaded and in the admin (without its extension)."""
        return f"bukti-realisasi-{self.pk}"


class FeedbackNote(models.Model):
    """A note of umpan balik berkelanjutan (continuous feedback) during a period."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("continuous feedback note")
        verbose_name_plural = _("continuous feedback notes")
        ordering = ["evaluation", "created_at"]

    def __str__(self):
        return self.text[:60]


class FeedbackRequest(models.Model):
    """One rater's 360° behaviour feedback on one employee for a period, scored 1–5 per value.

    Peer and subordinate answers are anonymous: only BKD staff may see who gave which answer.
    """

    class Group(models.TextChoices):
        SELF = "self", _("Self")
        SUPERVISOR = "supervisor", _("Supervisor")
        PEER = "peer", _("Peers")
        SUBORDINATE = "subordinate", _("Subordinates")

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="feedback_requests",
    )
    rater = models.ForeignKey(
        Employee, verbose_name=_("rater"), on_delete=models.CASCADE, related_name="+"
    )
    group = models.CharField(_("rater group"), max_length=12, choices=Group.choices)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    score_service = models.PositiveSmallIntegerField(CoreValue.SERVICE.label, null=True, blank=True)
    score_accountable = models.PositiveSmallIntegerField(
        CoreValue.ACCOUNTABLE.label, null=True, blank=True
    )
    score_competent = models.PositiveSmallIntegerField(
        CoreValue.COMPETENT.label, null=True, blank=True
    )
    score_harmonious = models.PositiveSmallIntegerField(
        CoreValue.HARMONIOUS.label, null=True, blank=True
    )
    score_loyal = models.PositiveSmallIntegerField(CoreValue.LOYAL.label, null=True, blank=True)
    score_adaptive = models.PositiveSmallIntegerField(
        CoreValue.ADAPTIVE.label, null=True, blank=True
    )
    score_collaborative = models.PositiveSmallIntegerField(
        CoreValue.COLLABORATIVE.label, null=True, blank=True
    )

    class Meta:
        verbose_name = _("360° feedback request")
        verbose_name_plural = _("360° feedback requests")
        ordering = ["evaluation", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "rater"], name="appraisal_feedback_one_per_rater"
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True)
                | Q(**{f"{name}__isnull": False for name in SCORE_FIELDS}),
                name="appraisal_feedback_answered_has_scores",
            ),
            models.CheckConstraint(
                condition=Q(
                    *[
                        Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__range": (1, 5)})
                        for name in SCORE_FIELDS
                    ]
                ),
                name="appraisal_feedback_scores_1_5",
            ),
        ]
        indexes = [models.Index(fields=["rater", "answered_at"], name="appraisal_fb_rater")]

    def __str__(self):
        return f"{self.evaluation} · {self.get_group_display()}"


class UnitAssessment(models.Model):
    """The predikat kinerja organisasi of a unit for a period, set by BKD.

    When present it is the unit head's Rating Hasil Kerja, and it fixes the distribution curve
    (SE MenPANRB 3/2023) its employees' predikat are checked against.
    """

    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="unit_results"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    predikat = models.CharField(_("unit predikat"), max_length=16, choices=UnitPredikat.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("unit result")
        verbose_name_plural = _("unit results")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="appraisal_unit_result_unique")
        ]

    def __str__(self):
        return f"{self.unit} · {self.period}: {self.get_predikat_display()}"


class PeerDraw(models.Model):
    """The recorded random draw of 360° peers in one team (the employees reporting to one
    supervisor) for one period: from the seed and the pool, `peer_draw` gives the same raters."""

    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="peer_draws"
    )
    supervisor = models.ForeignKey(
        Employee, verbose_name=_("supervisor of the team"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    seed = models.CharField(_("seed"), max_length=32)
    pool = models.JSONField(_("pool (employee ids)"), default=list)
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        verbose_name = _("peer draw")
        verbose_name_plural = _("peer draws")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "supervisor"], name="appraisal_peer_draw_one_per_team"
            )
        ]

    def __str__(self):
        return f"{self.period} · {self.supervisor_id}"


class FeedbackRelease(models.Model):
    """The 360° results of one evaluation, computed once when the feedback window closes and
    frozen: later views read this row, never live answers (anonymity against arithmetic)."""

    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="feedback_release",
    )
    released_at = models.DateTimeField(_("released at"), auto_now_add=True)
    groups = models.JSONField(_("results per rater group"), default=dict)

    class Meta:
        verbose_name = _("360° feedback release")
        verbose_name_plural = _("360° feedback releases")

    def __str__(self):
        return str(self.evaluation)
