"""Shared data: in-app notifications and the collective leave days of the working calendar."""

from django.conf import settings
from django.db import models
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
