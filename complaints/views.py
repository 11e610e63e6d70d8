"""Public complaint pages (no login): file a report, track it, statistics; attachment downloads."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from asn_portal.common import errors
from asn_portal.common.files import private_file_response

from . import codes, conf, forms, permissions, ratelimit, selectors, services
from .models import Attachment, Complaint

SESSION_KEY = "complaints_tracked"
STATS_CACHE_KEY = "complaints:public-statistics"


def _tracked_ids(request) -> list[int]:
    return list(request.session.get(SESSION_KEY, []))


def _error_list(exc: ValidationError) -> list[str]:
    return list(exc.messages)


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request):
    """The public complaint form; on success the code and PIN are shown once, never stored."""
    if request.method == "GET":
        return render(request, "complaints/submit.html", {"form": forms.ComplaintForm()})
    limit, window = conf.get("SUBMIT_LIMIT"), conf.get("SUBMIT_WINDOW")
    if ratelimit.count("submit", request, window=window) >= limit:
        return errors.too_many_requests(
            request,
            _(
                "Too many reports were sent from your connection. Please try again in an "
                "hour, or call the agency."
            ),
        )
    form = forms.ComplaintForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "complaints/submit.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        submitted = services.complaint_submit(
            classification=data["classification"],
            category=data["category"],
            reported_unit=data["reported_unit"],
            subject=data["subject"],
            description=data["description"],
            incident_date=data["incident_date"],
            incident_place=data["incident_place"],
            asn_named=data["asn_named"],
            privacy=data["privacy"],
            reporter_name=data["reporter_name"],
            reporter_email=data["reporter_email"],
            reporter_phone=data["reporter_phone"],
            contact_shared_with_opd=data["contact_shared_with_opd"],
            consent=data["consent"],
            attachments=data["attachments"],
            submission_token=data["submission_token"],
        )
    except services.DuplicateSubmission:
        return render(
            request,
            "complaints/limited.html",
            {
                "message": _(
                    "This report was already received. Use the tracking code and PIN shown "
                    "when you first sent it."
                )
            },
            status=409,
        )
    except ValidationError as exc:
        for message in _error_list(exc):
            form.add_error(None, message)
        return render(request, "complaints/submit.html", {"form": form}, status=400)
    ratelimit.hit("submit", request, window=window)
    tracked = _tracked_ids(request)
    request.session[SESSION_KEY] = [*tracked, submitted.complaint.pk][-20:]
    return render(
        request,
        "complaints/submitted.html",
        {"complaint": submitted.complaint, "pin": submitted.pin},
        status=201,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """Code + PIN opens the report's page for this browser session."""
    if request.method == "GET":
        initial = {"code": request.GET.get("code", "")}
        return render(request, "complaints/track.html", {"form": forms.TrackForm(initial=initial)})
    form = forms.TrackForm(request.POST)
    if ratelimit.hit("track", request, window=conf.get("TRACK_WINDOW")) > conf.get("TRACK_LIMIT"):
        form.is_valid()
        form.add_error(None, _("Too many attempts from your connection. Try again later."))
        return render(request, "complaints/track.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "complaints/track.html", {"form": form}, status=400)
    result, complaint = services.tracking_authenticate(
        code=form.cleaned_data["code"], pin=form.cleaned_data["pin"]
    )
    if result == services.TrackResult.LOCKED:
        form.add_error(
            None,
            _("Too many wrong PINs for this report. Tracking is locked for %(m)s minutes.")
            % {"m": conf.get("PIN_LOCK_SECONDS") // 60},
        )
        return render(request, "complaints/track.html", {"form": form}, status=429)
    if result != services.TrackResult.OK:
        form.add_error(None, _("The tracking code or PIN is not correct."))
        return render(request, "complaints/track.html", {"form": form}, status=403)
    request.session.cycle_key()
    request.session[SESSION_KEY] = [*_tracked_ids(request), complaint.pk][-20:]
    return redirect("complaints:detail", code=complaint.tracking_code)


class NotTracked(Exception):
    """This browser has not entered the report's PIN (or the code does not exist)."""


def _tracked_complaint(request, code: str) -> Complaint:
    complaint = (
        Complaint.objects.select_related("category", "merged_into")
        .filter(tracking_code=codes.normalise_code(code))
        .first()
    )
    if complaint is None or complaint.pk not in _tracked_ids(request):
        raise NotTracked
    return complaint


def _pin_prompt(request, code: str):
    """The tracking form with the code filled in; says nothing about whether the code exists."""
    form = forms.TrackForm(initial={"code": codes.normalise_code(code) or code[:40]})
    status = 200 if request.method == "GET" else 403
    return render(request, "complaints/track.html", {"form": form}, status=status)


REPORTER_ACTIONS = {
    "information": (forms.InformationForm, "information"),
    "accept": (forms.AcceptForm, "accept"),
    "rate": (forms.RatingForm, "rate"),
    "reopen": (forms.ReopenForm, "reopen"),
}


def _apply_reporter_action(action: str, complaint: Complaint, data: dict) -> str:
    if action == "information":
        services.complaint_add_information(
            complaint=complaint, message=data["message"], attachments=data["attachments"]
        )
        return _("Thank you: your information was added.")
    if action == "accept":
        services.complaint_accept(complaint=complaint, rating=data["rating"])
        return _("Thank you: the report is closed.")
    if action == "rate":
        services.complaint_rate(complaint=complaint, rating=data["rating"])
        return _("Thank you for your rating.")
    services.complaint_reopen(complaint=complaint, reason=data["reason"])
    return _("The report was reopened and sent back to the OPD.")


@never_cache
@require_http_methods(["GET", "POST"])
def detail(request, code: str):
    """The reporter's view: status, timeline, public responses, and what they may do next."""
    try:
        complaint = _tracked_complaint(request, code)
    except NotTracked:
        return _pin_prompt(request, code)
    bound = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in REPORTER_ACTIONS:
            return render(
                request,
                "complaints/limited.html",
                {"message": _("Unknown action.")},
                status=400,
            )
        form_class, _name = REPORTER_ACTIONS[action]
        form = form_class(request.POST, request.FILES, prefix=action)
        if form.is_valid():
            try:
                messages.success(
                    request, _apply_reporter_action(action, complaint, form.cleaned_data)
                )
                return redirect("complaints:detail", code=complaint.tracking_code)
            except ValidationError as exc:
                for message in _error_list(exc):
                    form.add_error(None, message)
        bound[action] = form
        status = 400
    context = {
        "complaint": complaint,
        "timeline": selectors.public_timeline(complaint),
        "attachments": complaint.attachments.all(),
        **selectors.reporter_options(complaint),
        "reopen_until": selectors.reopen_deadline(complaint),
    }
    for action, (form_class, _name) in REPORTER_ACTIONS.items():
        context[f"{action}_form"] = bound.get(action) or form_class(prefix=action)
    return render(request, "complaints/detail.html", context, status=status)


@require_GET
def statistics(request):
    """Public statistics; no personal data. Cached for five minutes."""
    try:
        stats = cache.get(STATS_CACHE_KEY)
    except Exception:
        stats = None
    if stats is None:
        stats = selectors.public_statistics()
        with contextlib.suppress(Exception):  # a cache outage only costs the caching
            cache.set(STATS_CACHE_KEY, stats, 300)
    rows = ("by_classification", "by_status", "by_category", "by_unit")
    peak = max([n for key in rows for _label, n in stats[key]] or [1])
    return render(request, "complaints/statistics.html", {"stats": stats, "peak": peak or 1})


@never_cache
@require_GET
def attachment_download(request, pk: int):
    """An attachment, as a download with nosniff, for its reporter or those handling the report."""
    attachment = get_object_or_404(Attachment.objects.select_related("complaint"), pk=pk)
    complaint = attachment.complaint
    allowed = complaint.pk in _tracked_ids(request) or (
        request.user.is_authenticated and permissions.can_see_complaint(request.user, complaint)
    )
    if not allowed:
        raise Http404
    return private_file_response(
        attachment.file, content_type=attachment.content_type, filename=attachment.download_name
    )
