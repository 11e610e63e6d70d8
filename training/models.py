"""Training (pengembangan kompetensi): programs, sessions, enrolments, attendance, JP, certificates.

A JP (jam pelajaran) is a training hour of 45 minutes (PerLAN 5/2018); every ASN is entitled to
at least 20 JP a year (PP 11/2017). An angkatan is one run (session) of a program. Workflows
live in `services.py`; reads and the eligibility rules in `selectors.py`.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asn_portal.common.storage import PrivateStorage
from asn_portal.common.workflow import Move, Workflow
from asn_portal.personnel.models import Employee, OrgUnit, Position, Rank

MINUTES_PER_JP = 45
# Certificate codes: no 0/O or 1/I/L, so a code read aloud or typed from paper is unambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def private_storage() -> PrivateStorage:
    """Evidence files are personal documents: kept outside the web root, served by a view."""
    return PrivateStorage()


def new_certificate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


class ProgramKind(models.TextChoices):
    """Latsar: basic training of CPNS; PKN II, PKA, PKP: leadership training of the three tiers."""

    LATSAR = "latsar", _("Basic training (Latsar CPNS)")
    PKN_II = "pkn_ii", _("National leadership training, level II (PKN II)")
    PKA = "pka", _("Administrator leadership training (PKA)")
    PKP = "pkp", _("Supervisor leadership training (PKP)")
    TECHNICAL = "technical", _("Technical training")
    FUNCTIONAL = "functional", _("Functional training")
    SEMINAR = "seminar", _("Seminar / workshop")
    ELEARNING = "elearning", _("E-learning")
    COACHING = "coaching", _("Coaching / mentoring")


class Delivery(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class Program(models.Model):
    """A training program in the catalogue, with its JP hours and who may join it."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=ProgramKind.choices)
    competency_area = models.CharField(_("competency area"), max_length=120, blank=True)
    jp = models.PositiveSmallIntegerField(
        _("JP hours"),
        validators=[MinValueValidator(1)],
        help_text=_("Training hours (jam pelajaran) of 45 minutes each."),
    )
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.CLASSROOM
    )
    provider = models.CharField(_("provider"), max_length=200)
    cost = models.PositiveBigIntegerField(
        _("cost per participant (rupiah)"), default=0, help_text=_("Whole rupiah.")
    )
    description = models.TextField(_("description"), blank=True)
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A participant who attended less than this share of the days does not pass."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("training program")
        verbose_name_plural = _("training programs")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(jp__gte=1), name="training_program_jp_positive"),
            models.CheckConstraint(
                condition=Q(min_attendance_percent__gte=1, min_attendance_percent__lte=100),
                name="training_program_attendance_1_100",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.jp} JP)"

    @property
    def minutes(self) -> int:
        return self.jp * MINUTES_PER_JP


