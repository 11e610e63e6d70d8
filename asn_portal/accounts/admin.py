from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import add_never_cache_headers

from . import roles, services
from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "employee", "unit", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "groups")
    list_select_related = ("employee", "unit")
    search_fields = ("username", "first_name", "last_name", "email", "employee__nip")
    raw_id_fields = ("employee",)
    autocomplete_fields = ("unit",)
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("ASN Portal"), {"fields": ("employee", "unit", "must_change_password")}),
    )
    actions = ["set_temporary_password"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not roles.is_bkd_admin(request.user):
            actions.pop("set_temporary_password", None)
        return actions

    @admin.action(description=_("Set a one-time temporary password (for handing over)"))
    def set_temporary_password(self, request, queryset):
        """BKD hands the password to the person; their next sign-in asks for a new one."""
        if not roles.is_bkd_admin(request.user):
            raise PermissionDenied
        issued = []
        for user in queryset.order_by("username"):
            try:
                password = services.user_temporary_password_set(user=user, by=request.user)
            except PermissionDenied as exc:
                self.message_user(request, f"{user}: {exc}", level="error")
                continue
            issued.append((user, password))
        response = TemplateResponse(
            request,
            "admin/accounts/user/temporary_passwords.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Temporary passwords"),
                "opts": self.model._meta,
                "issued": issued,
            },
        )
        add_never_cache_headers(response)
        return response
