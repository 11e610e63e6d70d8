"""Admin for BKD appraisal officers: cycles, periods, raters, unit results; SKPs and evaluations
read-only (they change in the portal, through services).

OPD operators may read the SKPs and evaluations of their units. Who gave which 360° answer is
visible to BKD staff only: the feedback request admin is closed to everyone else.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from asn_portal.common.admin_base import ServiceAdmin, service_action
from asn_portal.common.files import file_display_name, file_link
from asn_portal.common.workflow import can_move
from asn_portal.personnel.access import DataKind, Scope, is_opd_operator, scope_of, sees_all

from . import selectors, services
from .models import (
    Cycle,
    Evaluation,
    FeedbackNote,
    FeedbackRequest,
    Period,
    Plan,
    PlanResult,
    PlanVersion,
    Realisation,
    UnitAssessment,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PeriodInline(admin.TabularInline):
    model = Period
    extra = 0
    can_delete = False
    fields = (
        "kind",
        "number",
        "start",
        "end",
        "status",
        "self_assessment_due",
        "feedback_due",
        "rating_due",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CycleForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = [
            "year",
            "frequency",
            "units",
            "plan_due",
            "self_assessment_days",
            "feedback_days",
            "rating_days",
            "reminder_days",
            "escalation_days",
        ]

    def clean_reminder_days(self):
        value = self.cleaned_data["reminder_days"].replace(" ", "")
        parts = value.split(",")
        if not value or not all(p.isdigit() and 0 < int(p) <= 60 for p in parts):
            raise ValidationError(_("Give whole numbers of days from 1 to 60, e.g. 7,3,1."))
        return value

    def clean(self):
        data = super().clean()
        year, due = data.get("year"), data.get("plan_due")
        if year and due and due.year != year:
            self.add_error("plan_due", _("The SKP plan is due within the cycle's year."))
        return data


def _per(service, name: str, key: str):
    """A service as `service_action` calls it: (obj=…, by=user) → service(<key>=obj, by=user)."""

    def call(*, obj, by):
        return service(**{key: obj}, by=by)

    call.__name__ = name
    return call


@admin.register(Cycle)
class CycleAdmin(ServiceAdmin):
    # The read-only period inline is shown, never saved (periods change through services).
    form = CycleForm
    list_display = ("year", "frequency", "status", "plan_due", "opened_at", "dashboard_link")
    list_filter = ("status", "frequency")
    filter_horizontal = ("units",)
    inlines = [PeriodInline]
    actions = [
        service_action(
            _per(services.cycle_open_request, "open_cycles", "cycle"),
            description=_("Open the selected cycles (creates every employee's SKP)"),
            done=_("%(count)d cycle(s) are being opened: every employee's SKP is being created."),
            permissions=("change",),
        ),
        service_action(
            _per(services.cycle_supervisors_refresh, "refresh_supervisors", "cycle"),
            description=_("Refresh the direct supervisors from the organisation"),
            permissions=("change",),
        ),
        service_action(
            _per(services.cycle_close, "close_cycles", "cycle"),
            description=_("Close the selected cycles"),
            permissions=("change",),
        ),
    ]

    def construct_change_message(self, request, form, formsets, add=False):
        return super().construct_change_message(request, form, [], add)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not can_move(obj, Cycle.Status.OPEN):
            return ("year", "frequency", "units")  # fixed once the cycle is open
        return ()

    def create(self, request, form):
        data = dict(form.cleaned_data)
        return services.cycle_create(by=request.user, **data)

    def update(self, request, obj, form):
        data = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data}
        return services.cycle_update(cycle=obj, by=request.user, **data)

    @admin.display(description=_("dashboard"))
    def dashboard_link(self, obj):
        url = reverse("appraisal:dashboard")
        return format_html(
            '<a href="{}?year={}">{}</a>', url, obj.year, _("Completion and predikat")
        )


@admin.register(Period)
class PeriodAdmin(ServiceAdmin):
    list_display = (
        "__str__",
        "cycle",
        "kind",
        "status",
        "self_assessment_due",
        "feedback_due",
        "rating_due",
    )
    list_filter = ("cycle", "kind", "status")
    readonly_fields = ("cycle", "kind", "number", "start", "end", "status", "notified_at")
    fields = (*readonly_fields, "self_assessment_due", "feedback_due", "rating_due")
    actions = [
        service_action(
            _per(services.period_close, "close_periods", "period"),
            description=_("Close the selected periods"),
            permissions=("change",),
        )
    ]

    def update(self, request, obj, form):
        data = form.cleaned_data
        return services.period_deadlines_set(
            period=obj,
            by=request.user,
            self_assessment_due=data["self_assessment_due"],
            feedback_due=data["feedback_due"],
            rating_due=data["rating_due"],
        )


class UnitScopedReadAdmin(admin.ModelAdmin):
    """Read-only, for appraisal officers and the OPD operators of the employee's unit."""

    def _reader(self, request) -> bool:
        user = request.user
        return scope_of(user, DataKind.APPRAISAL) >= Scope.UNIT and (
            is_opd_operator(user) or user.has_perm(f"appraisal.view_{self.model._meta.model_name}")
        )

    def has_module_permission(self, request):
        return self._reader(request)

    def has_view_permission(self, request, obj=None):
        return self._reader(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PlanResultInline(ReadOnlyInline):
    model = PlanResult
    fields = ("order", "description", "indicator", "target", "parent")
    readonly_fields = fields


class PlanVersionInline(ReadOnlyInline):
    model = PlanVersion
    fields = ("number", "submitted_at", "decision", "decided_at", "comment", "results")
    readonly_fields = fields


@admin.register(Plan)
class PlanAdmin(UnitScopedReadAdmin):
    list_display = ("employee", "cycle", "supervisor", "status", "version", "submitted_at")
    list_filter = ("cycle", "status")
    search_fields = ("employee__nip", "employee__name")
    list_select_related = ("employee", "cycle", "supervisor")
    readonly_fields = (
        "cycle",
        "employee",
        "supervisor",
        "status",
        "version",
        "comment",
        "submitted_at",
        "decided_at",
    )
    fields = readonly_fields
    inlines = [PlanResultInline, PlanVersionInline]

    def get_queryset(self, request):
        return selectors.plans_visible_to(request.user)


class RealisationInline(ReadOnlyInline):
    model = Realisation
    fields = ("result", "realisation", "evidence_url", "evidence", "updated_at")
    readonly_fields = fields

    @admin.display(description=_("evidence file"))
    def evidence(self, obj):
        name = file_display_name(
            obj.evidence_file, stem=obj.evidence_stem, content_type=obj.evidence_content_type
        )
        return file_link(obj.get_download_url(), name)


class FeedbackNoteInline(ReadOnlyInline):
    model = FeedbackNote
    fields = ("created_at", "author", "text")
    readonly_fields = fields


@admin.register(Evaluation)
class EvaluationAdmin(UnitScopedReadAdmin):
    list_display = ("employee", "period", "supervisor", "status", "predikat")
    list_filter = ("period__cycle", "period__kind", "status", "predikat")
    search_fields = ("employee__nip", "employee__name")
    list_select_related = ("employee", "period", "supervisor")
    readonly_fields = (
        "period",
        "employee",
        "supervisor",
        "status",
        "rating_results",
        "rating_behaviour",
        "predikat",
        "unit_result_applied",
        "results_feedback",
        "behaviour_feedback",
        "submitted_at",
        "rated_at",
        "acknowledged_at",
    )
    fields = readonly_fields
    inlines = [RealisationInline, FeedbackNoteInline]

    def get_queryset(self, request):
        return selectors.evaluations_visible_to(request.user)


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(ServiceAdmin):
    """Raters of the 360° feedback; appraisal officers and BKD administrators only (the matrix's
    360° cell), since it shows who answered what."""

    fields = ("evaluation", "rater", "group")
    list_display = ("evaluation", "rater", "group", "answered_at")
    list_filter = (
        "evaluation__period__cycle",
        "group",
        ("answered_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("evaluation__employee__nip", "evaluation__employee__name", "rater__nip")
    list_select_related = ("evaluation__employee", "evaluation__period", "rater")
    raw_id_fields = ("evaluation", "rater")

    def has_module_permission(self, request):
        return sees_all(request.user, DataKind.FEEDBACK_360) and super().has_module_permission(
            request
        )

    def has_view_permission(self, request, obj=None):
        return sees_all(request.user, DataKind.FEEDBACK_360) and super().has_view_permission(
            request, obj
        )

    def has_add_permission(self, request):
        return sees_all(request.user, DataKind.FEEDBACK_360) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.answered_at:
            return False
        return sees_all(request.user, DataKind.FEEDBACK_360) and super().has_delete_permission(
            request, obj
        )

    def create(self, request, form):
        data = form.cleaned_data
        return services.feedback_rater_add(
            evaluation=data["evaluation"], rater=data["rater"], group=data["group"],
            by=request.user,
        )  # fmt: skip

    def delete(self, request, obj):
        services.feedback_rater_remove(request=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset.filter(answered_at__isnull=True):
            self.delete(request, obj)


@admin.register(UnitAssessment)
class UnitAssessmentAdmin(ServiceAdmin):
    """Unit results are decisions: set through `unit_assessment_set`, logged with the officer."""

    list_display = ("unit", "period", "predikat")
    list_filter = ("period__cycle", "predikat")
    search_fields = ("unit__name", "unit__code")
    fields = ("period", "unit", "predikat", "note")
    raw_id_fields = ("unit",)

    def get_readonly_fields(self, request, obj=None):
        return ("period", "unit") if obj is not None else ()

    def create(self, request, form):
        data = form.cleaned_data
        return services.unit_assessment_set(
            period=data["period"], unit=data["unit"], predikat=data["predikat"],
            note=data["note"], by=request.user,
        )  # fmt: skip

    def update(self, request, obj, form):
        data = form.cleaned_data
        return services.unit_assessment_set(
            period=obj.period, unit=obj.unit, predikat=data["predikat"], note=data["note"],
            by=request.user,
        )  # fmt: skip