class EligibilityRule(models.Model):
    """One way to be eligible for a program; an employee who meets any one rule is eligible.

    Empty fields do not restrict. Time in rank is counted from the TMT of the current rank; an
    employee above the minimum rank has served that minimum time in it already. Age and time in
    rank are measured on the session's first day. Example, PKN II (DOMAIN.md): JPT Pratama; or
    Administrator at IV/a with 42 months in rank and age at most 55; or Ahli Madya at IV/a with
    30 months and age at most 55.
    """

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="rules"
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    status = models.CharField(
        _("employee status"), max_length=4, choices=Employee.Status.choices, blank=True
    )
    position_kind = models.CharField(
        _("position type"), max_length=12, choices=Position.Kind.choices, blank=True
    )
    position_level = models.CharField(
        _("position level"), max_length=15, choices=Position.Level.choices, blank=True
    )
    min_rank = models.ForeignKey(
        Rank,
        verbose_name=_("lowest rank"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    max_rank = models.ForeignKey(
        Rank,
        verbose_name=_("highest rank"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    min_months_in_rank = models.PositiveSmallIntegerField(
        _("minimum time in rank (months)"), null=True, blank=True
    )
    max_age = models.PositiveSmallIntegerField(_("maximum age (years)"), null=True, blank=True)

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["program", "pk"]

    def __str__(self):
        return self.description or _("Rule %(pk)s") % {"pk": self.pk}


class TrainingSession(models.Model):
    """An angkatan: one run of a program, with its dates, place, capacity and enrolment window."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="sessions"
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Angkatan I 2026"))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    link = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    enrolment_opens = models.DateField(_("enrolment opens"))
    enrolment_closes = models.DateField(_("enrolment closes"))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    allocated_at = models.DateTimeField(_("seats allocated by priority at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("results recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("training session (angkatan)")
        verbose_name_plural = _("training sessions (angkatan)")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="training_session_end_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="training_session_capacity"),
            models.CheckConstraint(
                condition=Q(enrolment_closes__gte=F("enrolment_opens")),
                name="training_session_window_order",
            ),
            models.CheckConstraint(
                condition=Q(enrolment_closes__lte=F("end_date")),
                name="training_session_window_before_end",
            ),
        ]

    def __str__(self):
        return f"{self.program.title} — {self.name}"

    @property
    def day_count(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def days(self) -> list[dt.date]:
        return [self.start_date + dt.timedelta(days=i) for i in range(self.day_count)]


class UnitQuota(models.Model):
    """At most `seats` of a session for employees of a unit (and its sub-units)."""

    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="quotas"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("unit seat quota")
        verbose_name_plural = _("unit seat quotas")
        constraints = [
            models.UniqueConstraint(fields=["session", "unit"], name="training_quota_unique_unit"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="training_quota_seats"),
        ]

    def __str__(self):
        return f"{self.unit}: {self.seats}"


def _supervisor_approved(enrolment, user):
    if enrolment.supervisor_approved_at is None:
        return _("The supervisor has not approved this request yet.")
    return None


def _by_supervisor(enrolment, user):
    if user.employee_id is None or user.employee_id != enrolment.supervisor_id:
        return _("Only the employee's direct supervisor can decline this request.")
    return None


def _by_employee_or_bkd(enrolment, user):
    from asn_portal.personnel.access import DataKind, sees_all

    if user.employee_id == enrolment.employee_id or sees_all(user, DataKind.TRAINING):
        return None
    return _("Only the employee or BKD can cancel an enrolment.")


class Enrolment(models.Model):
    """An employee's request for a seat in a session, through approval to completion.

    The direct supervisor (atasan langsung) approves or declines; BKD then confirms. A request
    holds a seat from the start while one is free; otherwise it waits on the waitlist.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested (seat held, awaiting approval)")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined by the supervisor")
        REJECTED = "rejected", _("Rejected by BKD")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")
        INCOMPLETE = "incomplete", _("Not completed")

    workflow = Workflow(
        Move(
            Status.REQUESTED,
            Status.CONFIRMED,
            _("Confirm the seat"),
            permission="training.change_enrolment",
            condition=_supervisor_approved,
        ),
        Move(
            (Status.REQUESTED, Status.WAITLISTED),
            Status.DECLINED,
            _("Decline"),
            condition=_by_supervisor,
        ),
        Move(
            (Status.REQUESTED, Status.WAITLISTED),
            Status.REJECTED,
            _("Reject"),
            permission="training.change_enrolment",
        ),
        Move(
            (Status.REQUESTED, Status.WAITLISTED, Status.CONFIRMED),
            Status.CANCELLED,
            _("Cancel"),
            condition=_by_employee_or_bkd,
        ),
        # Seats are given and taken by the allocation and the waitlist, never by hand.
        Move(Status.REQUESTED, Status.WAITLISTED, _("Waitlist"), system_only=True),
        Move(Status.WAITLISTED, Status.REQUESTED, _("Give a seat"), system_only=True),
        Move(
            Status.CONFIRMED,
            Status.COMPLETED,
            _("Completed"),
            permission="training.change_enrolment",
        ),
        Move(
            Status.CONFIRMED,
            Status.INCOMPLETE,
            _("Not completed"),
            permission="training.change_enrolment",
        ),
    )

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    supervisor = models.ForeignKey(
        Employee,
        verbose_name=_("approving supervisor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    supervisor_approved_at = models.DateTimeField(
        _("approved by the supervisor at"), null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    allocation_rank = models.PositiveIntegerField(_("priority rank"), null=True, blank=True)
    allocation_note = models.TextField(_("allocation explanation"), blank=True)
    attendance_token = models.UUIDField(
        _("attendance code"), default=uuid.uuid4, unique=True, editable=False
    )
    attendance_percent = models.PositiveSmallIntegerField(
        _("attendance (%)"), null=True, blank=True
    )
    completed_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["session", "requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "employee"],
                condition=Q(
                    status__in=["requested", "waitlisted", "confirmed", "completed", "incomplete"]
                ),
                name="training_enrolment_one_live_per_session",
            ),
            models.CheckConstraint(
                condition=Q(attendance_percent__isnull=True) | Q(attendance_percent__lte=100),
                name="training_enrolment_attendance_max_100",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="training_enrol_session_st")]

    def __str__(self):
        return f"{self.employee} — {self.session}"


class Attendance(models.Model):
    """Whether a participant attended one day of the session, as marked by BKD or the provider."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="attendance"
    )
    date = models.DateField(_("date"))
    present = models.BooleanField(_("present"), default=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["enrolment", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "date"], name="training_attendance_one_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} {self.date:%Y-%m-%d}"


class ExternalTraining(models.Model):
    """Training an employee did elsewhere, with evidence, which BKD validates to credit its JP."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        VALIDATED = "validated", _("Validated")
        REJECTED = "rejected", _("Rejected")

    workflow = Workflow(
        Move(
            Status.SUBMITTED,
            Status.VALIDATED,
            _("Validate and credit the JP"),
            permission="training.change_externaltraining",
        ),
        Move(
            Status.SUBMITTED,
            Status.REJECTED,
            _("Reject"),
            permission="training.change_externaltraining",
        ),
    )

    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="external_trainings",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=ProgramKind.choices)
    provider = models.CharField(_("provider"), max_length=200)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    jp = models.PositiveSmallIntegerField(
        _("JP hours"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    evidence = models.FileField(
        _("evidence (certificate)"), upload_to="training/evidence/%Y/", storage=private_storage
    )
    evidence_content_type = models.CharField(
        _("evidence content type"), max_length=80, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        verbose_name = _("training done elsewhere")
        verbose_name_plural = _("training done elsewhere")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="training_external_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(jp__gte=1, jp__lte=1000), name="training_external_jp_range"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.employee})"

    def get_download_url(self) -> str:
        return reverse("training:external_evidence", args=[self.pk]) if self.pk else ""

    @property
    def evidence_stem(self) -> str:
        """The evidence's name when downloaded and in the admin (without its extension)."""
        return f"bukti-pelatihan-{self.pk}"


class JpCredit(models.Model):
    """One line of an employee's JP ledger: the hours credited by a completed training."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="jp_credits"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    jp = models.PositiveSmallIntegerField(_("JP hours"), validators=[MinValueValidator(1)])
    credited_on = models.DateField(_("date of the training's last day"))
    description = models.CharField(_("description"), max_length=250)
    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jp_credit",
    )
    external = models.OneToOneField(
        ExternalTraining,
        verbose_name=_("training done elsewhere"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jp_credit",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("JP credit")
        verbose_name_plural = _("JP ledger")
        ordering = ["employee", "-credited_on"]
        constraints = [
            models.CheckConstraint(condition=Q(jp__gte=1), name="training_credit_jp_positive"),
            models.CheckConstraint(
                condition=(Q(enrolment__isnull=False) & Q(external__isnull=True))
                | (Q(enrolment__isnull=True) & Q(external__isnull=False)),
                name="training_credit_one_source",
            ),
        ]
        indexes = [models.Index(fields=["year", "employee"], name="training_credit_year_emp")]

    def __str__(self):
        return f"{self.employee}: {self.jp} JP ({self.year})"


class Certificate(models.Model):
    """The certificate of a completed enrolment, checked by anyone at /sertifikat/<code>/."""

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    code = models.CharField(
        _("verification code"), max_length=CODE_LENGTH, unique=True, default=new_certificate_code
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="training_certificate_revocation_has_reason",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
