"""Training pages: the public catalogue and certificate check, the employee's portal pages,
the supervisor's approvals, the attendance check-in and the JP reports.

Views parse input and call one service or selector; who may see an enrolment is decided by
`selectors.enrolments_visible_to`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from asn_portal.common.calendar import today
from asn_portal.common.files import private_file_response
from asn_portal.common.pdf import pdf_response
from asn_portal.common.uploads import EVIDENCE, format_size
from asn_portal.common.workflow import can_move
from asn_portal.personnel.access import (
    DataKind,
    Scope,
    employees_visible_to,
    scope_of,
    units_visible_to,
)
from asn_portal.portal.access import employee_required

from . import documents, selectors, services
from .forms import CatalogueFilterForm, ExternalTrainingForm, ReasonForm
from .models import Enrolment, ExternalTraining, TrainingSession

PAGE_SIZE = 20


def _error(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- Public ------------------------------------------------------------------------------------


@require_GET
def catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sessions = selectors.catalogue(
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        delivery=filters.get("delivery", ""),
        area=filters.get("area", ""),
        today=today(),
    )
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "training/catalogue.html",
        {
            "form": form,
            "page": page,
            "areas": selectors.competency_areas(),
            "query": query.urlencode(),
            "today": today(),
        },
    )


@require_GET
def session_detail(request, pk):
    session = get_object_or_404(
        TrainingSession.objects.select_related("program").filter(program__is_active=True), pk=pk
    )
    context = {
        "session": session,
        "program": session.program,
        "rules": session.program.rules.select_related("min_rank", "max_rank"),
        "taken": selectors.seats_taken(session),
        "today": today(),
    }
    employee = getattr(request.user, "employee", None) if request.user.is_authenticated else None
    if employee is not None:
        context["eligibility"] = selectors.program_eligibility(
            program=session.program, employee=employee, on=session.start_date
        )
        context["mine"] = session.enrolments.filter(
            employee=employee, status__in=selectors.LIVE_STATUSES
        ).first()
    return render(request, "training/session_detail.html", context)


@require_GET
def certificate_lookup(request):
    code = request.GET.get("code", "").strip().upper()[:40]
    if code:
        try:
            return redirect("training:certificate_verify", code=code)
        except NoReverseMatch:  # "/" cannot be in the path: no certificate has such a code
            return render(
                request,
                "training/certificate_verify.html",
                {"certificate": None, "code": code},
                status=404,
            )
    return render(request, "training/certificate_verify.html", {"certificate": None, "code": ""})


@require_GET
def certificate_verify(request, code):
    """Confirms a certificate without exposing more than name, program, dates and JP."""
    certificate = selectors.certificate_by_code(code) if len(code) <= 40 else None
    status = 200 if certificate else 404
    return render(
        request,
        "training/certificate_verify.html",
        {"certificate": certificate, "code": code},
        status=status,
    )


# --- Employee portal ---------------------------------------------------------------------------


@require_POST
@employee_required
def enrol(request, employee, pk):
    session = get_object_or_404(TrainingSession, pk=pk)
    try:
        enrolment = services.enrolment_request(session=session, employee=employee)
    except ValidationError as exc:
        _error(request, exc)
        return redirect("training:session", pk=pk)
    if enrolment.status == enrolment.Status.WAITLISTED:
        messages.warning(request, _("The session is full: you are on the waitlist."))
    else:
        messages.success(request, _("Your request was sent to your supervisor for approval."))
    return redirect("training:enrolment", pk=enrolment.pk)


@require_GET
@employee_required
def mine(request, employee):
    year = today().year
    jp = selectors.jp_total_for(employee, year)
    return render(
        request,
        "training/mine.html",
        {
            "employee": employee,
            "year": year,
            "jp": jp,
            "target": selectors.JP_TARGET,
            "percent": min(100, jp * 100 // selectors.JP_TARGET),
            "ledger": selectors.ledger_for(employee, year),
            "enrolments": selectors.enrolments_of(employee)[:50],
            "external": selectors.external_trainings_of(employee)[:50],
        },
    )


@require_GET
@employee_required
def approvals(request, employee):
    return render(
        request,
        "training/approvals.html",
        {"waiting": selectors.approvals_waiting_for(employee), "form": ReasonForm()},
    )


@require_GET
@login_required
def enrolment_detail(request, pk):
    enrolment = get_object_or_404(selectors.enrolments_visible_to(request.user), pk=pk)
    is_own = request.user.employee_id == enrolment.employee_id
    is_supervisor = request.user.employee_id is not None and (
        request.user.employee_id == enrolment.supervisor_id
    )
    return render(
        request,
        "training/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "is_own": is_own,
            "waitlist_position": selectors.waitlist_position(enrolment),
            "can_cancel": is_own and can_move(enrolment, Enrolment.Status.CANCELLED, request.user),
            "can_decide": is_supervisor
            and can_move(enrolment, Enrolment.Status.DECLINED, request.user)
            and not enrolment.supervisor_approved_at,
            # The attendance code serves while the seat is confirmed and the result not yet in.
            "shows_attendance_code": is_own and can_move(enrolment, Enrolment.Status.COMPLETED),
            "certificate": getattr(enrolment, "certificate", None),
            "attendance": enrolment.attendance.order_by("date"),
            "form": ReasonForm(),
        },
    )


def _visible_enrolment(request, pk):
    return get_object_or_404(selectors.enrolments_visible_to(request.user), pk=pk)


@require_POST
@employee_required
def cancel(request, employee, pk):
    enrolment = _visible_enrolment(request, pk)
    if enrolment.employee_id != employee.pk:
        raise PermissionDenied
    try:
        services.enrolment_cancel(enrolment=enrolment, by=request.user)
        messages.success(request, _("Your enrolment is cancelled."))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("training:enrolment", pk=pk)


@require_POST
@employee_required
def approve(request, employee, pk):
    enrolment = _visible_enrolment(request, pk)
    try:
        services.enrolment_supervisor_approve(enrolment=enrolment, by=employee)
        messages.success(request, _("Approved. BKD will confirm the seat."))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("training:approvals")


@require_POST
@employee_required
def decline(request, employee, pk):
    enrolment = _visible_enrolment(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for declining."))
        return redirect("training:approvals")
    try:
        services.enrolment_supervisor_decline(
            enrolment=enrolment, by=employee, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The request was declined."))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("training:approvals")


@require_GET
@employee_required
def attendance_qr(request, employee, pk):
    """The participant's QR code; the trainer scans it to open the check-in page."""
    enrolment = _visible_enrolment(request, pk)
    if enrolment.employee_id != employee.pk:
        raise PermissionDenied
    url = request.build_absolute_uri(
        reverse("training:check_in", args=[enrolment.attendance_token])
    )
    return HttpResponse(documents.qr_svg(url, scale=6), content_type="image/svg+xml")


