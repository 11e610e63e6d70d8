"""Public complaints (pengaduan masyarakat), handled as in SP4N-LAPOR! practice.

A citizen files a report without an account and follows it with a tracking code and a PIN. BKD
intake officers verify it and dispose it to the responsible OPD, which follows it up; every
stage has a deadline in working days (UU 25/2009, Perpres 76/2013, PermenPANRB 62/2018).
The status moves only along `Complaint.workflow`, through `services.complaint_*` and
`common.workflow.transition` (a `StatusEvent` and an audit-log entry with the acting user); the
reporter's timeline (moves, responses, questions, views of a confidential identity) is kept as
`ComplaintEvent`s.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asn_portal.common.storage import PrivateStorage
from asn_portal.common.workflow import Move, Workflow
from asn_portal.personnel.models import Employee, OrgUnit


def private_storage() -> PrivateStorage:
    """Attachments live outside the web root and are served only through an authorised view."""
    return PrivateStorage("complaints")


def attachment_path(instance, filename: str) -> str:
    """A random name: nothing the reporter called the file ends up on disk."""
    return f"{instance.complaint_id or 'new'}/{uuid.uuid4().hex}{instance.extension}"


class Classification(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    ASPIRATION = "aspiration", _("Aspiration")
    INFORMATION = "information", _("Information request")
    WHISTLEBLOWING = "whistleblowing", _("Whistle-blowing")


class Privacy(models.TextChoices):
    """The reporter's choice: rahasia hides the identity from all but intake officers;
    anonim keeps no identity at all."""

    PUBLIC = "public", _("Public")
    CONFIDENTIAL = "confidential", _("Confidential (rahasia)")
    ANONYMOUS = "anonymous", _("Anonymous (anonim)")


class Category(models.Model):
    """A subject area of public service (education, health, licensing…), editable by BKD staff."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class SlaPolicy(models.Model):
    """Deadlines in working days, versioned by effective date (defaults from SP4N-LAPOR!).

    Verification within 3 working days, follow-up by the OPD within 5, auto-close 10 working
    days after the follow-up when the reporter does not answer. A postponed report whose
    reporter does not answer the question in `info_wait_days` is archived (regional choice).
    """

    effective_from = models.DateField(_("effective from"), unique=True)
    verify_days = models.PositiveSmallIntegerField(
        _("working days to verify"), default=3, validators=[MinValueValidator(1)]
    )
    follow_up_days = models.PositiveSmallIntegerField(
        _("working days for the OPD's follow-up"), default=5, validators=[MinValueValidator(1)]
    )
    auto_close_days = models.PositiveSmallIntegerField(
        _("working days before an unanswered follow-up is closed"),
        default=10,
        validators=[MinValueValidator(1)],
    )
    info_wait_days = models.PositiveSmallIntegerField(
        _("working days the reporter has to answer a question before the report is archived"),
        default=10,
        validators=[MinValueValidator(1)],
    )
    reopen_days = models.PositiveSmallIntegerField(
        _("working days in which the reporter may reopen a closed report"),
        default=10,
        validators=[MinValueValidator(1)],
    )
    remind_before_days = models.PositiveSmallIntegerField(
        _("working days before a deadline to remind"), default=1
    )

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verify_days__gte=1)
                & Q(follow_up_days__gte=1)
                & Q(auto_close_days__gte=1)
                & Q(info_wait_days__gte=1)
                & Q(reopen_days__gte=1),
                name="complaint_sla_positive",
            )
        ]

    def __str__(self):
        return f"{self.effective_from:%d-%m-%Y}"


def _intake_refusal(user):
    from .permissions import is_intake_officer

    return None if is_intake_officer(user) else _("Only intake officers may do this.")


def _follow_up_refusal(complaint, user):
    from .permissions import can_see_complaint

    if can_see_complaint(user, complaint):
        return None
    return _("You cannot follow up this report.")


