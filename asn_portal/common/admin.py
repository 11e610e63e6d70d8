from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_base import ReadOnlyAdminMixin, service_action
from .jobs import job_restart
from .models import CollectiveLeaveDay, JobLease, Notification


@admin.register(CollectiveLeaveDay)
class CollectiveLeaveDayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")
    date_hierarchy = "date"
    search_fields = ("name",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "created_at", "read_at", "emailed_at")
    list_select_related = ("recipient",)
    search_fields = ("title", "recipient__username", "dedup_key")
    readonly_fields = ("created_at", "read_at", "emailed_at")
    raw_id_fields = ("recipient",)


@admin.register(JobLease)
class JobLeaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Long background jobs: running, interrupted and resuming, or stopped with the reason."""

    list_display = (
        "kind",
        "key",
        "state",
        "attempts",
        "interruptions",
        "owner",
        "expires_at",
        "last_error",
    )
    list_filter = ("state", "kind")
    search_fields = ("kind", "key")
    actions = [
        service_action(
            job_restart, description=_("Restart the selected jobs"), permissions=("view",)
        )
    ]
