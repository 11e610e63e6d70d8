"""Portal pages of the appraisal: the employee's SKP and evaluations, the supervisor's team,
360° feedback, and the leadership dashboard. Thin: parse, call one service, render.

Every object is looked up in the queryset of what the user may see (`selectors.*_visible_to`),
so another employee's SKP is simply not found (404). A refused or invalid action re-renders the
page with the reason and status 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from asn_portal.common.files import private_file_response
from asn_portal.common.pdf import pdf_response, render_pdf
from asn_portal.common.workflow import can_move
from asn_portal.portal.access import employee_required

from . import selectors, services
from .anonymity import is_small_pool
from .forms import CommentForm, FeedbackForm, NoteForm, RatingForm, RealisationForm, ResultForm
from .models import CoreValue, Cycle, Evaluation, FeedbackRequest, Period, Plan, Realisation


def _errors(form) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]


# --- Home and team -----------------------------------------------------------------------------


@require_GET
@employee_required
def home(request, employee):
    cycle = selectors.current_cycle()
    context = {"cycle": cycle, "employee": employee}
    if cycle is not None:
        context.update(selectors.employee_year(employee, cycle))
        context["feedback"] = list(selectors.feedback_requests_for_rater(employee))
        context["team"] = selectors.team_of(employee, cycle)
    return render(request, "appraisal/home.html", context)


# --- SKP -----------------------------------------------------------------------------------


def _plan_page(request, plan, *, errors=(), status=200, result_form=None):
    user = request.user
    is_owner = user.employee_id == plan.employee_id
    parents = selectors.supervisor_results(plan).select_related("plan")
    context = {
        "plan": plan,
        "results": plan.results.select_related("parent").order_by("order", "pk"),
        "versions": plan.versions.order_by("-number"),
        "is_owner": is_owner,
        "is_supervisor": plan.supervisor_id is not None and user.employee_id == plan.supervisor_id,
        "can_edit": can_move(plan, Plan.Status.SUBMITTED, user),
        "can_decide": can_move(plan, Plan.Status.APPROVED, user),
        "result_form": result_form or ResultForm(parents=parents),
        "comment_form": CommentForm(),
        "errors": errors,
    }
    return render(request, "appraisal/plan_detail.html", context, status=status)


def _visible_plan(request, pk):
    return get_object_or_404(selectors.plans_visible_to(request.user), pk=pk)


@require_GET
@login_required
def plan_detail(request, pk):
    return _plan_page(request, _visible_plan(request, pk))


@require_POST
@login_required
def result_add(request, pk):
    plan = _visible_plan(request, pk)
    form = ResultForm(request.POST, parents=selectors.supervisor_results(plan))
    if not form.is_valid():
        return _plan_page(request, plan, errors=_errors(form), status=400, result_form=form)
    try:
        services.plan_result_add(plan=plan, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _plan_page(request, plan, errors=exc.messages, status=400, result_form=form)
    return redirect("appraisal:plan", pk=plan.pk)


@require_POST
@login_required
def result_delete(request, pk, result_pk):
    plan = _visible_plan(request, pk)
    result = get_object_or_404(plan.results, pk=result_pk)
    try:
        services.plan_result_delete(result=result, by=request.user)
    except ValidationError as exc:
        return _plan_page(request, plan, errors=exc.messages, status=400)
    return redirect("appraisal:plan", pk=plan.pk)


@require_POST
@login_required
def plan_move(request, pk, action):
    plan = _visible_plan(request, pk)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        if action == "submit":
            services.plan_submit(plan=plan, by=request.user)
            messages.success(request, _("The SKP was submitted to your supervisor."))
        elif action == "approve":
            services.plan_approve(plan=plan, by=request.user, comment=comment)
            messages.success(request, _("The SKP was approved."))
        elif action == "return":
            services.plan_return(plan=plan, by=request.user, comment=comment)
            messages.success(request, _("The SKP was returned to the employee."))
        else:
            raise Http404
    except ValidationError as exc:
        return _plan_page(request, plan, errors=exc.messages, status=400)
    return redirect("appraisal:plan", pk=plan.pk)


# --- Evaluation ------------------------------------------------------------------------------


def _visible_evaluation(request, pk):
    return get_object_or_404(selectors.evaluations_visible_to(request.user), pk=pk)


def _evaluation_context(request, evaluation):
    user = request.user
    realisations = {r.result_id: r for r in evaluation.realisations.all()}
    results = [
        (result, realisations.get(result.pk))
        for result in evaluation.plan.results.order_by("order", "pk")
    ]
    is_owner = user.employee_id == evaluation.employee_id
    year = []
    if evaluation.period.kind == Period.Kind.ANNUAL:  # the year's periods inform the annual rating
        year = (
            evaluation.plan.evaluations.filter(period__kind=Period.Kind.PERIODIC)
            .select_related("period")
            .order_by("period__start")
        )
    return {
        "year_evaluations": year,
        "evaluation": evaluation,
        "results": results,
        "notes": evaluation.notes.select_related("author"),
        "summary": selectors.feedback_summary(evaluation, for_employee=is_owner)
        if selectors.can_see_feedback(user, evaluation)
        else None,
        "core_values": CoreValue.choices,
        "is_owner": is_owner,
        "is_supervisor": evaluation.supervisor_id is not None
        and user.employee_id == evaluation.supervisor_id,
        "can_record": can_move(evaluation, Evaluation.Status.SUBMITTED, user)
        and evaluation.period.is_open
        and Plan.workflow.is_final(evaluation.plan.status),
        "can_rate": can_move(evaluation, Evaluation.Status.RATED, user),
        "can_acknowledge": can_move(evaluation, Evaluation.Status.ACKNOWLEDGED, user),
    }


def _evaluation_page(request, evaluation, *, errors=(), status=200, rating_form=None):
    context = _evaluation_context(request, evaluation)
    context.update(
        errors=errors,
        realisation_form=RealisationForm(),
        note_form=NoteForm(),
        rating_form=rating_form or RatingForm(),
    )
    return render(request, "appraisal/evaluation_detail.html", context, status=status)


@require_GET
@login_required
def evaluation_detail(request, pk):
    return _evaluation_page(request, _visible_evaluation(request, pk))


@require_POST
@login_required
def realisation_save(request, pk, result_pk):
    evaluation = _visible_evaluation(request, pk)
    result = get_object_or_404(evaluation.plan.results, pk=result_pk)
    form = RealisationForm(request.POST, request.FILES)
    if not form.is_valid():
        return _evaluation_page(request, evaluation, errors=_errors(form), status=400)
    try:
        services.realisation_save(
            evaluation=evaluation, result=result, by=request.user, **form.cleaned_data
        )
    except ValidationError as exc:
        return _evaluation_page(request, evaluation, errors=exc.messages, status=400)
    return redirect("appraisal:evaluation", pk=evaluation.pk)


@require_POST
@login_required
def evaluation_move(request, pk, action):
    evaluation = _visible_evaluation(request, pk)
    try:
        if action == "submit":
            services.evaluation_submit(evaluation=evaluation, by=request.user)
            messages.success(request, _("Your self-assessment was submitted."))
        elif action == "acknowledge":
            services.evaluation_acknowledge(evaluation=evaluation, by=request.user)
            messages.success(request, _("You acknowledged the result."))
        elif action == "note":
            form = NoteForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_errors(form))
            services.feedback_note_add(
                evaluation=evaluation, by=request.user, text=form.cleaned_data["text"]
            )
        elif action == "rate":
            form = RatingForm(request.POST)
            if not form.is_valid():
                return _evaluation_page(
                    request, evaluation, errors=_errors(form), status=400, rating_form=form
                )
            services.evaluation_rate(evaluation=evaluation, by=request.user, **form.cleaned_data)
            messages.success(request, _("The rating was saved."))
        else:
            raise Http404
    except ValidationError as exc:
        return _evaluation_page(request, evaluation, errors=exc.messages, status=400)
    return redirect("appraisal:evaluation", pk=evaluation.pk)


@require_GET
@login_required
def evaluation_pdf(request, pk):
    evaluation = _visible_evaluation(request, pk)
    pdf = render_pdf("appraisal/pdf/evaluation.html", _evaluation_context(request, evaluation))
    return pdf_response(pdf, f"penilaian-{evaluation.employee.nip}-{evaluation.period.pk}.pdf")


@require_GET
@login_required
def evidence(request, pk, realisation_pk):
    evaluation = _visible_evaluation(request, pk)
    realisation = get_object_or_404(Realisation, evaluation=evaluation, pk=realisation_pk)
    return private_file_response(
        realisation.evidence_file,
        content_type=realisation.evidence_content_type,
        filename=realisation.evidence_stem,
    )


# --- 360° feedback ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@employee_required
def feedback(request, employee, pk):
    feedback_request = get_object_or_404(
        FeedbackRequest.objects.select_related("evaluation__employee", "evaluation__period"),
        pk=pk,
        rater=employee,
    )
    form = FeedbackForm(request.POST or None)
    errors, status = [], 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.feedback_answer(
                    request=feedback_request,
                    by=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Thank you: your feedback was recorded."))
                return redirect("appraisal:home")
        else:
            errors = [_("Give every value a score from 1 to 5.")]
        status = 400
    context = {
        "request_obj": feedback_request,
        "form": form,
        "errors": errors,
        "anonymous": feedback_request.group in selectors.ANONYMOUS_GROUPS,
        "small_team": feedback_request.group in selectors.ANONYMOUS_GROUPS
        and is_small_pool(
            selectors.feedback_candidates(feedback_request.evaluation)[feedback_request.group]
        ),
    }
    return render(request, "appraisal/feedback_form.html", context, status=status)


# --- Leadership dashboard --------------------------------------------------------------------


@require_GET
@login_required
def dashboard(request):
    """Completion per unit and the predikat distribution against the SE MenPANRB 3/2023 curve."""
    if not selectors.may_see_dashboard(request.user):
        raise PermissionDenied(_("This page is for appraisal officers and OPD operators."))
    cycles = list(Cycle.objects.order_by("-year"))
    cycle = next((c for c in cycles if str(c.year) == request.GET.get("year")), None) or (
        cycles[0] if cycles else None
    )
    context = {"cycles": cycles, "cycle": cycle}
    if cycle is not None:
        periods = list(cycle.periods.order_by("kind", "number"))
        period = next((p for p in periods if str(p.pk) == request.GET.get("period")), None)
        if period is None:
            period = next((p for p in periods if p.kind == Period.Kind.ANNUAL), None)
        units = selectors.dashboard_units(request.user)
        context.update(
            periods=periods,
            period=period,
            completion=selectors.completion_by_unit(cycle=cycle, period=period, units=units),
            distribution=selectors.unit_distributions(period=period, units=units) if period else [],
        )
    return render(request, "appraisal/dashboard.html", context)
