"""BKD staff manage master data here; OPD operators see only their unit subtree."""

import re
from urllib.parse import unquote

from auditlog.mixins import AuditlogHistoryAdminMixin as BaseAuditlogHistoryAdminMixin
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from asn_portal.common.admin_base import ServiceAdmin

from . import services
from .access import (
    DataKind,
    can_see_employee,
    employees_visible_to,
    sees_all,
    units_visible_to,
)
from .models import Employee, FamilyMember, OrgUnit, Position, PositionHistory, Rank, RankHistory
from .resources import EmployeeResource


class AuditlogHistoryAdminMixin(BaseAuditlogHistoryAdminMixin):
    """The audit-log history page, limited like the change page to objects the user may see.

    django-auditlog renders the page for an object outside the admin's queryset with no object
    (a server error); here the user is sent back as for a change page that does not exist.
    """

    def auditlog_history_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().auditlog_history_view(request, object_id, extra_context)


class SafeExportMixin:
    """An export with filters the changelist cannot apply goes back to the list, as Django's
    changelist itself does (`?e=1`), instead of failing with a server error."""

    def export_action(self, request):
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            opts = self.model._meta
            changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            return redirect(f"{changelist}?{ERROR_FLAG}=1")


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditlogHistoryAdminMixin, TreeAdmin):
    form = movenodeform_factory(OrgUnit)
    list_display = ("name", "code", "kind", "head_position", "is_active")
    search_fields = ("name", "code")
    list_filter = ("kind", "is_active")
    autocomplete_fields = ("head_position",)
    show_auditlog_history_link = True

    def children_view(self, request, parent_id):
        """treebeard's AJAX list of a unit's children; a non-numeric id is no unit (not a 500)."""
        if not re.fullmatch(r"[0-9]{1,18}", parent_id):
            raise Http404
        return super().children_view(request, parent_id)

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("head_position")
        if sees_all(request.user, DataKind.IDENTITY):
            return qs
        return qs.filter(pk__in=units_visible_to(request.user).values("pk"))


@admin.register(Rank)
class RankAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    list_display = ("code", "pangkat", "scheme", "group", "level", "max_mkg")
    list_filter = ("scheme", "group")
    search_fields = ("code", "pangkat")


@admin.register(Position)
class PositionAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "level", "kelas_jabatan", "retirement_age", "unit")
    list_filter = ("kind", "level", "kelas_jabatan", "retirement_age")
    search_fields = ("name",)
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)


class RankHistoryInline(admin.TabularInline):
    model = RankHistory
    extra = 0
    fields = ("rank", "tmt", "mkg_years", "mkg_months", "sk_number", "sk_date", "is_current")
    readonly_fields = fields
    can_delete = False
    ordering = ("-tmt",)

    def has_add_permission(self, request, obj=None):
        return False


class PositionHistoryInline(admin.TabularInline):
    model = PositionHistory
    extra = 0
    fields = ("position", "unit", "tmt", "end_date", "sk_number", "is_current")
    readonly_fields = fields
    can_delete = False
    ordering = ("-tmt",)

    def has_add_permission(self, request, obj=None):
        return False


class FamilyMemberInline(admin.StackedInline):
    model = FamilyMember
    extra = 0
    fields = (
        ("relation", "name", "sex"),
        ("nik", "birth_date", "marriage_date"),
        ("is_dependant", "is_studying", "is_married", "has_income"),
    )


# What an OPD operator may not change: identity and appointment data come from BKD decrees.
OPERATOR_READONLY_FIELDS = (
    "nip",
    "nik",
    "front_title",
    "name",
    "back_title",
    "sex",
    "birth_place",
    "birth_date",
    "status",
    "state",
    "tmt_cpns",
    "tmt_pns",
    "rank",
    "rank_tmt",
    "mkg_years",
    "mkg_months",
    "position",
    "position_tmt",
    "unit",
)


class EmployeeAdminForm(forms.ModelForm):
    """The employee form; a model check on a field the user cannot edit (read-only for an OPD
    operator) is shown above the form instead of failing the request."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            shown = {}
            for field, messages_ in errors.error_dict.items():
                key = field if field in self.fields else NON_FIELD_ERRORS
                shown.setdefault(key, []).extend(messages_)
            errors = ValidationError(shown)
        super()._update_errors(errors)


@admin.register(Employee)
class EmployeeAdmin(
    AuditlogHistoryAdminMixin, SafeExportMixin, ServiceAdmin, ImportExportModelAdmin
):
    form = EmployeeAdminForm
    inlines_saved_by_formsets = True  # family members: plain records kept by the OPD
    resource_classes = [EmployeeResource]
    formats = [XLSX, CSV]
    list_display = ("nip", "full_name", "unit", "rank", "position", "status", "state")
    list_display_links = ("nip", "full_name")
    list_select_related = ("unit", "rank", "position")
    list_filter = ("status", "state", "rank", ("unit", admin.RelatedOnlyFieldListFilter))
    search_fields = ("=nip", "name", "=nik")
    list_per_page = 50
    show_full_result_count = False
    autocomplete_fields = ("unit", "position", "supervisor_override")
    inlines = [FamilyMemberInline, RankHistoryInline, PositionHistoryInline]
    show_auditlog_history_link = True
    fieldsets = (
        (
            _("Identity"),
            {
                "fields": (
                    ("nip", "nik"),
                    ("front_title", "name", "back_title"),
                    ("sex", "birth_place", "birth_date"),
                )
            },
        ),
        (
            _("Employment"),
            {
                "fields": (
                    ("status", "state"),
                    ("tmt_cpns", "tmt_pns"),
                    ("rank", "rank_tmt", "mkg_years", "mkg_months"),
                    ("position", "position_tmt"),
                    "unit",
                    "supervisor_override",
                )
            },
        ),
        (
            _("Education, family and pay"),
            {
                "fields": (
                    ("education_level", "education_major"),
                    ("marital_status", "ptkp_status"),
                    ("bank_name", "bank_account"),
                    ("email", "phone"),
                )
            },
        ),
    )

    @admin.display(description=_("name"), ordering="name")
    def full_name(self, obj):
        return obj.full_name

    def get_queryset(self, request):
        return employees_visible_to(request.user)

    def has_import_permission(self, request):
        return sees_all(request.user, DataKind.IDENTITY) and request.user.has_perm(
            "personnel.add_employee"
        )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_see_employee(request.user, obj))

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or can_see_employee(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return sees_all(request.user, DataKind.IDENTITY) and super().has_delete_permission(
            request, obj
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = units_visible_to(request.user)
        if db_field.name == "supervisor_override":
            kwargs["queryset"] = employees_visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if sees_all(request.user, DataKind.IDENTITY):
            return ()
        # OPD operators keep contact, family and bank details current; identity and
        # appointment data come from BKD decrees.
        return OPERATOR_READONLY_FIELDS

    def process_result(self, result, request):
        """After the confirm step: report a file that was rolled back instead of "imported".

        The preview only offers confirmation for a clean file, but the data can change between
        preview and confirmation (another import, an edit); then nothing is imported.
        """
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "Nothing was imported: some rows are no longer valid. "
                    "Upload the file again to see the errors."
                ),
            )
            return redirect("admin:personnel_employee_import")
        return super().process_result(result, request)

    def create(self, request, form):
        return services.employee_create(**form.cleaned_data, by=request.user)

    def update(self, request, obj, form):
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        return services.employee_update(employee=obj, data=changed, by=request.user)

    def delete(self, request, obj):
        services.employee_delete(employee=obj, by=request.user)
