from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "employee", "unit", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "groups")
    list_select_related = ("employee", "unit")
    search_fields = ("username", "first_name", "last_name", "email", "employee__nip")
    raw_id_fields = ("employee",)
    autocomplete_fields = ("unit",)
    fieldsets = DjangoUserAdmin.fieldsets + ((_("ASN Portal"), {"fields": ("employee", "unit")}),)
