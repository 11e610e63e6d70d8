"""The applicant's pages: account, profile, one application, documents, objection."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from asn_portal.accounts.views import LoginView
from asn_portal.common import notifications
from asn_portal.common.files import private_file_response

from .. import selectors, services
from ..forms import (
    ApplicantAuthenticationForm,
    ApplyForm,
    DocumentForm,
    ObjectionForm,
    ProfileForm,
    RegisterForm,
)
from ..models import Application, Selection
from .access import _errors, applicant_required


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.applicant_register(
                nik=data["nik"],
                name=data["name"],
                email=data["email"],
                password=data["password1"],
                sex=data["sex"],
                birth_date=data["birth_date"],
                site_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # The same answer whether or not the NIK or address had an account already.
            messages.success(
                request,
                _(
                    "Check your email: we sent a message to %(email)s. Open the link in it to "
                    "activate your account."
                )
                % {"email": data["email"]},
            )
            return redirect("recruitment:login")
    status = 400 if request.method == "POST" else 200
    return render(request, "recruitment/register.html", {"form": form}, status=status)


@require_GET
def confirm(request, token):
    try:
        services.applicant_confirm_email(token=token)
    except ValidationError as exc:
        return render(request, "recruitment/confirm_failed.html", {"error": exc}, status=400)
    messages.success(request, _("Your email address is confirmed. You can sign in now."))
    return redirect("recruitment:login")


class ApplicantLoginView(LoginView):
    template_name = "recruitment/login.html"
    authentication_form = ApplicantAuthenticationForm

    def get_default_redirect_url(self):
        if selectors.applicant_of(self.request.user) is not None:
            return reverse("recruitment:dashboard")
        return super().get_default_redirect_url()


@require_GET
@applicant_required
def dashboard(request, applicant):
    applications = list(selectors.applications_of(applicant))
    published = selectors.published_results_for(applications)
    for application in applications:
        application.published = published.get(application.pk, {})
    return render(
        request,
        "recruitment/dashboard.html",
        {
            "applicant": applicant,
            "applications": applications,
            "notifications": notifications.notifications_for(request.user),
            "open_selections": [
                s
                for s in selectors.public_selections()
                if selectors.registration_is_open(s, on=timezone.localdate())
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@applicant_required
def profile(request, applicant):
    form = ProfileForm(request.POST or None, instance=applicant)
    if request.method == "POST" and form.is_valid():
        try:
            services.applicant_update_profile(
                applicant=applicant, **{f: form.cleaned_data[f] for f in form.Meta.fields}
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("recruitment:dashboard")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "recruitment/profile.html", {"form": form, "applicant": applicant}, status=status
    )


@require_http_methods(["GET", "POST"])
@applicant_required
def apply(request, applicant, slug):
    selection = get_object_or_404(
        Selection.objects.exclude(status=Selection.Status.DRAFT).prefetch_related("stages"),
        slug=slug,
    )
    form = ApplyForm(request.POST or None, selection=selection)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                applicant=applicant, formasi=form.cleaned_data["formasi"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Application created: now upload your documents."))
            return redirect("recruitment:application", pk=application.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "recruitment/apply.html",
        {"form": form, "selection": selection, "applicant": applicant},
        status=status,
    )


def _own_application(applicant, pk) -> Application:
    return get_object_or_404(selectors.applications_of(applicant), pk=pk)


@require_GET
@applicant_required
def application_detail(request, applicant, pk):
    application = _own_application(applicant, pk)
    return render(request, "recruitment/application.html", _application_context(application))


def _application_context(application, **extra) -> dict:
    window = selectors.sanggah_window(application.selection)
    objection = getattr(application, "objection", None) if application.pk else None
    can_object = selectors.objection_refusal(application, now=timezone.now()) is None
    published = selectors.published_results_for([application]).get(application.pk, {})
    documents = {d.kind: d for d in application.documents.all()}
    return {
        "application": application,
        "selection": application.selection,
        "documents": documents,
        "document_kinds": services.applications.K.choices,
        "document_form": extra.get("document_form") or DocumentForm(),
        "objection_form": extra.get("objection_form") or ObjectionForm(),
        "window": window,
        "can_object": can_object,
        "objection": objection,
        "published": published,
        "stages": application.selection.stages.all(),
    }


@require_POST
@applicant_required
def document_upload(request, applicant, pk):
    application = _own_application(applicant, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_upload(
                application=application,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Document uploaded."))
            return redirect("recruitment:application", pk=application.pk)
    application = _own_application(applicant, pk)
    return render(
        request,
        "recruitment/application.html",
        _application_context(application, document_form=form),
        status=400,
    )


@require_POST
@applicant_required
def application_submit(request, applicant, pk):
    application = _own_application(applicant, pk)
    try:
        services.application_submit(application=application)
    except ValidationError as exc:
        _errors(request, exc)
        application = _own_application(applicant, pk)
        return render(
            request, "recruitment/application.html", _application_context(application), status=400
        )
    messages.success(request, _("Application sent for verification."))
    return redirect("recruitment:application", pk=application.pk)


@require_POST
@applicant_required
def application_withdraw(request, applicant, pk):
    application = _own_application(applicant, pk)
    try:
        services.application_withdraw(application=application, by=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("recruitment:application", pk=application.pk)


@require_POST
@applicant_required
def objection_file(request, applicant, pk):
    application = _own_application(applicant, pk)
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            services.objection_file(application=application, text=form.cleaned_data["text"])
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Your objection was filed."))
            return redirect("recruitment:application", pk=application.pk)
    application = _own_application(applicant, pk)
    return render(
        request,
        "recruitment/application.html",
        _application_context(application, objection_form=form),
        status=400,
    )


@require_GET
@login_required
def document_download(request, pk):
    """The applicant's own document, or any document for recruitment staff; else 404."""
    document = get_object_or_404(selectors.documents_visible_to(request.user), pk=pk)
    return private_file_response(
        document.file,
        content_type=document.content_type,
        filename=f"{document.application.registration_number}-{document.kind}",
    )
