"""The agency's side in the admin: intake officers and OPD operators handle reports here.

The list shows what is overdue; each report opens a handling page whose forms call one service
each. Querysets come from `permissions.complaints_visible_to`, so an OPD operator sees only the
reports disposed to their unit, and a confidential reporter's identity only to intake officers.
"""

from __future__ import annotations

import csv
import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from asn_portal.common import calendar
from asn_portal.common.workflow import allowed_moves
from asn_portal.personnel.access import is_opd_operator

from . import codes, forms, permissions, selectors, services
from .models import Category, Complaint, ComplaintEvent, Privacy, ReporterEmail, SlaPolicy


def _can_use(user) -> bool:
    return permissions.is_intake_officer(user) or is_opd_operator(user)


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("due_today", _("Due today"))]

    def queryset(self, request, queryset):
        today = calendar.today()
        if self.value() == "overdue":
            return queryset.filter(status__in=selectors.AGENCY_STAGES, due_on__lt=today)
        if self.value() == "due_today":
            return queryset.filter(status__in=selectors.AGENCY_STAGES, due_on=today)
        return queryset


def masked_identity(complaint: Complaint, user) -> str:
    """What an export or a list shows of the reporter: never an identity the user may not see."""
    if complaint.privacy == Privacy.PUBLIC:
        if permissions.can_see_identity(user, complaint):
            return complaint.reporter_name
        return gettext("Kept by BKD")
    return str(Privacy(complaint.privacy).label)


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["complaints/admin.css"]}

    list_display = [
        "tracking_code",
        "subject",
        "classification",
        "status",
        "disposed_unit",
        "received_at",
        "deadline",
    ]
    list_filter = [OverdueFilter, "status", "classification", "category", "privacy"]
    search_fields = ["tracking_code", "subject"]
    list_select_related = ["disposed_unit"]
    actions = ["export_csv"]
    list_per_page = 50

    def get_queryset(self, request):
        return permissions.complaints_visible_to(request.user).select_related(
            "category", "disposed_unit"
        )

    def has_module_permission(self, request):
        return _can_use(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is not None:
            return permissions.can_see_complaint(request.user, obj)
        return _can_use(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("deadline"), ordering="due_on")
    def deadline(self, obj):
        if not obj.due_on:
            return "—"
        if selectors.is_overdue(obj):
            return format_html(
                '<strong class="asn-overdue">{} · {}</strong>',
                f"{obj.due_on:%d-%m-%Y}",
                gettext("overdue"),
            )
        return f"{obj.due_on:%d-%m-%Y}"

    @admin.action(description=_("Export the selected reports (CSV, identities masked)"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="pengaduan.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                gettext("tracking code"),
                gettext("received at"),
                gettext("classification"),
                gettext("category"),
                gettext("subject"),
                gettext("status"),
                gettext("responsible OPD"),
                gettext("deadline"),
                gettext("reporter"),
            ]
        )
        for c in queryset.select_related("category", "disposed_unit"):
            writer.writerow(
                [
                    c.tracking_code,
                    f"{c.received_at:%Y-%m-%d %H:%M}",
                    c.get_classification_display(),
                    c.category.name,
                    c.subject,
                    c.get_status_display(),
                    c.disposed_unit.name if c.disposed_unit else "",
                    f"{c.due_on:%Y-%m-%d}" if c.due_on else "",
                    masked_identity(c, request.user),
                ]
            )
        return response

    def get_urls(self):
        return [
            path(
                "<int:pk>/handle/",
                self.admin_site.admin_view(self.handle_view),
                name="complaints_complaint_handle",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not re.fullmatch(r"[0-9]{1,18}", str(object_id)):  # "abc", "-1", "٣": no such report
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return redirect("admin:complaints_complaint_handle", pk=object_id)

    # --- The handling page ----------------------------------------------------------------------

    # Each handling form and the workflow move it makes (None: not a move).
    MOVE_FORMS = (
        ("verify", Complaint.Status.VERIFIED, forms.VerifyForm),
        ("postpone", Complaint.Status.NEEDS_INFO, forms.QuestionForm),
        ("not_authority", Complaint.Status.NOT_AUTHORITY, forms.ReasonForm),
        ("archive", Complaint.Status.ARCHIVED, forms.ReasonForm),
        ("dispose", Complaint.Status.DISPOSED, forms.DisposeForm),
        ("merge", Complaint.Status.MERGED, forms.MergeForm),
        ("respond", Complaint.Status.RESPONDED, forms.RespondForm),
    )

    def _actions_for(self, user, complaint: Complaint) -> dict:
        """The forms this user may use on this report now, by action name: the moves the
        workflow allows this user, the case form when the case rule allows it, and notes."""
        targets = {str(move.target) for move in allowed_moves(complaint, user)}
        available = {
            name: form_class
            for name, target, form_class in self.MOVE_FORMS
            if str(target) in targets
        }
        if (
            permissions.is_intake_officer(user)
            and selectors.discipline_case_refusal(complaint) is None
        ):
            available["open_case"] = forms.CaseForm
        available["note"] = forms.NoteForm
        return available

    def _apply(self, action: str, complaint: Complaint, user, data: dict) -> str:
        if action == "verify":
            services.complaint_verify(
                complaint=complaint, by=user, category=data["category"], note=data["note"]
            )
            return gettext("The report is verified.")
        if action == "postpone":
            services.complaint_postpone(complaint=complaint, by=user, question=data["question"])
            return gettext("The question was sent to the reporter.")
        if action == "not_authority":
            services.complaint_reject_not_authority(
                complaint=complaint, by=user, reason=data["reason"]
            )
            return gettext("The report is marked as not our authority.")
        if action == "archive":
            services.complaint_archive(complaint=complaint, by=user, reason=data["reason"])
            return gettext("The report is archived.")
        if action == "dispose":
            services.complaint_dispose(
                complaint=complaint, by=user, unit=data["unit"], note=data["note"]
            )
            return gettext("The report was disposed to the OPD.")
        if action == "respond":
            services.complaint_respond(complaint=complaint, by=user, message=data["message"])
            return gettext("The response was sent to the reporter.")
        if action == "merge":
            into = Complaint.objects.filter(
                tracking_code=codes.normalise_code(data["into"])
            ).first()
            if into is None:
                raise ValidationError(gettext("No report has this tracking code."))
            services.complaint_merge(complaint=complaint, into=into, by=user)
            return gettext("The report was merged.")
        if action == "open_case":
            services.complaint_open_discipline_case(
                complaint=complaint,
                by=user,
                employee=data["nip"],
                legal_article=data["legal_article"],
            )
            return gettext("A disciplinary case was opened.")
        services.complaint_note(complaint=complaint, by=user, message=data["message"])
        return gettext("The note was added.")

    def handle_view(self, request, pk: int):
        complaint = (
            self.get_queryset(request)
            .select_related("category", "reported_unit", "merged_into", "employee")
            .filter(pk=pk)
            .first()
        )
        if complaint is None:
            raise Http404
        user = request.user
        available = self._actions_for(user, complaint)
        bound, identity, status = {}, None, 200
        if request.method == "POST":
            action = request.POST.get("action", "")
            if action == "reveal":
                try:
                    identity = services.complaint_identity_reveal(complaint=complaint, by=user)
                except PermissionDenied as exc:
                    raise PermissionDenied(str(exc)) from exc
            elif action not in available:
                messages.error(request, gettext("This action is not available for this report."))
                status = 400
            else:
                form = available[action](request.POST, prefix=action)
                if form.is_valid():
                    try:
                        messages.success(
                            request, self._apply(action, complaint, user, form.cleaned_data)
                        )
                        return redirect("admin:complaints_complaint_handle", pk=complaint.pk)
                    except ValidationError as exc:
                        for message in exc.messages:
                            form.add_error(None, message)
                bound[action] = form
                status = 400
        if (
            identity is None
            and complaint.privacy == Privacy.PUBLIC
            and permissions.can_see_identity(user, complaint)
        ):
            identity = {
                "name": complaint.reporter_name,
                "email": complaint.reporter_email,
                "phone": complaint.reporter_phone,
            }
        intake = permissions.is_intake_officer(user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{complaint.tracking_code} · {complaint.subject}",
            "complaint": complaint,
            "identity": identity,
            "may_reveal": complaint.privacy == Privacy.CONFIDENTIAL and intake and identity is None,
            "overdue": selectors.is_overdue(complaint),
            "events": complaint.events.select_related("by"),
            "attachments": complaint.attachments.all(),
            "duplicates": selectors.possible_duplicates(complaint)
            if intake and complaint.status in (Complaint.Status.RECEIVED, Complaint.Status.VERIFIED)
            else [],
            "action_forms": [
                (name, bound.get(name) or form_class(prefix=name))
                for name, form_class in available.items()
            ],
            "case_url": _case_url(complaint),
        }
        return TemplateResponse(request, "complaints/admin/handle.html", context, status=status)


def _case_url(complaint: Complaint) -> str:
    if not complaint.discipline_case_id:
        return ""
    try:
        return reverse("admin:rewards_disciplinarycase_change", args=[complaint.discipline_case_id])
    except NoReverseMatch:
        return ""


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "effective_from",
        "verify_days",
        "follow_up_days",
        "auto_close_days",
        "info_wait_days",
        "reopen_days",
        "remind_before_days",
    ]


@admin.register(ComplaintEvent)
class ComplaintEventAdmin(admin.ModelAdmin):
    """The audit trail: read-only, for intake officers."""

    list_display = ["at", "complaint", "kind", "to_status", "by", "by_reporter", "public"]
    list_filter = ["kind", "public"]
    search_fields = ["complaint__tracking_code"]
    list_select_related = ["complaint", "by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReporterEmail)
class ReporterEmailAdmin(admin.ModelAdmin):
    """The outbox of emails to reporters: what is waiting, what was sent."""

    list_display = ["created_at", "complaint", "subject", "sent_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    exclude = ["body", "to"]
    list_select_related = ["complaint"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
