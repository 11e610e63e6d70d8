"""Portal pages of payroll (the employee's own payslips) and the OPD recap."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from asn_portal.common.calendar import today
from asn_portal.common.pdf import pdf_response, render_pdf
from asn_portal.personnel.access import (
    DataKind,
    Scope,
    is_opd_operator,
    scope_of,
    sees_all,
    units_visible_to,
)
from asn_portal.portal.access import employee_required

from . import selectors
from .models import LOCKED_STATUSES, PayrollRun


@require_GET
@employee_required
def my_payslips(request, employee):
    year = today().year
    return render(
        request,
        "payroll/my_payslips.html",
        {
            "employee": employee,
            "payslips": selectors.payslips_of(employee)[:36],
            "ytd": selectors.year_to_date(employee, year),
            "year": year,
        },
    )


def _own_payslip(employee, pk):
    return get_object_or_404(selectors.payslips_of(employee), pk=pk)


@require_GET
@employee_required
def my_payslip(request, employee, pk):
    payslip = _own_payslip(employee, pk)
    return render(
        request,
        "payroll/my_payslip.html",
        {
            "employee": employee,
            "payslip": payslip,
            "lines": selectors.lines_of(payslip),
            "ytd": selectors.year_to_date(employee, payslip.run.year),
        },
    )


@require_GET
@employee_required
def my_payslip_pdf(request, employee, pk):
    payslip = _own_payslip(employee, pk)
    pdf = render_pdf(
        "payroll/payslip_pdf.html", {"payslip": payslip, "lines": selectors.lines_of(payslip)}
    )
    return pdf_response(
        pdf, f"slip-gaji-{payslip.nip}-{payslip.run.year}-{payslip.run.month:02d}.pdf"
    )


def _recap_access(request, run_id):
    """Payroll officers see every unit; an OPD operator only their units, of locked runs."""
    user = request.user
    if sees_all(user, DataKind.PAYSLIP) and user.has_perm("payroll.view_payslip"):
        return get_object_or_404(PayrollRun, pk=run_id), None
    if not (is_opd_operator(user) and scope_of(user, DataKind.PAYSLIP) >= Scope.UNIT):
        raise PermissionDenied(_("Only payroll officers and OPD operators see payroll recaps."))
    run = get_object_or_404(PayrollRun, pk=run_id)
    if run.status not in LOCKED_STATUSES:
        raise Http404(_("This payroll run is not approved yet."))
    return run, units_visible_to(user, DataKind.PAYSLIP)


@require_GET
@login_required
def unit_recap(request, run_id):
    run, units = _recap_access(request, run_id)
    return render(
        request,
        "payroll/unit_recap.html",
        {
            "run": run,
            "rows": selectors.opd_recap(run, units),
            "units": selectors.unit_summary(run, units),
        },
    )


@require_GET
@login_required
def unit_recap_xlsx(request, run_id):
    run, units = _recap_access(request, run_id)
    from .exports import recap_workbook

    data = recap_workbook(run, units)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="rekap-gaji-{run.year}-{run.month:02d}.xlsx"'
    )
    return response