@require_GET
@login_required
def certificate_pdf(request, pk):
    enrolment = _visible_enrolment(request, pk)
    certificate = getattr(enrolment, "certificate", None)
    if certificate is None or certificate.is_revoked:
        raise Http404
    pdf = documents.certificate_pdf(certificate, request=request)
    return pdf_response(pdf, f"sertifikat-{certificate.code}.pdf")


@require_http_methods(["GET", "POST"])
@employee_required
def external_new(request, employee):
    form = ExternalTrainingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.external_training_submit(employee=employee, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Recorded. BKD will check the evidence and credit the JP."))
            return redirect("training:mine")
    status = 400 if form.errors else 200
    context = {"form": form, "policy": EVIDENCE, "max_size": format_size(EVIDENCE.max_bytes)}
    return render(request, "training/external_form.html", context, status=status)


@require_GET
@login_required
def external_evidence(request, pk):
    """The evidence file: for its owner and for training officers only."""
    qs = ExternalTraining.objects.filter(
        employee__in=employees_visible_to(request.user, DataKind.TRAINING).values("pk")
    )
    if not request.user.has_perm("training.view_externaltraining"):
        qs = qs.filter(employee_id=request.user.employee_id or 0)
    record = get_object_or_404(qs, pk=pk)
    return private_file_response(
        record.evidence,
        content_type=record.evidence_content_type,
        filename=record.evidence_stem,
        inline=True,
    )


# --- Staff ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def check_in(request, token):
    """Training staff scan a participant's QR code and mark them present today."""
    if not request.user.has_perm("training.add_attendance"):
        raise PermissionDenied
    enrolment = get_object_or_404(
        selectors.enrolments_visible_to(request.user), attendance_token=token
    )
    if request.method == "POST":
        try:
            services.attendance_check_in(token=token, by=request.user)
            messages.success(
                request, _("%(name)s is marked present today.") % {"name": enrolment.employee.name}
            )
        except ValidationError as exc:
            _error(request, exc)
        return redirect("training:check_in", token=token)
    return render(request, "training/check_in.html", {"enrolment": enrolment, "today": today()})


def _report_access(user) -> None:
    if scope_of(user, DataKind.TRAINING) < Scope.UNIT:
        raise PermissionDenied


def _report_year(request) -> int:
    current = today().year
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        year = current
    if not 2000 <= year <= current + 1:
        year = current
    return year


@require_GET
@login_required
def report_below_target(request):
    """Per OPD: employees below 20 JP in the year; within the user's units only."""
    _report_access(request.user)
    year = _report_year(request)
    employees = employees_visible_to(request.user, DataKind.TRAINING)
    rows = selectors.below_target_by_unit(employees=employees, year=year)
    unit = request.GET.get("unit")
    people = None
    if unit and unit.isdigit():
        chosen = get_object_or_404(units_visible_to(request.user, DataKind.TRAINING), pk=unit)
        people = Paginator(
            selectors.below_target(employees=employees, year=year)
            .filter(unit__path__startswith=chosen.path)
            .select_related("unit", "rank", "position")
            .order_by("jp", "name"),
            50,
        ).get_page(request.GET.get("page"))
    return render(
        request,
        "training/report_below_target.html",
        {"rows": rows, "year": year, "people": people, "target": selectors.JP_TARGET},
    )


@require_GET
@login_required
def report_equity(request):
    _report_access(request.user)
    year = _report_year(request)
    report = selectors.equity_report(
        employees=employees_visible_to(request.user, DataKind.TRAINING), year=year
    )
    peak = max((g.jp_average for groups in report.values() for g in groups), default=0) or 1
    sections = [
        (_("By unit (OPD)"), report["unit"]),
        (_("By rank group"), report["rank"]),
        (_("By sex"), report["sex"]),
        (_("By status"), report["status"]),
    ]
    return render(
        request,
        "training/report_equity.html",
        {"sections": sections, "year": year, "peak": peak, "target": selectors.JP_TARGET},
    )