class Complaint(models.Model):
    """One report from the public, with its tracking code, privacy choice and SLA clock.

    `due_on` is the deadline of the current stage: the agency's (verification, follow-up) or the
    reporter's (an answer to a question, a reply to the follow-up); empty once finished.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        NEEDS_INFO = "needs_info", _("Postponed: more information needed")
        VERIFIED = "verified", _("Verified")
        DISPOSED = "disposed", _("Disposed to the OPD")
        RESPONDED = "responded", _("Followed up")
        CLOSED = "closed", _("Closed")
        NOT_AUTHORITY = "not_authority", _("Not our authority")
        ARCHIVED = "archived", _("Archived")
        MERGED = "merged", _("Merged into another report")

    workflow = Workflow(
        Move(
            (Status.RECEIVED, Status.NEEDS_INFO),
            Status.VERIFIED,
            _("Verify"),
            condition=lambda c, u: _intake_refusal(u),
        ),
        Move(
            Status.RECEIVED,
            Status.NEEDS_INFO,
            _("Ask the reporter"),
            condition=lambda c, u: _intake_refusal(u),
        ),
        # The reporter's answer sends a postponed report back to intake.
        Move(Status.NEEDS_INFO, Status.RECEIVED, _("Answered"), system_only=True),
        Move(
            (Status.RECEIVED, Status.NEEDS_INFO),
            Status.NOT_AUTHORITY,
            _("Not our authority"),
            condition=lambda c, u: _intake_refusal(u),
        ),
        Move(
            (Status.RECEIVED, Status.NEEDS_INFO),
            Status.ARCHIVED,
            _("Archive"),
            condition=lambda c, u: _intake_refusal(u),
        ),
        Move(
            (Status.RECEIVED, Status.VERIFIED),
            Status.MERGED,
            _("Merge"),
            condition=lambda c, u: _intake_refusal(u),
        ),
        Move(
            Status.VERIFIED,
            Status.DISPOSED,
            _("Dispose to the OPD"),
            condition=lambda c, u: _intake_refusal(u),
        ),
        Move(
            Status.DISPOSED,
            Status.RESPONDED,
            _("Follow up"),
            condition=lambda c, u: _follow_up_refusal(c, u),
        ),
        # The reporter accepts (or the reply window lapses) or reopens.
        Move(Status.RESPONDED, Status.CLOSED, _("Close"), system_only=True),
        Move((Status.RESPONDED, Status.CLOSED), Status.DISPOSED, _("Reopen"), system_only=True),
    )
    OPEN_STATUSES = (
        Status.RECEIVED,
        Status.NEEDS_INFO,
        Status.VERIFIED,
        Status.DISPOSED,
        Status.RESPONDED,
    )
    FINISHED_STATUSES = (Status.CLOSED, Status.NOT_AUTHORITY, Status.ARCHIVED, Status.MERGED)

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    pin_hash = models.CharField(_("PIN (hashed)"), max_length=200)
    pin_failures = models.PositiveSmallIntegerField(_("wrong PIN attempts"), default=0)
    pin_locked_until = models.DateTimeField(_("tracking locked until"), null=True, blank=True)
    submission_token = models.UUIDField(
        _("submission token"),
        unique=True,
        null=True,
        blank=True,
        help_text=_("Issued with the form, so a double submission is stored once."),
    )

    classification = models.CharField(
        _("classification"), max_length=20, choices=Classification.choices
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="complaints"
    )
    reported_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("OPD named by the reporter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    incident_date = models.DateField(_("date of the incident"), null=True, blank=True)
    incident_place = models.CharField(_("place of the incident"), max_length=200, blank=True)
    asn_named = models.CharField(
        _("ASN concerned, as the reporter names them"), max_length=200, blank=True
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        help_text=_("Set by the intake officer when the ASN concerned is identified."),
    )

    privacy = models.CharField(_("privacy"), max_length=12, choices=Privacy.choices)
    reporter_name = models.CharField(_("reporter's name"), max_length=150, blank=True)
    reporter_email = models.EmailField(_("reporter's email"), blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=20, blank=True)
    consent = models.BooleanField(_("consent to processing"), default=False)
    contact_shared_with_opd = models.BooleanField(
        _("reporter lets the OPD see their contact"),
        default=False,
        help_text=_(
            "For reports about an ASN's conduct and whistle-blowing, only BKD's intake officers "
            "see the reporter's name, email and phone unless the reporter chose to share them."
        ),
    )

    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.RECEIVED
    )
    disposed_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("responsible OPD"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    due_on = models.DateField(_("deadline of the current stage"), null=True, blank=True)
    sla_breached = models.BooleanField(_("a deadline was missed"), default=False)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    disposed_at = models.DateTimeField(_("disposed at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_reports",
    )
    rating = models.PositiveSmallIntegerField(
        _("reporter's rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    discipline_case = models.ForeignKey(  # complaints -> rewards: a floor down, never back
        "rewards.DisciplinaryCase",
        verbose_name=_("disciplinary case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="complaint_status_due"),
            models.Index(fields=["disposed_unit", "status"], name="complaint_unit_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(privacy="anonymous")
                | (Q(reporter_name="") & Q(reporter_email="") & Q(reporter_phone="")),
                name="complaint_anonymous_keeps_no_identity",
                violation_error_message=_("An anonymous report keeps no identity."),
            ),
            models.CheckConstraint(
                condition=Q(privacy="anonymous") | ~Q(reporter_name=""),
                name="complaint_named_reporter_has_name",
                violation_error_message=_("Give your name, or choose to report anonymously."),
            ),
            models.CheckConstraint(condition=Q(consent=True), name="complaint_consent_given"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="complaint_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["disposed", "responded", "closed"])
                | Q(disposed_unit__isnull=False),
                name="complaint_disposed_has_unit",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="complaint_merged_has_target",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=models.F("pk")),
                name="complaint_not_merged_into_itself",
            ),
        ]

    def __str__(self):
        return f"{self.tracking_code} · {self.subject}"

    @property
    def identity_hidden(self) -> bool:
        return self.privacy != Privacy.PUBLIC

    @property
    def is_conduct_report(self) -> bool:
        """About a named ASN's conduct, or whistle-blowing: the OPD may be the one reported on."""
        return (
            self.classification == Classification.WHISTLEBLOWING
            or bool(self.asn_named.strip())
            or self.employee_id is not None
        )


