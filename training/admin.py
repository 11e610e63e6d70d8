"""Admin for BKD training officers: catalogue, sessions, seat allocation, attendance, results.

Enrolment moves, attendance, results and certificate revocation go through `services.py`;
actions that need a reason read it from the field next to the action menu.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from asn_portal.common.files import file_display_name, file_link
from asn_portal.personnel.access import DataKind, employees_visible_to

from . import selectors, services
from .models import (
    Attendance,
    Certificate,
    EligibilityRule,
    Enrolment,
    ExternalTraining,
    JpCredit,
    Program,
    TrainingSession,
    UnitQuota,
)


class ReasonActionForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason (for reject / revoke)"), required=False, max_length=1000
    )


def _run(modeladmin, request, queryset, func, done_message):
    """Run a service per object; report how many succeeded and each refusal."""
    done = 0
    for obj in queryset:
        try:
            func(obj)
            done += 1
        except ValidationError as exc:
            modeladmin.message_user(
                request, f"{obj}: {' '.join(exc.messages)}", level=messages.ERROR
            )
    if done:
        modeladmin.message_user(request, done_message % {"n": done}, level=messages.SUCCESS)


class ScopedAdmin(admin.ModelAdmin):
    """Rows about employees outside the user's scope are not listed."""

    employee_path = "employee"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        visible = employees_visible_to(request.user, DataKind.TRAINING).values("pk")
        return qs.filter(**{f"{self.employee_path}__in": visible})


class EligibilityRuleInline(admin.TabularInline):
    model = EligibilityRule
    extra = 0
    autocomplete_fields = ["min_rank", "max_rank"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "kind", "jp", "delivery", "provider", "is_active"]
    list_filter = ["kind", "delivery", "is_active", "competency_area"]
    search_fields = ["code", "title", "provider", "competency_area"]
    inlines = [EligibilityRuleInline]


class UnitQuotaInline(admin.TabularInline):
    model = UnitQuota
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "start_date",
        "end_date",
        "capacity",
        "seats_taken",
        "waiting",
        "is_cancelled",
        "attendance_link",
    ]
    list_filter = ["program__kind", "is_cancelled", "start_date"]
    search_fields = ["name", "program__title", "program__code"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["program"]
    readonly_fields = ["allocated_at", "closed_at"]
    inlines = [UnitQuotaInline]
    actions = ["allocate_seats", "record_results"]
    list_select_related = ["program"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                taken=Count("enrolments", filter=Q(enrolments__status__in=selectors.SEAT_STATUSES)),
                waitlisted=Count("enrolments", filter=Q(enrolments__status="waitlisted")),
            )
        )

    @admin.display(description=_("seats taken"), ordering="taken")
    def seats_taken(self, obj):
        return obj.taken

    @admin.display(description=_("waitlist"), ordering="waitlisted")
    def waiting(self, obj):
        return obj.waitlisted

    @admin.display(description=_("attendance"))
    def attendance_link(self, obj):
        url = reverse("admin:training_trainingsession_attendance", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Mark attendance"))

    @admin.action(description=_("Allocate seats by priority (fewest JP first)"))
    def allocate_seats(self, request, queryset):
        def allocate(session):
            result = services.session_allocate_seats(session=session, by=request.user)
            self.message_user(
                request,
                _("%(s)s: %(seated)d seats allocated, %(waitlisted)d on the waitlist.")
                % {"s": session, **result},
            )

        _run(self, request, queryset, allocate, _("Allocated %(n)d sessions."))

    @admin.action(description=_("Record results (completion, JP, certificates)"))
    def record_results(self, request, queryset):
        def record(session):
            services.session_record_results(session=session, by=request.user)

        _run(self, request, queryset, record, _("Results recorded for %(n)d sessions."))

    def get_urls(self):
        view = self.admin_site.admin_view(self.attendance_view)
        return [
            path("<int:pk>/attendance/", view, name="training_trainingsession_attendance"),
            *super().get_urls(),
        ]

    def attendance_view(self, request, pk):
        """A grid of confirmed participants × session days; ticked boxes are present."""
        if not request.user.has_perm("training.add_attendance"):
            raise PermissionDenied
        session = get_object_or_404(TrainingSession.objects.select_related("program"), pk=pk)
        participants = list(
            session.enrolments.filter(status=Enrolment.Status.CONFIRMED)
            .filter(employee__in=employees_visible_to(request.user, DataKind.TRAINING).values("pk"))
            .select_related("employee")
            .order_by("employee__name")
        )
        days = session.days()
        if request.method == "POST":
            errors = 0
            for enrolment in participants:
                for day in days:
                    present = f"p-{enrolment.pk}-{day:%Y%m%d}" in request.POST
                    try:
                        services.attendance_mark(
                            enrolment=enrolment, day=day, present=present, by=request.user
                        )
                    except ValidationError as exc:
                        errors += 1
                        self.message_user(request, " ".join(exc.messages), messages.ERROR)
            if not errors:
                self.message_user(request, _("Attendance saved."), messages.SUCCESS)
            return redirect(request.path)
        marked = {
            (a.enrolment_id, a.date): a.present
            for a in Attendance.objects.filter(enrolment__in=participants)
        }
        rows = [
            (
                enrolment,
                [
                    (f"p-{enrolment.pk}-{day:%Y%m%d}", marked.get((enrolment.pk, day), False))
                    for day in days
                ],
            )
            for enrolment in participants
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Attendance: %(s)s") % {"s": session},
            "session": session,
            "days": days,
            "rows": rows,
        }
        return render(request, "training/admin/attendance.html", context)


@admin.register(Enrolment)
class EnrolmentAdmin(ScopedAdmin):
    list_display = [
        "employee",
        "session",
        "status",
        "supervisor_approved",
        "requested_at",
        "allocation_rank",
    ]
    list_filter = ["status", "session__program__kind", "session__start_date"]
    search_fields = ["employee__nip", "employee__name", "session__name", "session__program__title"]
    list_select_related = ["employee", "session__program"]
    action_form = ReasonActionForm
    actions = ["record_approval", "confirm", "reject", "cancel", "record_result"]
    readonly_fields = [f.name for f in Enrolment._meta.fields if f.name not in ("id",)]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("supervisor approved"), boolean=True)
    def supervisor_approved(self, obj):
        return obj.supervisor_approved_at is not None

    @admin.action(description=_("Record the supervisor's approval given outside the portal"))
    def record_approval(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda e: services.enrolment_record_supervisor_approval(enrolment=e, by=request.user),
            _("%(n)d approvals recorded."),
        )

    @admin.action(description=_("Confirm the seat (supervisor approved)"))
    def confirm(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda e: services.enrolment_confirm(enrolment=e, by=request.user),
            _("%(n)d enrolments confirmed."),
        )

    @admin.action(description=_("Reject (give the reason)"))
    def reject(self, request, queryset):
        reason = request.POST.get("reason", "")
        _run(
            self,
            request,
            queryset,
            lambda e: services.enrolment_reject(enrolment=e, by=request.user, reason=reason),
            _("%(n)d enrolments rejected."),
        )

    @admin.action(description=_("Cancel"))
    def cancel(self, request, queryset):
        reason = request.POST.get("reason", "")
        _run(
            self,
            request,
            queryset,
            lambda e: services.enrolment_cancel(enrolment=e, by=request.user, reason=reason),
            _("%(n)d enrolments cancelled."),
        )

    @admin.action(description=_("Record the result from attendance"))
    def record_result(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda e: services.enrolment_record_result(enrolment=e, by=request.user),
            _("%(n)d results recorded."),
        )


