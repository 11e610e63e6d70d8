"""Admin for BKD rewards and discipline officers; every change goes through a service.

Each form runs its service once the model validation passed, so a refused move is shown on
the form. Cases and decisions are confidential: querysets come from `permissions.py`.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from asn_portal.common.calendar import today
from asn_portal.common.files import (
    PrivateFileWidget,
    file_display_name,
    file_link,
    private_file_response,
)
from asn_portal.common.pdf import pdf_response

from . import documents, selectors, services
from .models import (
    AwardType,
    CaseEvent,
    CaseEvidence,
    DisciplinaryCase,
    Examination,
    Nomination,
    NominationEvent,
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
CASE_FIELDS = (
    "employee",
    "violation",
    "legal_article",
    "source",
    "occurred_on",
    "reported_on",
)
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
NOMINATION_FIELDS = ("employee", "award_type", "year", "justification", "amount")


class ServiceForm(forms.ModelForm):
    """A model form whose `apply()` calls a service after validation; `result` is its return."""

    request = None
    result = None
    # The fields passed as they are to the service that creates the object.
    create_fields: tuple[str, ...] = ()

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            with transaction.atomic():
                self.result = self.apply(self.cleaned_data)
        except ValidationError as exc:
            self.add_error(None, exc)

    def apply(self, data):
        raise NotImplementedError

    def create_kwargs(self, data) -> dict:
        return {name: data.get(name) for name in self.create_fields} | {"by": self.by}

    @property
    def by(self):
        return self.request.user if self.request else None


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
        if obj is None or obj.pk is None:
            return "—"
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_pdf", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("Print the decree (PDF)"))


class ServiceAdmin(admin.ModelAdmin):
    """Passes the request to the form and saves nothing itself: the service has saved."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def save_model(self, request, obj, form, change):
        if form.result is not None:
            obj.pk = form.result.pk

    def render_change_form(self, request, context, *args, **kwargs):
        if request.method == "POST":
            # Shown again after a POST: the form or an inline was refused, so undo whatever a
            # service form of this request did (the admin runs the view in a transaction).
            transaction.set_rollback(True)
        return super().render_change_form(request, context, *args, **kwargs)

    def save_related(self, request, form, formsets, change):
        """Inlines are read-only records or service forms, which have saved already."""
        for formset in formsets:
            formset.new_objects = [f.result for f in formset.forms if getattr(f, "result", None)]
            formset.changed_objects, formset.deleted_objects = [], []

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    """The workflow's record of moves, read-only."""

    extra = 0
    fields = ("at", "from_status", "to_status", "by", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CaseEventInline(EventInline):
    model = CaseEvent


class ExaminationForm(ServiceForm):
    class Meta:
        model = Examination
        fields = ["kind", "held_on", "document_number", "by_team", "examiners", "summary"]

    def apply(self, data):
        return services.examination_record(
            case=self.instance.case,
            kind=data["kind"],
            held_on=data["held_on"],
            examiners=list(data.get("examiners") or ()),
            by_team=data.get("by_team", False),
            document_number=data.get("document_number", ""),
            summary=data.get("summary", ""),
        )


class ServiceInlineMixin:
    """Gives the inline's service forms the request, as ServiceAdmin does for the main form."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (formset.form,), {"request": request})
        return formset

    def has_add_permission(self, request, obj=None):
        return obj is not None and obj.status in self.open_statuses

    def has_change_permission(self, request, obj=None):
        return False


class EvidenceForm(ServiceForm):
    class Meta:
        model = CaseEvidence
        fields = ["file", "description"]

    def apply(self, data):
        return services.evidence_add(
            case=self.instance.case, file=data["file"], description=data["description"], by=self.by
        )


class EvidenceInline(ServiceInlineMixin, admin.TabularInline):
    """New files of evidence, stored privately; saved ones are listed on the case by name
    (`evidence_files`), since Django's display of a saved file would print its storage path."""

    model = CaseEvidence
    form = EvidenceForm
    extra = 0
    can_delete = False
    fields = ("file", "description")
    formfield_overrides = {models.FileField: {"widget": PrivateFileWidget}}
    verbose_name_plural = _("add evidence")
    open_statuses = (DisciplinaryCase.Status.REPORTED, DisciplinaryCase.Status.EXAMINATION)

    def get_queryset(self, request):
        return super().get_queryset(request).none()


class ExaminationInline(ServiceInlineMixin, admin.StackedInline):
    """Summonses and BAPs; new ones are recorded through the service, old ones are kept."""

    model = Examination
    form = ExaminationForm
    extra = 0
    can_delete = False
    autocomplete_fields = ("examiners",)
    open_statuses = (DisciplinaryCase.Status.EXAMINATION,)


class CaseForm(ServiceForm):
    start_examination_on = forms.DateField(
        label=_("start the examination on"), required=False, widget=admin.widgets.AdminDateWidget
    )
    close_reason = forms.CharField(
        label=_("close without sanction, because"), required=False, widget=forms.Textarea
    )

    class Meta:
        model = DisciplinaryCase
        fields = CASE_FIELDS

    create_fields = CASE_FIELDS

    def apply(self, data):
        if self.instance.pk is None:
            return services.case_open(**self.create_kwargs(data))
        case = services.case_update_details(
            case=self.instance,
            violation=data["violation"],
            legal_article=data["legal_article"],
            occurred_on=data.get("occurred_on"),
        )
        if data.get("start_examination_on"):
            case = services.case_start_examination(
                case=case, examined_on=data["start_examination_on"], by=self.by
            )
        if data.get("close_reason"):
            case = services.case_close(case=case, reason=data["close_reason"], by=self.by)
        return case


@admin.register(DisciplinaryCase)
class DisciplinaryCaseAdmin(ServiceAdmin):
    form = CaseForm
    list_display = ("employee", "reported_on", "source", "legal_article", "status", "proposed_kind")
    list_filter = ("status", "source", "proposed_kind")
    search_fields = ("=employee__nip", "employee__name", "legal_article")
    date_hierarchy = "reported_on"
    autocomplete_fields = ("employee",)
    inlines = [EvidenceInline, ExaminationInline, CaseEventInline]
    show_full_result_count = False

    def get_queryset(self, request):
        if not handles_discipline(request.user):
            return DisciplinaryCase.objects.none()
        return cases_visible_to(request.user)

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
        fields += ["examined_on", "closing_reason", "created_by", "linked_complaints"]
        fields.append("evidence_files")
        if obj.status == DisciplinaryCase.Status.REPORTED:
            fields.append("start_examination_on")
        if obj.can_move_to(DisciplinaryCase.Status.CLOSED):
            fields.append("close_reason")
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        readonly = ["employee", "source", "reported_on", "status", "proposed_kind"]
        readonly += ["absence_days", "consecutive_absence_days", "examined_on", "closing_reason"]
        return [*readonly, "created_by", "linked_complaints", "evidence_files"]

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

    @admin.display(description=_("citizen complaints"))
    def linked_complaints(self, obj):
        """The reports behind the case: tracking code and status only, never the reporter."""
        if obj is None or obj.pk is None or not apps.is_installed("complaints"):
            return "—"
        from complaints.selectors import complaints_for_case

        rows = complaints_for_case(obj).only("tracking_code", "status").order_by("pk")
        if not rows:
            return "—"
        return format_html_join(
            ", ", "{} ({})", ((c.tracking_code, c.get_status_display()) for c in rows)
        )


class SanctionForm(ServiceForm):
    class Meta:
        model = Sanction
        fields = SANCTION_FIELDS

    create_fields = SANCTION_FIELDS

    def apply(self, data):
        if self.instance.pk is None:
            return services.sanction_decide(**self.create_kwargs(data))
        if data.get("delivered_on") and "delivered_on" in self.changed_data:
            return services.sanction_record_delivery(
                sanction=self.instance, delivered_on=data["delivered_on"], by=self.by
            )
        return None


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

    def get_fields(self, request, obj=None):
        fields = list(SANCTION_FIELDS)
        if obj is not None:
            fields += ["effective_from", "ends_on", "cancelled_on", "decree_link"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        readonly = [f for f in SANCTION_FIELDS if f != "delivered_on"]
        if obj.delivered_on is not None:
            readonly.append("delivered_on")
        return [*readonly, "effective_from", "ends_on", "cancelled_on", "decree_link"]

    def decree_pdf(self, obj):
        return documents.sanction_decree_pdf(obj)

    def decree_number(self, obj):
        return obj.decree_number

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "case":
            kwargs["queryset"] = cases_visible_to(request.user).filter(
                status=DisciplinaryCase.Status.EXAMINATION
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ObjectionForm(ServiceForm):
    class Meta:
        model = Objection
        fields = OBJECTION_FIELDS

    create_fields = OBJECTION_FIELDS

    def apply(self, data):
        if self.instance.pk is None:
            return services.objection_file(**self.create_kwargs(data))
        if data.get("outcome", Objection.Outcome.PENDING) == Objection.Outcome.PENDING:
            return None
        return services.objection_decide(
            objection=Objection.objects.get(pk=self.instance.pk),
            outcome=data["outcome"],
            decided_on=data.get("decided_on"),
            decision_number=data.get("decision_number", ""),
            amended_kind=data.get("amended_kind", ""),
            notes=data.get("notes", ""),
            by=self.by,
        )


@admin.register(Objection)
class ObjectionAdmin(ServiceAdmin):
    form = ObjectionForm
    list_display = ("sanction", "kind", "filed_on", "outcome", "decided_on")
    list_filter = ("kind", "outcome")
    search_fields = ("=sanction__decree_number", "=sanction__case__employee__nip")

    def get_queryset(self, request):
        if not handles_discipline(request.user):
            return Objection.objects.none()
        return objections_visible_to(request.user)

    def get_fields(self, request, obj=None):
        fields = list(OBJECTION_FIELDS)
        if obj is None:
            return fields
        fields += ["outcome", "decided_on", "decision_number", "amended_kind", "notes"]
        return [*fields, "original_kind"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        readonly = ["sanction", "kind", "filed_on", "grounds", "original_kind"]
        if obj.outcome != Objection.Outcome.PENDING:
            readonly += ["outcome", "decided_on", "decision_number", "amended_kind", "notes"]
        return readonly

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


class NominationEventInline(EventInline):
    model = NominationEvent


class NominationForm(ServiceForm):
    REVIEW, APPROVE, REJECT, WITHDRAW = "review", "approve", "reject", "withdraw"
    decision = forms.ChoiceField(
        label=_("decision"),
        required=False,
        choices=[
            ("", "—"),
            (REVIEW, _("Start the review")),
            (APPROVE, _("Approve with the SK below")),
            (REJECT, _("Reject for the reason below")),
            (WITHDRAW, _("Withdraw")),
        ],
    )

    class Meta:
        model = Nomination
        fields = NOMINATION_FIELDS

    create_fields = NOMINATION_FIELDS

    def apply(self, data):
        if self.instance.pk is None:
            return services.nomination_submit(**self.create_kwargs(data))
        nomination, decision = self.instance, data.get("decision")
        if decision == self.REVIEW:
            return services.nomination_start_review(nomination=nomination, by=self.by)
        if decision == self.APPROVE:
            if not data.get("sk_date"):
                raise ValidationError(_("Give the SK date."))
            return services.nomination_approve(
                nomination=nomination,
                sk_number=data.get("sk_number", ""),
                sk_date=data["sk_date"],
                by=self.by,
            )
        if decision == self.REJECT:
            return services.nomination_reject(
                nomination=nomination, reason=data.get("rejection_reason", ""), by=self.by
            )
        if decision == self.WITHDRAW:
            return services.nomination_withdraw(nomination=nomination, by=self.by)
        return None


@admin.register(Nomination)
class NominationAdmin(DecreePdfMixin, ServiceAdmin):
    form = NominationForm
    list_display = ("employee", "award_type", "year", "status", "sk_number", "sk_date")
    list_filter = ("status", "award_type", "year")
    search_fields = ("=employee__nip", "employee__name", "=sk_number")
    list_select_related = ("employee", "award_type")
    autocomplete_fields = ("employee",)
    inlines = [NominationEventInline]
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("employee__rank", "employee__position", "employee__unit", "award_type")
        )

    def get_fields(self, request, obj=None):
        fields = list(NOMINATION_FIELDS)
        if obj is None:
            return fields
        fields += ["status", "eligibility"]
        if obj.status in Nomination.OPEN:
            return [*fields, "decision", "sk_number", "sk_date", "rejection_reason"]
        fields += ["sk_number", "sk_date", "rejection_reason", "decided_by", "decided_at"]
        if obj.status == Nomination.Status.APPROVED:
            fields.append("decree_link")
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        readonly = ["employee", "award_type", "year", "justification", "amount"]
        readonly += ["status", "eligibility", "decided_by", "decided_at", "decree_link"]
        if obj.status not in Nomination.OPEN:
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