class ComplaintEvent(models.Model):
    """One entry of a report's history: a move, a message, a question, an identity view…

    `public` entries make the reporter's timeline; the others are for the agency only.
    """

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        RESPONSE = "response", _("Response to the reporter")
        QUESTION = "question", _("Question to the reporter")
        REPORTER_MESSAGE = "reporter_message", _("Information from the reporter")
        RATING = "rating", _("Rating")
        NOTE = "note", _("Internal note")
        IDENTITY_VIEW = "identity_view", _("Confidential identity viewed")
        MERGE = "merge", _("Merge")
        CASE = "case", _("Disciplinary case opened")
        REMINDER = "reminder", _("Deadline escalation")

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(
        _("from status"), max_length=15, choices=Complaint.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=15, choices=Complaint.Status.choices, blank=True
    )
    message = models.TextField(_("message"), blank=True)
    public = models.BooleanField(_("shown to the reporter"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_reporter = models.BooleanField(_("by the reporter"), default=False)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.complaint_id} · {self.get_kind_display()}"


class Attachment(models.Model):
    """An image or PDF the reporter attached (images are re-encoded without their metadata)."""

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage, max_length=200
    )
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.download_name

    @property
    def extension(self) -> str:
        return {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}.get(
            self.content_type, ".bin"
        )

    def get_download_url(self) -> str:
        return reverse("complaints:attachment", args=[self.pk]) if self.pk else ""

    @property
    def download_name(self) -> str:
        return f"lampiran-{self.pk or 'baru'}{self.extension}"


class ReporterEmail(models.Model):
    """An email to a reporter, kept until sent: the outbox that survives a broker outage.

    Reporters have no account, so the shared Notification table cannot hold these. The body of
    the receipt carries the PIN; it is blanked once the email is sent.
    """

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="emails",
    )
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    dedup_key = models.CharField(_("deduplication key"), max_length=120, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("email to a reporter")
        verbose_name_plural = _("emails to reporters")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
