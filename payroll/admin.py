"""Payroll in the BKD admin: reference data, attendance import, runs with their workflow and
reports (summary per unit, comparison with the previous month, recap, bank file, PPh 21)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asn_portal.common.admin_base import ServiceAdmin, service_action, status_history_html

from . import exports, selectors, services
from .forms import AttendanceImportForm
from .models import (
    RUN_OFFICER,
    Adjustment,
    AttendanceRecord,
    BasicSalary,
    OtherDeduction,
    PayrollRun,
    PayRules,
    Payslip,
    PayslipLine,
    PositionAllowance,
    TerBracket,
    TppAmount,
)


@admin.register(PayRules)
class PayRulesAdmin(admin.ModelAdmin):
    list_display = (
        "effective_from",
        "note",
        "spouse_pct",
        "food_per_person",
        "bpjs_cap",
        "cpns_pct",
    )
    date_hierarchy = "effective_from"


@admin.register(BasicSalary)
class BasicSalaryAdmin(admin.ModelAdmin):
    list_display = ("scheme", "golongan", "mkg", "amount", "effective_from", "source")
    list_filter = ("scheme", "effective_from", "golongan")
    search_fields = ("golongan",)


@admin.register(TerBracket)
class TerBracketAdmin(admin.ModelAdmin):
    list_display = ("category", "upper_bound", "rate_pct", "effective_from")
    list_filter = ("category", "effective_from")


@admin.register(TppAmount)
class TppAmountAdmin(admin.ModelAdmin):
    list_display = ("kelas_jabatan", "unit", "amount", "effective_from", "note")
    list_filter = ("effective_from",)
    list_select_related = ("unit",)
    raw_id_fields = ("unit",)


@admin.register(PositionAllowance)
class PositionAllowanceAdmin(admin.ModelAdmin):
    list_display = ("position", "amount", "effective_from")
    raw_id_fields = ("position",)
    list_select_related = ("position",)


@admin.register(OtherDeduction)
class OtherDeductionAdmin(admin.ModelAdmin):
    list_display = ("employee", "label", "amount", "first_month", "last_month")
    raw_id_fields = ("employee",)
    list_select_related = ("employee",)
    search_fields = ("employee__nip", "employee__name", "label")


@admin.register(AttendanceRecord)
class AttendanceRecordAdmin(admin.ModelAdmin):
    list_display = (
        "employee",
        "date",
        "minutes_late",
        "minutes_early",
        "absence",
        "missed_assembly",
    )
    list_filter = ("absence", "missed_assembly", "date")
    raw_id_fields = ("employee",)
    list_select_related = ("employee",)
    search_fields = ("employee__nip", "employee__name")
    date_hierarchy = "date"
    change_list_template = "payroll/admin/attendance_change_list.html"

    def get_urls(self):
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="payroll_attendancerecord_import",
            )
        ]
        return urls + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        errors = []
        form = AttendanceImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                count = services.attendance_import(
                    upload=form.cleaned_data["file"],
                    year=form.cleaned_data["year"],
                    month=form.cleaned_data["month"],
                )
            except services.ImportRejected as exc:
                errors = exc.errors
            else:
                self.message_user(
                    request, _("%(n)s attendance rows imported.") % {"n": count}, messages.SUCCESS
                )
                return HttpResponseRedirect(reverse("admin:payroll_attendancerecord_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import attendance"),
            "form": form,
            "errors": errors,
            "opts": self.model._meta,
        }
        status = 400 if request.method == "POST" and (errors or form.errors) else 200
        return render(request, "payroll/admin/attendance_import.html", context, status=status)


class PayslipLineInline(admin.TabularInline):
    model = PayslipLine
    fields = ("label", "kind", "amount", "explanation")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("position",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Payslip)
class PayslipAdmin(admin.ModelAdmin):
    list_display = ("name", "nip", "run", "unit", "gross", "net", "error")
    list_filter = ("run", "status")
    search_fields = ("nip", "name")
    list_select_related = ("run", "unit")
    raw_id_fields = ("employee", "unit", "run")
    inlines = [PayslipLineInline]
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Adjustment)
class AdjustmentAdmin(ServiceAdmin):
    list_display = ("employee", "amount", "reason", "original", "applied_in", "created_at")
    fields = ("original", "amount", "reason", "employee", "applied_in", "created_by", "created_at")
    raw_id_fields = ("employee", "original")
    readonly_fields = ("employee", "applied_in", "created_by", "created_at")
    list_select_related = ("employee", "original__run", "applied_in")

    def create(self, request, form):
        data = form.cleaned_data
        return services.adjustment_create(
            original=data["original"], amount=data["amount"], reason=data["reason"],
            by=request.user,
        )  # fmt: skip


def _on_run(service, name: str, *, with_user: bool = True):
    """A run service as `service_action` calls it: (obj=run, by=user)."""

    def call(*, obj, by):
        return service(run=obj, by=by) if with_user else service(run=obj)

    call.__name__ = name
    return call


@admin.register(PayrollRun)
class PayrollRunAdmin(ServiceAdmin):
    list_display = (
        "__str__", "year", "month", "status", "computation", "progress", "error_count",
        "computed_at",
    )  # fmt: skip
    list_filter = ("status", "year")
    filter_horizontal = ("units",)
    actions = [
        service_action(
            _on_run(services.run_request_compute, "compute_runs", with_user=False),
            description=gettext_lazy("Compute (or recompute) the selected draft runs"),
            done=gettext_lazy("Computation started for %(count)d run(s)."),
            permissions=("run_officer",),
        ),
        service_action(
            _on_run(services.run_check, "check_runs"),
            description=gettext_lazy("Mark as checked"),
            permissions=("run_officer",),
        ),
        service_action(
            _on_run(services.run_reopen, "reopen_runs"),
            description=gettext_lazy("Send back to draft"),
            permissions=("run_officer",),
        ),
        service_action(
            _on_run(services.run_approve, "approve_runs"),
            description=gettext_lazy("Approve (locks the run)"),
            permissions=("run_officer",),
        ),
        service_action(
            _on_run(services.run_mark_paid, "pay_runs"),
            description=gettext_lazy("Mark as paid"),
            permissions=("run_officer",),
        ),
    ]
    readonly_fields = (
        "status", "computation", "progress", "error_count", "warning_list", "reports",
        "computed_at", "created_by", "checked_by", "checked_at", "approved_by", "approved_at",
        "paid_at", "history",
    )  # fmt: skip

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("year", "month", "units")
        return ("year", "month", "units", *self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ("year", "month", "units", *self.readonly_fields)
        return ()

    def has_run_officer_permission(self, request):
        return request.user.has_perm(RUN_OFFICER)

    def create(self, request, form):
        data = form.cleaned_data
        return services.run_create(
            year=data["year"], month=data["month"], units=data["units"], by=request.user
        )

    def delete(self, request, obj):
        services.run_delete(run=obj, by=request.user)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_locked:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("status history"))
    def history(self, obj):
        return status_history_html(obj)

    @admin.display(description=gettext_lazy("computation"))
    def computation(self, obj):
        return selectors.compute_status_label(obj)

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, obj):
        done, total = selectors.run_progress(obj)
        return f"{done}/{total}"

    @admin.display(description=gettext_lazy("warnings"))
    def warning_list(self, obj):
        if not obj.warnings:
            return "—"
        return format_html_join(mark_safe("<br>"), "{}", ((w,) for w in obj.warnings))

    @admin.display(description=gettext_lazy("reports"))
    def reports(self, obj):
        links = [
            ("payroll_run_summary", _("Summary per unit")),
            ("payroll_run_comparison", _("Comparison with the previous month")),
            ("payroll_run_pph21", _("PPh 21 summary (CSV)")),
            ("payroll_run_bank", _("Bank transfer file (CSV)")),
        ]
        parts = [
            format_html('<a href="{}">{}</a>', reverse(f"admin:{name}", args=[obj.pk]), label)
            for name, label in links
        ]
        parts.append(
            format_html(
                '<a href="{}">{}</a>',
                reverse("payroll:unit_recap_xlsx", args=[obj.pk]),
                _("Recap per OPD (XLSX)"),
            )
        )
        return format_html_join(" · ", "{}", ((part,) for part in parts))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/summary/", view(self.summary_view), name="payroll_run_summary"),
            path("<int:pk>/comparison/", view(self.comparison_view), name="payroll_run_comparison"),
            path("<int:pk>/pph21.csv", view(self.pph21_view), name="payroll_run_pph21"),
            path("<int:pk>/bank.csv", view(self.bank_view), name="payroll_run_bank"),
        ] + super().get_urls()

    def _run(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(PayrollRun, pk=pk)

    def _render(self, request, template, run, **context):
        return render(
            request,
            template,
            {**self.admin_site.each_context(request), "opts": self.model._meta, "run": run,
             "original": run, **context},
        )  # fmt: skip

    def summary_view(self, request, pk):
        run = self._run(request, pk)
        rows = selectors.unit_summary(run)
        return self._render(
            request, "payroll/admin/run_summary.html", run, rows=rows, title=_("Summary per unit")
        )

    def comparison_view(self, request, pk):
        run = self._run(request, pk)
        before, rows = selectors.comparison(run)
        return self._render(
            request,
            "payroll/admin/run_comparison.html",
            run,
            before=before,
            rows=rows,
            title=_("Comparison with the previous month"),
        )

    def pph21_view(self, request, pk):
        run = self._run(request, pk)
        response = HttpResponse(exports.pph21_csv(run), content_type="text/csv")
        response["Content-Disposition"] = (
            f'attachment; filename="pph21-{run.year}-{run.month:02d}.csv"'
        )
        return response

    def bank_view(self, request, pk):
        run = self._run(request, pk)
        if not run.is_locked:
            self.message_user(
                request, _("The bank file is made from approved runs only."), messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:payroll_payrollrun_change", args=[pk]))
        response = HttpResponse(exports.bank_transfer_csv(run), content_type="text/csv")
        response["Content-Disposition"] = (
            f'attachment; filename="bank-{run.year}-{run.month:02d}.csv"'
        )
        return response
