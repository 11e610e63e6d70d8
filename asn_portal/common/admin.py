from django.contrib import admin

from .models import CollectiveLeaveDay, Notification


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
