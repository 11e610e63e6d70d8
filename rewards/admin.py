"""Admin for BKD rewards and discipline officers: it collects input, the services write.

Every state-changing screen is a `common.admin_base.ServiceAdmin`: the form is validated, then
`create`/`update` call one service; a refusal re-renders the form, editable, with the message.
What an officer may do next is asked of the model's workflow (`allowed_moves`/`can_move`).
Cases and decisions are confidential: querysets come from `permissions.py`.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from asn_portal.common.admin_base import ServiceAdmin, StatusHistoryAdminMixin, service_action
from asn_portal.common.calendar import today
from asn_portal.common.files import (
    PrivateFileWidget,
    file_display_name,
    file_link,
    private_file_response,
)
from asn_portal.common.pdf import pdf_response
from asn_portal.common.workflow import allowed_moves, can_move

from . import documents, selectors, services
from .models import (
    AwardType,
    CaseEvidence,
    DisciplinaryCase,
    Examination,
    Nomination,
    Objection,
    RemedyPolicy,
    Sanction,
)
from .permissions import (
    cases_visible_to,
    handles_discipline,
    objections_visible_to,
    sanctions_visible_to,
)

# Each is what a form creates an object from, passed as is to the service.
CASE_FIELDS = ("employee", "violation", "legal_article", "source", "occurred_on", "reported_on")
SANCTION_FIELDS = (
    "case",
    "level",
    "kind",
    "decree_number",
    "decree_date",
    "official_name",
    "official_title",
    "delivered_on",
)
OBJECTION_FIELDS = ("sanction", "kind", "filed_on", "grounds")
DECISION_FIELDS = ("outcome", "decided_on", "decision_number", "amended_kind", "notes")
NOMINATION_FIELDS = ("employee", "award_type", "year", "justification", "amount")


def _data(form, names) -> dict:
    return {name: form.cleaned_data.get(name) for name in names}


def _stored(obj):
    """The row as saved: the admin asks for read-only fields after the form has copied the
    (possibly refused) input onto `obj`, and a refused decision must stay editable."""
    return type(obj).objects.get(pk=obj.pk)


class DecreePdfMixin:
    """Adds `<pk>/pdf/` serving the object's decree, for objects in the admin's queryset."""

    def decree_pdf(self, obj) -> bytes | None:
        raise NotImplementedError

    def decree_number(self, obj) -> str:
        raise NotImplementedError

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view(self.decree_pdf_view)
        name = f"{opts.app_label}_{opts.model_name}_pdf"
        return [path("<int:pk>/pdf/", view, name=name), *super().get_urls()]

    def decree_pdf_view(self, request, pk):
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        pdf = self.decree_pdf(obj)
        if pdf is None:
            raise Http404(_("This decree cannot be printed yet."))
        return pdf_response(pdf, documents.decree_filename(self.decree_number(obj)))

    @admin.display(description=_("decree"))
    def decree_link(self, obj):
        if obj is None or obj.pk is None or self.decree_number(obj) in ("", None):
            return "—"
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_pdf", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("Print the decree (PDF)"))


class ServiceInlineMixin:
    """An inline whose new rows a service records (in the parent admin's `save_related`)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return obj is not None and self.open_for(obj) and handles_discipline(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EvidenceInline(ServiceInlineMixin, admin.TabularInline):
    """New files of evidence, stored privately; saved ones are listed on the case by name
    (`evidence_files`), since Django's display of a saved file would print its storage path."""

    model = CaseEvidence
    fields = ("file", "description")
    formfield_overrides = {models.FileField: {"widget": PrivateFileWidget}}
    verbose_name_plural = _("add evidence")

    def open_for(self, case):
        return not case.workflow.is_final(case.status)

    def get_queryset(self, request):
        return super().get_queryset(request).none()


class ExaminationInline(ServiceInlineMixin, admin.StackedInline):
    """Summonses and BAPs; new ones are recorded through the service, old ones are kept."""

    model = Examination
    fields = ("kind", "held_on", "document_number", "by_team", "examiners", "summary")
    autocomplete_fields = ("examiners",)

    def open_for(self, case):
        return services.examination_open(case)


class CaseForm(forms.ModelForm):
    start_examination_on = forms.DateField(
        label=_("start the examination on"), required=False, widget=admin.widgets.AdminDateWidget
    )
    close_reason = forms.CharField(
        label=_("close without sanction, because"), required=False, widget=forms.Textarea
    )

    class Meta:
        model = DisciplinaryCase
        fields = CASE_FIELDS


@admin.register(DisciplinaryCase)
class DisciplinaryCaseAdmin(StatusHistoryAdminMixin, ServiceAdmin):
    form = CaseForm
    list_display = ("employee", "reported_on", "source", "legal_article", "status", "proposed_kind")
    list_filter = ("status", "source", "proposed_kind")
    search_fields = ("=employee__nip", "employee__name", "legal_article", "=complaint_code")
    date_hierarchy = "reported_on"
    autocomplete_fields = ("employee",)
    inlines = [EvidenceInline, ExaminationInline]
    show_full_result_count = False

    def get_queryset(self, request):
        if not handles_discipline(request.user):
            return DisciplinaryCase.objects.none()
        return cases_visible_to(request.user)

    def create(self, request, form):
        return services.case_open(**_data(form, CASE_FIELDS), by=request.user)

    def update(self, request, obj, form):
        data = form.cleaned_data
        case = services.case_update_details(
            case=obj,
            violation=data["violation"],
            legal_article=data["legal_article"],
            occurred_on=data.get("occurred_on"),
        )
        if data.get("start_examination_on"):
            case = services.case_start_examination(
                case=case, examined_on=data["start_examination_on"], by=request.user
            )
        if data.get("close_reason"):
            case = services.case_close(case=case, reason=data["close_reason"], by=request.user)
        return case

    def save_related(self, request, form, formsets, change):
        """New evidence and examination steps are recorded by their services."""
        case = DisciplinaryCase.objects.get(pk=form.instance.pk)
        for formset in formsets:
            for inline_form in formset.forms:
                if inline_form.instance.pk or not inline_form.has_changed():
                    continue
                data = inline_form.cleaned_data
                if formset.model is CaseEvidence:
                    services.evidence_add(
                        case=case,
                        file=data["file"],
                        description=data["description"],
                        by=request.user,
                    )
                elif formset.model is Examination:
                    services.examination_record(
                        case=case,
                        kind=data["kind"],
                        held_on=data["held_on"],
                        examiners=list(data.get("examiners") or ()),
                        by_team=data.get("by_team", False),
                        document_number=data.get("document_number", ""),
                        summary=data.get("summary", ""),
                    )
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def get_urls(self):
        view = self.admin_site.admin_view(self.evidence_view)
        url = path("<int:pk>/bukti/<str:filename>", view, name="rewards_disciplinarycase_evidence")
        return [url, *super().get_urls()]

    def evidence_view(self, request, pk, filename):
        """Serve a file of evidence to those who may see the case, never cached."""
        case = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, case):
            raise PermissionDenied
        evidence = get_object_or_404(
            case.evidence.all(), file=f"rewards/cases/{case.pk}/{filename}"
        )
        return private_file_response(
            evidence.file, content_type=evidence.content_type, filename=evidence.original_name
        )

    def get_fields(self, request, obj=None):
        fields = list(CASE_FIELDS)
        if obj is None:
            return fields
        fields += ["status", "proposed_kind", "absence_days", "consecutive_absence_days"]
        fields += ["attendance_evidence", "examined_on", "closing_reason", "created_by"]
        fields += ["complaint_code", "history", "evidence_files"]
        if can_move(obj, DisciplinaryCase.Status.EXAMINATION, request.user):
            fields.append("start_examination_on")
        if can_move(obj, DisciplinaryCase.Status.CLOSED, request.user):
            fields.append("close_reason")
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        readonly = ["employee", "source", "reported_on", "status", "proposed_kind"]
        readonly += ["absence_days", "consecutive_absence_days", "attendance_evidence"]
        readonly += ["examined_on", "closing_reason", "created_by", "complaint_code", "history"]
        return [*readonly, "evidence_files"]

    @admin.display(description=_("evidence"))
    def evidence_files(self, obj):
        """Each file by its original name, linked to the view that checks who may see the case."""
        rows = [
            (
                file_link(e.get_download_url(), e.original_name or file_display_name(e.file)),
                e.description,
                date_format(localtime(e.uploaded_at), "SHORT_DATETIME_FORMAT"),
            )
            for e in obj.evidence.all()
        ]
        if not rows:
            return "—"
        return format_html_join(mark_safe("<br>"), "{} — {} ({})", rows)

    @admin.display(description=_("unexcused absence days"))
    def attendance_evidence(self, obj):
        """The attendance behind a proposal: the year and every unexcused day."""
        if obj is None or not obj.absence_dates:
            return "—"
        days = ", ".join(f"{d[8:10]}-{d[5:7]}-{d[:4]}" for d in obj.absence_dates)
        return f"{obj.absence_year}: {len(obj.absence_dates)} — {days}"


