"""Public pages: selections, formasi, rules, and the published, fingerprinted results."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from asn_portal.common.pdf import pdf_response, render_pdf

from .. import selectors
from ..models import Publication, Selection, Stage

PAGE_SIZE = 100
PDF_MAX_ROWS = 5000


@require_GET
def index(request):
    today = timezone.localdate()
    selections = list(selectors.public_selections())
    for selection in selections:
        registration = selectors.stage_dates(selection, Stage.REGISTRATION)
        selection.registration = registration
        selection.is_open = selectors.registration_is_open(selection, on=today)
    return render(request, "recruitment/index.html", {"selections": selections})


@require_GET
def selection_detail(request, slug):
    try:
        selection = selectors.public_selection(slug)
    except Selection.DoesNotExist:
        raise Http404 from None
    context = {
        "selection": selection,
        "formasi": selectors.formasi_of(selection),
        "publications": selectors.publications_of(selection),
        "is_open": selectors.registration_is_open(selection, on=timezone.localdate()),
        "window": selectors.sanggah_window(selection),
    }
    return render(request, "recruitment/selection_detail.html", context)


def _publication(slug: str, kind: str, version: int) -> Publication:
    return get_object_or_404(
        Publication.objects.select_related("selection").defer("payload"),
        selection__slug=slug,
        kind=kind,
        version=version,
    )


@require_GET
def publication_detail(request, slug, kind, version):
    publication = _publication(slug, kind, version)
    formasi_code = request.GET.get("formasi", "")[:30]
    query = request.GET.get("q", "").strip()[:30]
    entries = selectors.publication_entries(publication, formasi_code=formasi_code, query=query)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    history = selectors.publications_of(publication.selection).filter(kind=kind)
    return render(
        request,
        "recruitment/publication_detail.html",
        {
            "publication": publication,
            "selection": publication.selection,
            "page": page,
            "history": history,
            "formasi_code": formasi_code,
            "q": query,
            "formasi": selectors.formasi_of(publication.selection)
            .select_related(None)
            .only("code", "position_name"),
        },
    )


@require_GET
def publication_payload(request, slug, kind, version):
    """The exact bytes the fingerprint is computed over: `sha256sum` reproduces it."""
    publication = get_object_or_404(Publication, selection__slug=slug, kind=kind, version=version)
    response = HttpResponse(
        publication.payload.encode("utf-8"), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{slug}-{kind}-v{version}-{publication.fingerprint[:12]}.json"'
    )
    return response


@require_GET
def publication_pdf(request, slug, kind, version):
    publication = _publication(slug, kind, version)
    formasi_code = request.GET.get("formasi", "")[:30]
    entries = selectors.publication_entries(publication, formasi_code=formasi_code)
    if entries.count() > PDF_MAX_ROWS:
        return HttpResponseBadRequest(
            _("Too many rows for one document: choose a formasi (?formasi=CODE).")
        )
    pdf = render_pdf(
        "recruitment/pdf/announcement.html",
        {"publication": publication, "selection": publication.selection, "entries": entries},
    )
    return pdf_response(pdf, f"pengumuman-{slug}-{kind}-v{version}.pdf")
