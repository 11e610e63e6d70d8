"""Admin of the selection for recruitment officers: thin, every change through the services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from asn_portal.accounts import roles

from . import selectors, services
from .forms import PublishForm, RuleChangeForm, ScoreImportForm
from .models import (
    Announcement,
    Applicant,
    Application,
    ApplicationDocument,
    ConflictOfInterest,
    Formasi,
    Objection,
    PassingGrade,
    Publication,
    RuleChange,
    Selection,
    TimelineStage,
    VerificationDecision,
)
from .services.selections import RULE_FIELDS


class _FrozenWhenPublished:
    """Inline rows of published rules change only through "Change published rules"."""

    def _published(self, obj) -> bool:
        return bool(obj and obj.rules_published_at)

    def has_add_permission(self, request, obj=None):
        return not self._published(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._published(obj) and super().has_delete_permission(request, obj)


class TimelineInline(_FrozenWhenPublished, admin.TabularInline):
    model = TimelineStage
    extra = 0


class PassingGradeInline(_FrozenWhenPublished, admin.TabularInline):
    model = PassingGrade
    extra = 0


class RuleChangeInline(admin.TabularInline):
    model = RuleChange
    extra = 0
    can_delete = False
    readonly_fields = ["field", "old_value", "new_value", "reason", "changed_by", "changed_at"]

    def has_add_permission(self, request, obj=None):
        return False


def _recruitment_officers():
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.RECRUITMENT_OFFICER)
        .distinct()
    )


@admin.register(Selection)
class SelectionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "approved_quota", "rules_published_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TimelineInline, PassingGradeInline, RuleChangeInline]
    readonly_fields = ["status", "rules_published_at", "tools"]
    actions = ["publish_rules", "assign_verifiers", "rank_skd", "rank_final"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.rules_published_at:
            fields += [*RULE_FIELDS, "kind", "approved_quota"]
        return fields

    @admin.display(description=_("Tools"))
    def tools(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:recruitment_selection_import", args=[obj.pk]),
            _("Import scores"),
            reverse("admin:recruitment_selection_publish", args=[obj.pk]),
            _("Publish results"),
            reverse("admin:recruitment_selection_rules", args=[obj.pk]),
            _("Change published rules"),
            reverse("recruitment:selection", args=[obj.slug]),
            _("Public page"),
            reverse("recruitment:verification_queue"),
            _("My verification queue"),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.selection_ensure_defaults(selection=obj)

    def _run(self, request, queryset, func, done):
        for selection in queryset:
            try:
                result = func(selection)
            except services.RecruitmentError as exc:
                self.message_user(request, f"{selection}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{selection}: {done} {result or ''}", messages.SUCCESS)

    @admin.action(description=_("Publish the rules (before registration opens)"))
    def publish_rules(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda s: services.selection_publish_rules(selection=s, by=request.user) and "",
            _("rules published."),
        )

    @admin.action(description=_("Assign applications to verifiers at random"))
    def assign_verifiers(self, request, queryset):
        officers = _recruitment_officers()
        self._run(
            request,
            queryset,
            lambda s: services.verification_assign(selection=s, verifiers=officers),
            _("applications assigned:"),
        )

    @admin.action(description=_("Rank the SKD results (passing grades, N × quota to SKB)"))
    def rank_skd(self, request, queryset):
        self._run(
            request, queryset, lambda s: services.selection_rank_skd(selection=s), _("ranked:")
        )

    @admin.action(description=_("Compute the final ranking"))
    def rank_final(self, request, queryset):
        self._run(
            request, queryset, lambda s: services.selection_rank_final(selection=s), _("ranked:")
        )

    def get_urls(self):
        own = [
            path(
                "<int:pk>/import/",
                self.admin_site.admin_view(self.import_view),
                name="recruitment_selection_import",
            ),
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="recruitment_selection_publish",
            ),
            path(
                "<int:pk>/rules/",
                self.admin_site.admin_view(self.rules_view),
                name="recruitment_selection_rules",
            ),
        ]
        return own + super().get_urls()

    def _tool_page(self, request, selection, form, title, report=None, status=200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": selection,
            "title": title,
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "recruitment/admin_tool.html", context, status=status)

    def _selection(self, request, pk):
        selection = get_object_or_404(Selection, pk=pk)
        if not self.has_change_permission(request, selection):
            raise PermissionDenied
        return selection

    def import_view(self, request, pk):
        selection = self._selection(request, pk)
        form = ScoreImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.scores_import(
                    selection=selection,
                    kind=form.cleaned_data["kind"],
                    data=upload.read(),
                    filename=upload.name,
                )
            except services.RecruitmentError as exc:
                form.add_error("file", exc)
            else:
                if report.ok:
                    self.message_user(request, _("%(n)d rows imported.") % {"n": report.imported})
                    return redirect("admin:recruitment_selection_change", selection.pk)
        status = 400 if request.method == "POST" else 200
        return self._tool_page(request, selection, form, _("Import scores"), report, status)

    def publish_view(self, request, pk):
        selection = self._selection(request, pk)
        form = PublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                publication = services.publication_publish(
                    selection=selection,
                    kind=form.cleaned_data["kind"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except services.RecruitmentError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(
                    request,
                    _("Published version %(v)d, fingerprint %(f)s.")
                    % {"v": publication.version, "f": publication.fingerprint},
                )
                return redirect("admin:recruitment_selection_change", selection.pk)
        status = 400 if request.method == "POST" else 200
        return self._tool_page(request, selection, form, _("Publish results"), status=status)

    def rules_view(self, request, pk):
        selection = self._selection(request, pk)
        form = RuleChangeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            key, raw = form.cleaned_data["key"].strip(), form.cleaned_data["value"].strip()
            try:
                value = _parse_rule_value(key, raw)
                services.selection_change_rules(
                    selection=selection,
                    changes={key: value},
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except services.RecruitmentError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(request, _("Rule changed; the change is public."))
                return redirect("admin:recruitment_selection_change", selection.pk)
        status = 400 if request.method == "POST" else 200
        return self._tool_page(request, selection, form, _("Change published rules"), status=status)


def _parse_rule_value(key: str, raw: str):
    import datetime as dt

    if key.startswith("timeline:") or key == "age_reference_date":
        try:
            return dt.date.fromisoformat(raw)
        except ValueError as exc:
            raise services.RecruitmentError(_("Give the date as YYYY-MM-DD.")) from exc
    if raw in ("", "-", "—") and key.startswith("grade:"):
        return None
    if not raw.isdigit():
        raise services.RecruitmentError(_("Give a whole number."))
    return int(raw)


class FormasiAdminForm(forms.ModelForm):
    class Meta:
        model = Formasi
        fields = [
            "selection",
            "code",
            "position_name",
            "position",
            "unit",
            "education_level",
            "majors",
            "min_ipk",
            "quota",
            "category",
            "placement",
            "skb_cat_weight",
            "skb_interview_weight",
            "skb_other_weight",
        ]

    def clean(self):
        data = super().clean()
        selection, quota = data.get("selection"), data.get("quota")
        if selection and quota:
            used = selectors.quota_used(selection, excluding=self.instance.pk)
            if used + quota > selection.approved_quota:
                raise forms.ValidationError(
                    _("The formasi quotas would exceed the %(n)d approved seats.")
                    % {"n": selection.approved_quota}
                )
        return data


@admin.register(Formasi)
class FormasiAdmin(admin.ModelAdmin):
    form = FormasiAdminForm
    list_display = [
        "code",
        "position_name",
        "unit",
        "education_level",
        "category",
        "quota",
        "export",
    ]
    list_filter = ["selection", "category", "education_level"]
    search_fields = ["code", "position_name"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit", "position"]

    @admin.display(description=_("results"))
    def export(self, obj):
        return format_html(
            '<a href="{}">XLSX</a>', reverse("recruitment:formasi_export", args=[obj.pk])
        )

    def get_readonly_fields(self, request, obj=None):
        """Formasi are part of the published rules: frozen once the selection is announced."""
        if obj and obj.selection.rules_published_at:
            return FormasiAdminForm.Meta.fields
        return []

    def has_delete_permission(self, request, obj=None):
        if obj and obj.selection.rules_published_at:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        services.formasi_save(formasi=obj)


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
class ApplicationAdmin(admin.ModelAdmin):
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

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Applicant)
class ApplicantAdmin(admin.ModelAdmin):
    list_display = ["nik", "name", "education_level", "major", "email_confirmed_at"]
    search_fields = ["nik", "name", "user__email"]
    readonly_fields = ["user", "nik", "email_confirmed_at", "created_at"]

    def has_add_permission(self, request):
        return False


class ObjectionAnswerForm(forms.ModelForm):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Accept: the applicant becomes MS")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
    )

    class Meta:
        model = Objection
        fields = ["answer"]


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):
    form = ObjectionAnswerForm
    list_display = ["application", "status", "filed_at", "answer_due", "answered_by"]
    list_filter = ["status", "application__selection"]
    search_fields = ["application__registration_number"]
    readonly_fields = ["application", "text", "filed_at", "answer_due", "status", "answered_by"]
    fields = ["application", "text", "filed_at", "answer_due", "status", "accept", "answer"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.status != Objection.Status.PENDING:
            return [*self.readonly_fields, "answer"]
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        if obj and obj.status != Objection.Status.PENDING:
            return [f for f in self.fields if f != "accept"] + ["answered_by", "answered_at"]
        return self.fields

    def save_model(self, request, obj, form, change):
        try:
            services.objection_answer(
                objection=obj,
                by=request.user,
                accept=form.cleaned_data["accept"],
                answer=form.cleaned_data["answer"],
            )
        except services.RecruitmentError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        services.conflict_declare(verifier=obj.verifier, applicant=obj.applicant, reason=obj.reason)


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Read only: publications are frozen (triggers refuse UPDATE and DELETE below the ORM)."""

    list_display = ["selection", "kind", "version", "published_at", "row_count", "fingerprint"]
    list_filter = ["selection", "kind"]
    exclude = ["payload"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("payload")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "selection", "published_at"]
    list_filter = ["selection"]
