"""Pages of the verifiers and recruitment officers (the rest is in the admin)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import selectors, services
from ..forms import VerificationForm
from ..models import Application, Formasi
from .access import staff_required


@require_GET
@staff_required
def verification_queue(request):
    return render(
        request,
        "recruitment/verification_queue.html",
        {"applications": selectors.applications_for_verifier(request.user)},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def verification_form(request, pk):
    application = get_object_or_404(
        Application.objects.select_related("applicant", "formasi", "selection").prefetch_related(
            "documents"
        ),
        pk=pk,
        verifier=request.user,
    )
    form = VerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verification_decide(
                application=application, by=request.user, verdicts=form.verdicts()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Verification recorded."))
            return redirect("recruitment:verification_queue")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "recruitment/verification_form.html",
        {"application": application, "form": form},
        status=status,
    )


@require_GET
@staff_required
def formasi_export(request, pk):
    """Results of one formasi as XLSX (current computed data, for the officers)."""
    from openpyxl import Workbook

    formasi = get_object_or_404(Formasi.objects.select_related("selection"), pk=pk)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(formasi.code[:31])
    sheet.append(
        [
            _("Registration number"),
            _("Name"),
            _("Status"),
            "TWK",
            "TIU",
            "TKP",
            _("SKD total"),
            _("SKD rank"),
            _("SKB score"),
            _("Final score"),
            _("Final rank"),
            _("Result"),
        ]
    )
    for a in selectors.results_of_formasi(formasi).iterator():
        sheet.append(
            [
                a.registration_number,
                a.name,
                a.get_status_display(),
                a.twk,
                a.tiu,
                a.tkp,
                a.skd_total,
                a.skd_rank,
                a.skb_score,
                a.final_score,
                a.final_rank,
                a.get_result_display(),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="hasil-{formasi.selection.slug}-{formasi.code}.xlsx"'
    )
    return response