@admin.register(Certificate)
class CertificateAdmin(ScopedAdmin):
    employee_path = "enrolment__employee"
    list_display = ["code", "enrolment", "issued_at", "revoked_at"]
    search_fields = ["code", "enrolment__employee__nip", "enrolment__employee__name"]
    list_select_related = ["enrolment__employee", "enrolment__session__program"]
    readonly_fields = [
        "enrolment",
        "code",
        "issued_at",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
    ]
    action_form = ReasonActionForm
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke (give the reason)"))
    def revoke(self, request, queryset):
        reason = request.POST.get("reason", "")
        _run(
            self,
            request,
            queryset,
            lambda c: services.certificate_revoke(certificate=c, by=request.user, reason=reason),
            _("%(n)d certificates revoked."),
        )


@admin.register(ExternalTraining)
class ExternalTrainingAdmin(ScopedAdmin):
    list_display = ["employee", "title", "provider", "end_date", "jp", "status", "evidence_link"]
    list_filter = ["status", "kind"]
    search_fields = ["employee__nip", "employee__name", "title", "provider"]
    list_select_related = ["employee"]
    # The evidence is the employee's: shown by name, linked to the authorised view, never edited.
    exclude = ["evidence"]
    readonly_fields = [
        "evidence_link",
        "status",
        "reviewed_by",
        "reviewed_at",
        "review_note",
        "submitted_at",
    ]
    action_form = ReasonActionForm
    actions = ["validate", "reject"]

    @admin.display(description=_("evidence"))
    def evidence_link(self, obj):
        name = file_display_name(
            obj.evidence, stem=obj.evidence_stem, content_type=obj.evidence_content_type
        )
        return file_link(obj.get_download_url(), name)

    @admin.action(description=_("Validate and credit the JP"))
    def validate(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda r: services.external_training_validate(record=r, by=request.user),
            _("%(n)d records validated."),
        )

    @admin.action(description=_("Reject (give the reason)"))
    def reject(self, request, queryset):
        reason = request.POST.get("reason", "")
        _run(
            self,
            request,
            queryset,
            lambda r: services.external_training_reject(record=r, by=request.user, reason=reason),
            _("%(n)d records rejected."),
        )


@admin.register(JpCredit)
class JpCreditAdmin(ScopedAdmin):
    """The JP ledger is written by services only; here it is read."""

    list_display = ["employee", "year", "jp", "credited_on", "description"]
    list_filter = ["year"]
    search_fields = ["employee__nip", "employee__name", "description"]
    list_select_related = ["employee"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
