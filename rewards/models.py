"""Rewards and discipline: disciplinary cases and sanctions (PP 94/2021), awards and nominations.

Each workflow model declares its table of moves (`workflow`); the moves are made by the services
in `services/`, through `common.workflow.transition`. What is in force on a date is computed in
`selectors.py`.
Cases and sanctions are confidential: read them through `permissions.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asn_portal.common.workflow import Move, Workflow
from asn_portal.personnel.models import Employee

from .storage import evidence_path, evidence_storage


class SanctionLevel(models.TextChoices):
    """The three levels of hukuman disiplin (disciplinary sanction) in PP 94/2021."""

    LIGHT = "light", _("Light (ringan)")
    MEDIUM = "medium", _("Medium (sedang)")
    HEAVY = "heavy", _("Heavy (berat)")


class SanctionKind(models.TextChoices):
    """The sanction types of PP 94/2021 art. 8; each belongs to exactly one level."""

    VERBAL_REPRIMAND = "verbal_reprimand", _("Verbal reprimand (teguran lisan)")
    WRITTEN_REPRIMAND = "written_reprimand", _("Written reprimand (teguran tertulis)")
    WRITTEN_DISSATISFACTION = (
        "written_dissatisfaction",
        _("Written statement of dissatisfaction (pernyataan tidak puas secara tertulis)"),
    )
    TPP_CUT_6 = "tpp_cut_6", _("TPP cut (25%) for 6 months")
    TPP_CUT_9 = "tpp_cut_9", _("TPP cut (25%) for 9 months")
    TPP_CUT_12 = "tpp_cut_12", _("TPP cut (25%) for 12 months")
    DEMOTION = "demotion", _("Demotion by one rank level for 12 months")
    RELEASE = "release", _("Release to an executor position for 12 months")
    DISMISSAL = "dismissal", _("Honourable dismissal not at own request (PDHTAPS)")


KINDS_BY_LEVEL: dict[str, tuple[str, ...]] = {
    SanctionLevel.LIGHT: (
        SanctionKind.VERBAL_REPRIMAND,
        SanctionKind.WRITTEN_REPRIMAND,
        SanctionKind.WRITTEN_DISSATISFACTION,
    ),
    SanctionLevel.MEDIUM: (SanctionKind.TPP_CUT_6, SanctionKind.TPP_CUT_9, SanctionKind.TPP_CUT_12),
    SanctionLevel.HEAVY: (SanctionKind.DEMOTION, SanctionKind.RELEASE, SanctionKind.DISMISSAL),
}
LEVEL_OF_KIND: dict[str, str] = {
    kind: level for level, kinds in KINDS_BY_LEVEL.items() for kind in kinds
}
# Months a sanction stays in force; light sanctions take effect on one day, dismissal never ends.
DURATION_MONTHS: dict[str, int] = {
    SanctionKind.TPP_CUT_6: 6,
    SanctionKind.TPP_CUT_9: 9,
    SanctionKind.TPP_CUT_12: 12,
    SanctionKind.DEMOTION: 12,
    SanctionKind.RELEASE: 12,
}
TPP_CUT_KINDS = KINDS_BY_LEVEL[SanctionLevel.MEDIUM]


class MinimumPredikat(models.TextChoices):
    """The appraisal's predikat kinerja (yearly performance verdict), best first.

    The values are those of `appraisal`'s predikat; rewards reads them through its selector.
    """

    SANGAT_BAIK = "sangat_baik", _("Sangat Baik (very good)")
    BAIK = "baik", _("Baik (good)")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan (needs improvement)")


PREDIKAT_ORDER = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]
# PerBKN 6/2022: a decision takes effect this many working days after it is delivered.
EFFECTIVE_AFTER_WORKING_DAYS = 15


class DisciplinaryCase(models.Model):
    """A disciplinary case (kasus disiplin) against one employee, from report to decision.

    The status moves only along `workflow`, through `services.case_*`; each move is a
    `common.StatusEvent`. A case ends either with one `Sanction` (decided) or closed without one.
    A case proposed from attendance keeps its evidence (`absence_year`, `absence_dates`) and is
    proposed once per employee, year and proposed sanction (a unique constraint).
    """

    class Source(models.TextChoices):
        SUPERVISOR_REPORT = "supervisor_report", _("Supervisor report")
        ATTENDANCE = "attendance", _("Attendance records")
        CITIZEN_COMPLAINT = "citizen_complaint", _("Citizen complaint")
        AUDIT = "audit", _("Audit finding")

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        EXAMINATION = "examination", _("Under examination")
        DECIDED = "decided", _("Decided")
        CLOSED = "closed", _("Closed without sanction")

    workflow = Workflow(
        Move(
            Status.REPORTED,
            Status.EXAMINATION,
            _("Start the examination"),
            permission="rewards.change_disciplinarycase",
        ),
        Move(
            Status.EXAMINATION,
            Status.DECIDED,
            _("Decide the sanction"),
            permission="rewards.add_sanction",
        ),
        Move(
            (Status.REPORTED, Status.EXAMINATION),
            Status.CLOSED,
            _("Close without sanction"),
            permission="rewards.change_disciplinarycase",
        ),
    )

    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="disciplinary_cases",
    )
    violation = models.TextField(_("alleged violation"))
    legal_article = models.CharField(
        _("legal article"),
        max_length=200,
        help_text=_("The provision violated, e.g. “PP 94/2021 art. 4 letter f”."),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    occurred_on = models.DateField(_("date of the violation"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"))
    examined_on = models.DateField(_("examined on"), null=True, blank=True)
    proposed_kind = models.CharField(
        _("proposed sanction"),
        max_length=30,
        choices=SanctionKind.choices,
        blank=True,
        help_text=_("Proposed by the system from attendance; an officer decides."),
    )
    absence_days = models.PositiveSmallIntegerField(
        _("unexcused absence days in the year"), null=True, blank=True
    )
    consecutive_absence_days = models.PositiveSmallIntegerField(
        _("consecutive unexcused working days"), null=True, blank=True
    )
    absence_year = models.PositiveSmallIntegerField(
        _("year of the absences"), null=True, blank=True, editable=False
    )
    absence_dates = models.JSONField(
        _("dates of unexcused absence"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("The attendance evidence behind a proposal: every unexcused day of the year."),
    )
    complaint_code = models.CharField(
        _("citizen complaint"),
        max_length=20,
        blank=True,
        help_text=_("Tracking code of the public report the case comes from."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REPORTED
    )
    closing_reason = models.TextField(_("reason for closing"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("disciplinary case")
        verbose_name_plural = _("disciplinary cases")
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["reported", "examination", "decided", "closed"]),
                name="case_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(occurred_on__isnull=True) | Q(occurred_on__lte=F("reported_on")),
                name="case_occurred_before_report",
                violation_error_message=_("The violation cannot be after the report."),
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(closing_reason=""),
                name="case_closed_has_reason",
            ),
            models.UniqueConstraint(
                fields=["employee", "absence_year", "proposed_kind"],
                condition=Q(source="attendance"),
                name="case_attendance_proposed_once",
                violation_error_message=_(
                    "This sanction was already proposed from this year's attendance."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.employee.name} · {self.reported_on:%d-%m-%Y}"


class CaseEvidence(models.Model):
    """A piece of evidence for a case (a document, a photo, an attendance print-out).

    Stored outside the web root and served only to those who may see the case.
    """

    case = models.ForeignKey(
        DisciplinaryCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(
        _("file"),
        upload_to=evidence_path,
        storage=evidence_storage,
        max_length=200,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
    )
    original_name = models.CharField(_("original file name"), max_length=200, editable=False)
    content_type = models.CharField(_("content type"), max_length=80, blank=True, editable=False)
    description = models.CharField(_("description"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["case", "uploaded_at", "pk"]

    def __str__(self):
        return self.description

    def get_download_url(self) -> str:
        if not (self.pk and self.file):
            return ""
        filename = self.file.name.rsplit("/", 1)[-1]
        return reverse("admin:rewards_disciplinarycase_evidence", args=[self.case_id, filename])


class Examination(models.Model):
    """A step of the examination (pemeriksaan) of a case: a summons or the examination record.

    The BAP (berita acara pemeriksaan) records the examination. PP 94/2021: the
    direct supervisor examines; a team (tim pemeriksa: the supervisor, supervision and personnel
    officers) is optional for a medium sanction and required for a heavy one.
    """

    class Kind(models.TextChoices):
        SUMMONS = "summons", _("Summons (surat panggilan)")
        RECORD = "record", _("Examination record (BAP)")

    case = models.ForeignKey(
        DisciplinaryCase,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="examinations",
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(
        _("date"), help_text=_("The day summoned to, or the day of the examination.")
    )
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    by_team = models.BooleanField(_("by an examination team"), default=False)
    examiners = models.ManyToManyField(
        Employee, verbose_name=_("examiners"), related_name="+", blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("examination step")
        verbose_name_plural = _("examination steps")
        ordering = ["case", "held_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.held_on:%d-%m-%Y}"


def _valid_level_and_kind() -> Q:
    condition = Q()
    for level, kinds in KINDS_BY_LEVEL.items():
        condition |= Q(level=level, kind__in=list(kinds))
    return condition


class Sanction(models.Model):
    """The decision (keputusan hukuman disiplin) closing a case: level, type and decree.

    It takes effect 15 working days after delivery to the employee (PerBKN 6/2022) and ends
    after the type's duration; `effective_from` and `ends_on` (last day in force) are computed
    by `services.sanction_record_delivery`. A granted objection or appeal sets `cancelled_on`,
    which voids every effect of the decision; an amending one changes its type and window.
    The decree itself never changes: `issued` keeps what was decreed (type, employee, official,
    violation) at issuance, and the decree PDF prints from it; a later objection or appeal
    decision is its own numbered document (`Objection`).
    """

    Level = SanctionLevel
    Kind = SanctionKind

    case = models.OneToOneField(
        DisciplinaryCase, verbose_name=_("case"), on_delete=models.PROTECT, related_name="sanction"
    )
    level = models.CharField(_("level"), max_length=6, choices=SanctionLevel.choices)
    kind = models.CharField(_("type"), max_length=30, choices=SanctionKind.choices)
    decree_number = models.CharField(_("decree number"), max_length=100, unique=True)
    decree_date = models.DateField(_("decree date"))
    official_name = models.CharField(_("authorised official"), max_length=150)
    official_title = models.CharField(_("official's position"), max_length=200)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    effective_from = models.DateField(_("in force from"), null=True, blank=True, editable=False)
    ends_on = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Last day in force; empty for dismissal."),
    )
    cancelled_on = models.DateField(
        _("cancelled on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when an objection or appeal is granted."),
    )
    issued = models.JSONField(
        _("decree as issued"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("What the decree said when it was issued; never changed afterwards."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-decree_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=_valid_level_and_kind(),
                name="sanction_level_matches_kind",
                violation_error_message=_("This sanction type does not belong to that level."),
            ),
            models.CheckConstraint(
                condition=Q(delivered_on__isnull=True) | Q(delivered_on__gte=F("decree_date")),
                name="sanction_delivered_after_decree",
                violation_error_message=_("A decree cannot be delivered before its date."),
            ),
            models.CheckConstraint(
                condition=Q(delivered_on__isnull=True, effective_from__isnull=True)
                | Q(delivered_on__isnull=False, effective_from__gt=F("delivered_on")),
                name="sanction_effective_after_delivery",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("effective_from")),
                name="sanction_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(kind="dismissal") | Q(ends_on__isnull=True),
                name="sanction_dismissal_has_no_end",
            ),
        ]

    def __str__(self):
        return f"{self.decree_number} · {self.get_kind_display()}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None

    def in_force_on(self, day) -> bool:
        if self.is_cancelled or self.effective_from is None or day < self.effective_from:
            return False
        return self.ends_on is None or day <= self.ends_on


class Objection(models.Model):
    """An administrative remedy (upaya administratif) against a sanction.

    Keberatan (objection) goes to the official above the one who decided, against any decision
    but dismissal; banding (appeal) goes to BPASN against dismissal (PP 94/2021, PP 79/2021).
    A granted one cancels the decision and all its effects; an amending one changes the
    sanction's type (lighter or heavier), and its effects follow from the new type. The decision
    is its own numbered document (its PDF via `documents.objection_decision_pdf`); the original
    decree is never rewritten. `outcome` moves only along `workflow`, once.
    """

    class Kind(models.TextChoices):
        OBJECTION = "objection", _("Objection (keberatan)")
        APPEAL = "appeal", _("Appeal (banding) to BPASN")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        REJECTED = "rejected", _("Rejected: decision upheld")
        GRANTED = "granted", _("Granted: decision cancelled")
        AMENDED = "amended", _("Decision changed to another sanction")

    workflow = Workflow(
        Move(Outcome.PENDING, Outcome.REJECTED, _("Reject"), permission="rewards.change_objection"),
        Move(Outcome.PENDING, Outcome.GRANTED, _("Grant"), permission="rewards.change_objection"),
        Move(
            Outcome.PENDING,
            Outcome.AMENDED,
            _("Change the sanction"),
            permission="rewards.change_objection",
        ),
        field="outcome",
    )

    sanction = models.ForeignKey(
        Sanction, verbose_name=_("sanction"), on_delete=models.PROTECT, related_name="objections"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    filed_on = models.DateField(_("filed on"))
    grounds = models.TextField(_("grounds"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    amended_kind = models.CharField(
        _("changed to"), max_length=30, choices=SanctionKind.choices, blank=True
    )
    original_kind = models.CharField(
        _("original sanction"),
        max_length=30,
        choices=SanctionKind.choices,
        blank=True,
        editable=False,
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("objection or appeal")
        verbose_name_plural = _("objections and appeals")
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sanction"],
                condition=Q(outcome="pending"),
                name="objection_one_pending_per_sanction",
            ),
            models.CheckConstraint(
                condition=Q(outcome="pending", decided_on__isnull=True)
                | (~Q(outcome="pending") & Q(decided_on__gte=F("filed_on"))),
                name="objection_decided_has_date",
                violation_error_message=_(
                    "A decided objection needs a decision date on or after filing."
                ),
            ),
            models.CheckConstraint(
                condition=Q(outcome="amended", original_kind__gt="", amended_kind__gt="")
                | (~Q(outcome="amended") & Q(amended_kind="", original_kind="")),
                name="objection_amended_has_kinds",
                violation_error_message=_("Choose the sanction the decision is changed to."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.filed_on:%d-%m-%Y}"


class AwardType(models.Model):
    """A kind of award, with the rules its eligibility check applies.

    Satyalancana Karya Satya (long-service medal) X/XX/XXX asks for 10/20/30 years of continuous
    service from TMT CPNS and never a medium or heavy sanction.
    """

    class Category(models.TextChoices):
        SATYALANCANA = "satyalancana", _("Satyalancana Karya Satya")
        OUTSTANDING = "outstanding", _("Outstanding ASN (ASN berprestasi/teladan)")
        INNOVATION = "innovation", _("Innovation award")
        APPRECIATION = "appreciation", _("Certificate of appreciation")
        CASH = "cash", _("Cash incentive")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    min_service_years = models.PositiveSmallIntegerField(
        _("minimum years of service"), null=True, blank=True
    )
    requires_clean_record = models.BooleanField(
        _("never a medium or heavy sanction"), default=False
    )
    min_predikat = models.CharField(
        _("minimum predikat of the previous year"),
        max_length=20,
        choices=MinimumPredikat.choices,
        blank=True,
    )
    once_per_employee = models.BooleanField(_("awarded once per employee"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["category", "min_service_years", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="satyalancana")
                | Q(min_service_years__isnull=False, requires_clean_record=True),
                name="award_type_satyalancana_rules",
            ),
        ]

    def __str__(self):
        return self.name


class Nomination(models.Model):
    """A nomination of an employee for an award; once approved with its SK it is the award.

    Rejected nominations keep their reason. The status moves only along `workflow`.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    workflow = Workflow(
        Move(
            Status.SUBMITTED,
            Status.IN_REVIEW,
            _("Start the review"),
            permission="rewards.change_nomination",
        ),
        Move(
            Status.IN_REVIEW, Status.APPROVED, _("Approve"), permission="rewards.change_nomination"
        ),
        Move(
            (Status.SUBMITTED, Status.IN_REVIEW),
            Status.REJECTED,
            _("Reject"),
            permission="rewards.change_nomination",
        ),
        Move(
            (Status.SUBMITTED, Status.IN_REVIEW),
            Status.WITHDRAWN,
            _("Withdraw"),
            permission="rewards.change_nomination",
        ),
    )
    OPEN = (Status.SUBMITTED, Status.IN_REVIEW)

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="nominations"
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award type"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("award year"))
    justification = models.TextField(_("justification"))
    amount = models.PositiveBigIntegerField(
        _("amount (rupiah)"),
        null=True,
        blank=True,
        help_text=_("For cash incentives, paid through payroll."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sk_number = models.CharField(_("SK number"), max_length=100, blank=True)
    sk_date = models.DateField(_("SK date"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-year", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "award_type", "year"],
                condition=Q(status__in=["submitted", "in_review", "approved"]),
                name="nomination_one_live_per_award_year",
                violation_error_message=_(
                    "This employee already has this award or a pending nomination for it this year."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | (~Q(sk_number="") & Q(sk_date__isnull=False)),
                name="nomination_approved_has_sk",
                violation_error_message=_("An approved nomination needs an SK number and date."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="nomination_rejected_has_reason",
                violation_error_message=_("A rejected nomination needs a reason."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1950, year__lte=2100), name="nomination_year_range"
            ),
        ]

    def __str__(self):
        return f"{self.award_type} · {self.employee.name} ({self.year})"


class RemedyPolicy(models.Model):
    """How long after delivery of a decision an objection or appeal may be filed (P).

    PP 94/2021 leaves the filing windows of keberatan and banding to regional policy; the
    defaults (14 calendar days each) are placeholders until the region's rule is entered. The
    version in force on the day the decision was delivered applies.
    """

    effective_from = models.DateField(_("in force from"), unique=True)
    objection_days = models.PositiveSmallIntegerField(
        _("objection (keberatan) window, calendar days after delivery"),
        default=14,
        help_text=_("Placeholder of regional policy: 14 calendar days until the region sets it."),
    )
    appeal_days = models.PositiveSmallIntegerField(
        _("appeal (banding) window, calendar days after delivery"),
        default=14,
        help_text=_("Placeholder of regional policy: 14 calendar days until the region sets it."),
    )

    class Meta:
        verbose_name = _("objection and appeal filing window")
        verbose_name_plural = _("objection and appeal filing windows")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(objection_days__gte=1, appeal_days__gte=1),
                name="remedy_policy_windows_positive",
                violation_error_message=_("A filing window is at least one day."),
            ),
        ]

    def __str__(self):
        return _("Filing windows from %(date)s") % {"date": f"{self.effective_from:%d-%m-%Y}"}
