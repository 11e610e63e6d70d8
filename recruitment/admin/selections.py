"""Admin of the selection set-up: timeline, passing grades, formasi, rules, announcements."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from asn_portal.accounts import roles
from asn_portal.common.admin_base import ServiceAdmin, service_action, status_history_html

from .. import services
from ..forms import PublishForm, RuleChangeForm, ScoreImportForm
from ..models import (
    Announcement,
    Formasi,
    PassingGrade,
    RuleChange,
    Selection,
    TimelineStage,
)
from ..services.selections import RULE_FIELDS


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


def _history(obj):
    return status_history_html(obj)


def _recruitment_officers():
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.RECRUITMENT_OFFICER)
        .distinct()
    )


def publish_rules(*, obj, by):
    return services.selection_publish_rules(selection=obj, by=by)


def assign_verifiers(*, obj, by):
    return services.verification_assign(selection=obj, verifiers=_recruitment_officers())


def rank_skd(*, obj, by):
    return services.selection_rank_skd(selection=obj)


def rank_final(*, obj, by):
    return services.selection_rank_final(selection=obj)


def close_selection(*, obj, by):
    return services.selection_close(selection=obj, by=by)


@admin.register(Selection)
class SelectionAdmin(ServiceAdmin):
    list_display = ["name", "kind", "status", "approved_quota", "rules_published_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TimelineInline, PassingGradeInline, RuleChangeInline]
    readonly_fields = ["status", "rules_published_at", "tools", "history"]
    actions = [
        service_action(
            publish_rules,
            description=_("Publish the rules (before registration opens)"),
            done=_("Rules of %(count)d selection(s) published."),
        ),
        service_action(
            assign_verifiers, description=_("Assign applications to verifiers at random")
        ),
        service_action(
            rank_skd, description=_("Rank the SKD results (passing grades, N × quota to SKB)")
        ),
        service_action(rank_final, description=_("Compute the final ranking")),
        service_action(close_selection, description=_("Close the selection")),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.rules_published_at:
            fields += [*RULE_FIELDS, "kind", "approved_quota"]
        return fields

    def create(self, request, form):
        return services.selection_create(by=request.user, **form.cleaned_data)

    def update(self, request, obj, form):
        return services.selection_update(selection=obj, fields=form.cleaned_data, by=request.user)

    def save_related(self, request, form, formsets, change):
        """The timeline and passing grades of a draft are its set-up; once the rules are
        published they change only through "Change published rules" (the inlines are frozen)."""
        if not form.instance.rules_published_at:
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

    @admin.display(description=_("status history"))
    def history(self, obj):
        return _history(obj)

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
            except ValidationError as exc:
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
            except ValidationError as exc:
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
        form = RuleChangeForm(request.POST or None, selection=selection)
        if request.method == "POST" and form.is_valid():
            try:
                changed = services.selection_change_rules(
                    selection=selection,
                    changes=form.changes(),
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if changed and selection.rules_published_at:
                    self.message_user(request, _("Rules changed; the change is public."))
                elif changed:
                    self.message_user(request, _("Rules changed."))
                else:
                    self.message_user(request, _("Nothing was changed."), messages.WARNING)
                return redirect("admin:recruitment_selection_change", selection.pk)
        status = 400 if request.method == "POST" else 200
        return self._tool_page(request, selection, form, _("Change published rules"), status=status)


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


@admin.register(Formasi)
class FormasiAdmin(ServiceAdmin):
    """Formasi within the approved seats (`formasi_save`); frozen once the rules are public."""

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

    def create(self, request, form):
        return services.formasi_save(formasi=form.instance)

    def update(self, request, obj, form):
        return services.formasi_save(formasi=obj)

    def delete(self, request, obj):
        services.formasi_delete(formasi=obj)

    def has_delete_permission(self, request, obj=None):
        if obj and obj.selection.rules_published_at:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "selection", "published_at"]
    list_filter = ["selection"]
