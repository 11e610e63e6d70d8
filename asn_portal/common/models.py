"""Shared data: in-app notifications and the collective leave days of the working calendar."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message to one user, shown in the portal and optionally emailed.

    `dedup_key` is unique: a reminder that runs twice creates (and emails) one notification.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    dedup_key = models.CharField(_("deduplication key"), max_length=200, unique=True)
    send_email = models.BooleanField(_("send by email"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.title


class CollectiveLeaveDay(models.Model):
    """A cuti bersama (collective leave) or extra holiday declared by the government or region.

    National holidays come from the `holidays` library; these days are added by BKD staff.
    """

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("description"), max_length=150)

    class Meta:
        verbose_name = _("collective leave day")
        verbose_name_plural = _("collective leave days (cuti bersama)")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class StatusEvent(models.Model):
    """One move of a workflow object: from which status to which, by whom, when and why.

    Written only by `common.workflow.transition` (and `record_start`), for every workflow model.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind of record"), on_delete=models.PROTECT
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    from_status = models.CharField(_("from status"), max_length=40, blank=True)
    to_status = models.CharField(_("to status"), max_length=40)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"], name="status_event_object")
        ]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"

    def status_label(self, status: str) -> str:
        """The status's display name in the model's own choices."""
        model = self.content_type.model_class()
        from .workflow import workflow_of

        field = model._meta.get_field(workflow_of(model).field)
        return str(dict(field.flatchoices).get(status, status))

    @property
    def from_label(self) -> str:
        return self.status_label(self.from_status) if self.from_status else "—"

    @property
    def to_label(self) -> str:
        return self.status_label(self.to_status)


class JobLease(models.Model):
    """Who is running a long job, until when (see `common.jobs`): one row per job.

    A worker renews `expires_at` while it works; an expired running lease means its worker
    died, and the next delivery or the sweep takes the job over.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Stopped after repeated failures")

    kind = models.CharField(_("kind of job"), max_length=60)
    key = models.CharField(_("job"), max_length=100)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    owner = models.CharField(_("worker"), max_length=200)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    interruptions = models.PositiveSmallIntegerField(_("interruptions"), default=0)
    started_at = models.DateTimeField(_("started at"))
    renewed_at = models.DateTimeField(_("renewed at"))
    expires_at = models.DateTimeField(_("lease expires at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="job_lease_unique")]
        indexes = [models.Index(fields=["state", "expires_at"], name="job_lease_expiry")]

    def __str__(self):
        return f"{self.kind} {self.key}"

    @property
    def interrupted(self) -> bool:
        """The worker died (or the queue lost the job) and it waits to be, or is being, resumed."""
        expired = self.expires_at < timezone.now()
        if self.state == self.State.QUEUED:
            return expired
        return self.state == self.State.RUNNING and (self.interruptions > 0 or expired)
