"""Admin of applications, applicants, sanggah, conflicts of interest and publications."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from asn_portal.accounts import roles
from asn_portal.common.admin_base import ReadOnlyAdminMixin, ServiceAdmin
from asn_portal.common.workflow import allowed_moves

from .. import services
from ..models import (
    Applicant,
    Application,
    ApplicationDocument,
    ConflictOfInterest,
    Objection,
    Publication,
    VerificationDecision,
)
from .selections import _history


class DocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0
    can_delete = False
    fields = ["kind", "download", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("recruitment:document", args=[obj.pk]), _("Download")
        )

    def has_add_permission(self, request, obj=None):
        return False


class DecisionInline(admin.TabularInline):
    model = VerificationDecision
    extra = 0
    can_delete = False
    readonly_fields = ["requirement", "verdict", "reason", "decided_by", "decided_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Applications change only through the applicant's and the verifier's services."""

    list_display = [
        "registration_number",
        "applicant",
        "formasi",
        "status",
        "verifier",
        "skd_total",
        "skd_rank",
        "final_score",
        "final_rank",
        "result",
    ]
    list_filter = ["selection", "status", "result", "to_skb"]
    search_fields = ["registration_number", "applicant__nik", "applicant__name"]
    list_select_related = ["applicant", "formasi", "verifier"]
    inlines = [DocumentInline, DecisionInline]
    show_full_result_count = False
    readonly_fields = ["history"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + ["history"]

    @admin.display(description=_("status history"))
    def history(self, obj):
        return _history(obj)


@admin.register(Applicant)
class ApplicantAdmin(ServiceAdmin):
    list_display = ["nik", "name", "education_level", "major", "email_confirmed_at"]
    search_fields = ["nik", "name", "user__email"]
    readonly_fields = ["user", "nik", "email_confirmed_at", "created_at"]

    def update(self, request, obj, form):
        return services.applicant_update_profile(
            applicant=obj,
            **{
                f: form.cleaned_data[f]
                for f in services.applications.PROFILE_FIELDS
                if f in form.cleaned_data
            },
        )


class ObjectionAnswerForm(forms.ModelForm):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Accept: the applicant becomes MS")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
    )

    class Meta:
        model = Objection
        fields = ["answer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "answer" in self.fields:
            self.fields["answer"].required = True


@admin.register(Objection)
class ObjectionAdmin(ServiceAdmin):
    """The officer answers a sanggah here; `objection_answer` makes the move and logs it."""

    form = ObjectionAnswerForm
    list_display = ["application", "status", "filed_at", "answer_due", "answered_by"]
    list_filter = ["status", "application__selection"]
    search_fields = ["application__registration_number"]
    readonly_fields = [
        "application",
        "text",
        "filed_at",
        "answer_due",
        "status",
        "answered_by",
        "answered_at",
        "history",
    ]
    fields = ["application", "text", "filed_at", "answer_due", "status", "accept", "answer"]

    def _answerable(self, request, obj) -> bool:
        return obj is not None and bool(allowed_moves(obj, request.user))

    def has_change_permission(self, request, obj=None):
        if obj is not None and not self._answerable(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def get_fields(self, request, obj=None):
        if not self._answerable(request, obj):
            return [f for f in self.fields if f != "accept"] + [
                "answered_by",
                "answered_at",
                "history",
            ]
        return self.fields

    @admin.display(description=_("status history"))
    def history(self, obj):
        return _history(obj)

    def update(self, request, obj, form):
        return services.objection_answer(
            objection=obj,
            by=request.user,
            accept=form.cleaned_data["accept"],
            answer=form.cleaned_data["answer"],
        )


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(ServiceAdmin):
    list_display = ["verifier", "applicant", "reason", "declared_at"]
    search_fields = ["applicant__nik", "applicant__name", "verifier__username"]
    raw_id_fields = ["applicant"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get("verifier")
        if field is not None:
            field.queryset = field.queryset.filter(
                Q(groups__name=roles.RECRUITMENT_OFFICER) | Q(is_superuser=True)
            ).distinct()
            field.initial = request.user.pk
        return form

    def create(self, request, form):
        data = form.cleaned_data
        return services.conflict_declare(
            verifier=data["verifier"], applicant=data["applicant"], reason=data["reason"]
        )


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: publications are frozen (triggers refuse UPDATE and DELETE below the ORM)."""

    list_display = ["selection", "kind", "version", "published_at", "row_count", "fingerprint"]
    list_filter = ["selection", "kind"]
    exclude = ["payload"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("payload")
