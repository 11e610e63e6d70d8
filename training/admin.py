"""Admin for BKD training officers: catalogue, sessions, seat allocation, attendance, results.

Enrolment moves, attendance, results and certificate revocation go through `services`; every
bulk action is a `service_action` that first shows how many rows and which filter it will act
on. Actions that need a reason read it from the field next to the action menu.
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

from asn_portal.common.admin_base import ReadOnlyAdminMixin, service_action, status_history_html
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


def _reasoned(name: str, service, *, description, done):
    """A confirmed bulk action whose service also takes the reason typed next to the menu."""

    def action(modeladmin, request, queryset):
        reason = request.POST.get("reason", "")

        def run(*, obj, by):
            return service(obj, by, reason)

        run.__name__ = name
        return service_action(run, description=description, done=done)(
            modeladmin, request, queryset
        )

    action.__name__ = name
    action.short_description = description
    return action


def allocate_seats(*, obj, by):
    return services.session_allocate_seats(session=obj, by=by)


def record_results(*, obj, by):
    return services.session_record_results(session=obj, by=by)


def record_approval(*, obj, by):
    return services.enrolment_record_supervisor_approval(enrolment=obj, by=by)


def confirm(*, obj, by):
    return services.enrolment_confirm(enrolment=obj, by=by)


def record_result(*, obj, by):
    return services.enrolment_record_result(enrolment=obj, by=by)


def validate(*, obj, by):
    return services.external_training_validate(record=obj, by=by)


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
    actions = [
        service_action(
            allocate_seats,
            description=_("Allocate seats by priority (fewest JP first)"),
            done=_("Seats allocated in %(count)d session(s)."),
        ),
        service_action(
            record_results,
            description=_("Record results (completion, JP, certificates)"),
            done=_("Results recorded for %(count)d session(s)."),
        ),
    ]
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
class EnrolmentAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    """Enrolments move only through the services (the actions below), each recorded."""

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
    actions = [
        service_action(
            record_approval,
            description=_("Record the supervisor's approval given outside the portal"),
            done=_("%(count)d approvals recorded."),
        ),
        service_action(
            confirm,
            description=_("Confirm the seat (supervisor approved)"),
            done=_("%(count)d enrolments confirmed."),
        ),
        _reasoned(
            "reject",
            lambda e, by, reason: services.enrolment_reject(enrolment=e, by=by, reason=reason),
            description=_("Reject (give the reason)"),
            done=_("%(count)d enrolments rejected."),
        ),
        _reasoned(
            "cancel",
            lambda e, by, reason: services.enrolment_cancel(enrolment=e, by=by, reason=reason),
            description=_("Cancel"),
            done=_("%(count)d enrolments cancelled."),
        ),
        service_action(
            record_result,
            description=_("Record the result from attendance"),
            done=_("%(count)d results recorded."),
        ),
    ]
    readonly_fields = [f.name for f in Enrolment._meta.fields if f.name not in ("id",)] + [
        "history"
    ]

    @admin.display(description=_("supervisor approved"), boolean=True)
    def supervisor_approved(self, obj):
        return obj.supervisor_approved_at is not None

    @admin.display(description=_("status history"))
    def history(self, obj):
        return status_history_html(obj)


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdminMixin, ScopedAdmin):
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
    actions = [
        _reasoned(
            "revoke",
            lambda c, by, reason: services.certificate_revoke(certificate=c, by=by, reason=reason),
            description=_("Revoke (give the reason)"),
            done=_("%(count)d certificates revoked."),
        )
    ]


@admin.register(ExternalTraining)
class ExternalTrainingAdmin(ReadOnlyAdminMixin, ScopedAdmin):
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
    actions = [
        service_action(
            validate,
            description=_("Validate and credit the JP"),
            done=_("%(count)d records validated."),
        ),
        _reasoned(
            "reject",
            lambda r, by, reason: services.external_training_reject(record=r, by=by, reason=reason),
            description=_("Reject (give the reason)"),
            done=_("%(count)d records rejected."),
        ),
    ]

    @admin.display(description=_("evidence"))
    def evidence_link(self, obj):
        name = file_display_name(
            obj.evidence, stem=obj.evidence_stem, content_type=obj.evidence_content_type
        )
        return file_link(obj.get_download_url(), name)


@admin.register(JpCredit)
class JpCreditAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    """The JP ledger is written by services only; here it is read."""

    list_display = ["employee", "year", "jp", "credited_on", "description"]
    list_filter = ["year"]
    search_fields = ["employee__nip", "employee__name", "description"]
    list_select_related = ["employee"]