class SanctionForm(forms.ModelForm):
    class Meta:
        model = Sanction
        fields = SANCTION_FIELDS


@admin.register(Sanction)
class SanctionAdmin(DecreePdfMixin, ServiceAdmin):
    form = SanctionForm
    list_display = (
        "decree_number",
        "employee",
        "kind",
        "decree_date",
        "effective_from",
        "ends_on",
        "cancelled_on",
    )
    list_filter = ("level", "kind")
    search_fields = ("=decree_number", "=case__employee__nip", "case__employee__name")
    date_hierarchy = "decree_date"
    show_full_result_count = False

    @admin.display(description=_("employee"), ordering="case__employee__name")
    def employee(self, obj):
        return obj.case.employee

    def get_queryset(self, request):
        if not handles_discipline(request.user):
            return Sanction.objects.none()
        return sanctions_visible_to(request.user).select_related(
            "case__employee__rank", "case__employee__position", "case__employee__unit"
        )

    def create(self, request, form):
        return services.sanction_decide(**_data(form, SANCTION_FIELDS), by=request.user)

    def update(self, request, obj, form):
        delivered_on = form.cleaned_data.get("delivered_on")
        if delivered_on and "delivered_on" in form.changed_data:
            return services.sanction_record_delivery(
                sanction=obj, delivered_on=delivered_on, by=request.user
            )
        return obj

    def get_fields(self, request, obj=None):
        fields = list(SANCTION_FIELDS)
        if obj is not None:
            fields += ["effective_from", "ends_on", "cancelled_on", "decree_link", "decisions"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        readonly = [f for f in SANCTION_FIELDS if f != "delivered_on"]
        if obj.delivered_on is not None:
            readonly.append("delivered_on")
        return [*readonly, "effective_from", "ends_on", "cancelled_on", "decree_link", "decisions"]

    @admin.display(description=_("objection and appeal decisions"))
    def decisions(self, obj):
        """Later decisions on this decree: each its own document; the decree stays as issued."""
        rows = [
            (
                reverse("admin:rewards_objection_change", args=[o.pk]),
                o.decision_number or o.get_kind_display(),
                o.get_outcome_display(),
            )
            for o in obj.objections.order_by("filed_on", "pk")
        ]
        if not rows:
            return "—"
        return format_html_join(", ", '<a href="{}">{}</a> ({})', rows)

    def decree_pdf(self, obj):
        return documents.sanction_decree_pdf(obj)

    def decree_number(self, obj):
        return obj.decree_number

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "case":
            workflow = DisciplinaryCase.workflow
            decidable = [
                s for s in workflow.statuses() if workflow.move(s, DisciplinaryCase.Status.DECIDED)
            ]
            kwargs["queryset"] = cases_visible_to(request.user).filter(status__in=decidable)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ObjectionForm(forms.ModelForm):
    class Meta:
        model = Objection
        fields = (*OBJECTION_FIELDS, *DECISION_FIELDS)


@admin.register(Objection)
class ObjectionAdmin(StatusHistoryAdminMixin, DecreePdfMixin, ServiceAdmin):
    """Filing, then deciding: the decision is its own numbered document with its own PDF."""

    form = ObjectionForm
    list_display = ("sanction", "kind", "filed_on", "outcome", "decided_on", "decision_number")
    list_filter = ("kind", "outcome")
    search_fields = (
        "=sanction__decree_number",
        "=sanction__case__employee__nip",
        "=decision_number",
    )

    def get_queryset(self, request):
        if not handles_discipline(request.user):
            return Objection.objects.none()
        return objections_visible_to(request.user)

    def create(self, request, form):
        return services.objection_file(**_data(form, OBJECTION_FIELDS), by=request.user)

    def update(self, request, obj, form):
        data = form.cleaned_data
        if data.get("outcome") in (None, "", Objection.Outcome.PENDING):
            return obj  # nothing decided yet
        return services.objection_decide(
            objection=obj,
            outcome=data["outcome"],
            decided_on=data.get("decided_on"),
            decision_number=data.get("decision_number") or "",
            amended_kind=data.get("amended_kind") or "",
            notes=data.get("notes") or "",
            by=request.user,
        )

    def get_fields(self, request, obj=None):
        fields = list(OBJECTION_FIELDS)
        if obj is None:
            return fields
        return [*fields, *DECISION_FIELDS, "original_kind", "decree_link", "history"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        readonly = ["sanction", "kind", "filed_on", "grounds", "original_kind"]
        if not allowed_moves(_stored(obj), request.user):  # decided, or not this officer's decision
            readonly += list(DECISION_FIELDS)
        return [*readonly, "decree_link", "history"]

    def decree_pdf(self, obj):
        if not obj.workflow.is_final(obj.outcome):
            return None
        return documents.objection_decision_pdf(obj)

    def decree_number(self, obj):
        stored = _stored(obj)
        return stored.decision_number if stored.workflow.is_final(stored.outcome) else ""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "sanction":
            kwargs["queryset"] = sanctions_visible_to(request.user).filter(
                cancelled_on__isnull=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(RemedyPolicy)
class RemedyPolicyAdmin(admin.ModelAdmin):
    """Filing windows of objection and appeal, versioned by the date they take effect."""

    list_display = ("effective_from", "objection_days", "appeal_days")
    date_hierarchy = "effective_from"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "category", "min_service_years", "requires_clean_record")
    list_filter = ("category", "is_active")
    search_fields = ("name", "code")


class NominationForm(forms.ModelForm):
    decision = forms.ChoiceField(label=_("decision"), required=False, choices=[("", "—")])

    class Meta:
        model = Nomination
        fields = (*NOMINATION_FIELDS, "sk_number", "sk_date", "rejection_reason")


@admin.register(Nomination)
class NominationAdmin(StatusHistoryAdminMixin, DecreePdfMixin, ServiceAdmin):
    form = NominationForm
    list_display = ("employee", "award_type", "year", "status", "sk_number", "sk_date")
    list_filter = ("status", "award_type", "year")
    search_fields = ("=employee__nip", "employee__name", "=sk_number")
    list_select_related = ("employee", "award_type")
    autocomplete_fields = ("employee",)
    show_full_result_count = False
    actions = [
        service_action(
            services.nomination_start_review,
            description=_("Start the review of the selected nominations"),
        )
    ]

    # The decision field's values: a workflow target each, with the service that makes the move.
    DECISIONS = {
        Nomination.Status.IN_REVIEW: "review",
        Nomination.Status.APPROVED: "approve",
        Nomination.Status.REJECTED: "reject",
        Nomination.Status.WITHDRAWN: "withdraw",
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("employee__rank", "employee__position", "employee__unit", "award_type")
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or "decision" not in form_class.base_fields:
            return form_class
        choices = [("", "—")] + [
            (self.DECISIONS[move.target], move.label) for move in allowed_moves(obj, request.user)
        ]
        form_class.base_fields["decision"].choices = choices
        return form_class

    def create(self, request, form):
        return services.nomination_submit(**_data(form, NOMINATION_FIELDS), by=request.user)

    def update(self, request, obj, form):
        data, by = form.cleaned_data, request.user
        decision = data.get("decision")
        if decision == "review":
            return services.nomination_start_review(nomination=obj, by=by)
        if decision == "approve":
            if not data.get("sk_date"):
                raise ValidationError({"sk_date": _("Give the SK date.")})
            return services.nomination_approve(
                nomination=obj,
                sk_number=data.get("sk_number") or "",
                sk_date=data["sk_date"],
                by=by,
            )
        if decision == "reject":
            return services.nomination_reject(
                nomination=obj, reason=data.get("rejection_reason") or "", by=by
            )
        if decision == "withdraw":
            return services.nomination_withdraw(nomination=obj, by=by)
        return obj

    def get_fields(self, request, obj=None):
        fields = list(NOMINATION_FIELDS)
        if obj is None:
            return fields
        fields += ["status", "eligibility"]
        if allowed_moves(obj, request.user):
            return [*fields, "decision", "sk_number", "sk_date", "rejection_reason", "history"]
        fields += ["sk_number", "sk_date", "rejection_reason", "decided_by", "decided_at"]
        return [*fields, "decree_link", "history"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        readonly = ["employee", "award_type", "year", "justification", "amount"]
        readonly += ["status", "eligibility", "decided_by", "decided_at", "decree_link", "history"]
        if not allowed_moves(_stored(obj), request.user):
            readonly += ["sk_number", "sk_date", "rejection_reason"]
        return readonly

    def decree_pdf(self, obj):
        if obj.status != Nomination.Status.APPROVED:
            return None
        return documents.award_decree_pdf(obj)

    def decree_number(self, obj):
        return obj.sk_number

    @admin.display(description=_("eligibility today"))
    def eligibility(self, obj):
        eligible, reason = selectors.award_eligibility(obj.employee, obj.award_type, today())
        return f"{'✔' if eligible else '✘'} {reason}"
