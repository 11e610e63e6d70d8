"""The pages to fuzz, found in the URL resolver and the admin registry.

A new page is fuzzed without changes here; a new page with parameters in its path must be added
to `ID_ROUTES` (a test fails until it is).
"""

import re
from dataclasses import dataclass

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver

# Not HTML pages with forms or lists: a JSON probe and Django's language switch.
SKIPPED = {"healthz", "set_language"}


@dataclass(frozen=True)
class Route:
    name: str
    converters: tuple[tuple[str, str], ...]  # (parameter, converter class name)

    @property
    def has_params(self) -> bool:
        return bool(self.converters)

    def __str__(self) -> str:
        return self.name


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            ns = pattern.namespace or namespace
            yield from _walk(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            converters = tuple(
                (param, type(conv).__name__)
                for param, conv in getattr(pattern.pattern, "converters", {}).items()
            )
            yield Route(name, converters)


def site_routes() -> list[Route]:
    """Every named public, portal and staff page outside the admin."""
    return [r for r in _walk(get_resolver().url_patterns) if r.name not in SKIPPED]


# The kwargs each page with path parameters is fuzzed with: a function of the fuzz world
# (tests/fuzz/conftest.py). Path values of `str`/`slug` parameters marked FUZZ are fuzzed too.
FUZZ = object()
ID_ROUTES = {
    "portal:family_member": lambda w: {"pk": w.family.pk},
    "portal:notification_read": lambda w: {"pk": w.notification.pk},
    "complaints:detail": lambda w: {"code": FUZZ},
    "complaints:attachment": lambda w: {"pk": 999_999},
    "recruitment:confirm": lambda w: {"token": FUZZ},
    "recruitment:application": lambda w: {"pk": 999_999},
    "recruitment:document_upload": lambda w: {"pk": 999_999},
    "recruitment:application_submit": lambda w: {"pk": 999_999},
    "recruitment:application_withdraw": lambda w: {"pk": 999_999},
    "accounts:password_reset_confirm": lambda w: {"uidb64": FUZZ, "token": FUZZ},
    "recruitment:objection_file": lambda w: {"pk": 999_999},
    "recruitment:document": lambda w: {"pk": 999_999},
    "recruitment:verification_form": lambda w: {"pk": 999_999},
    "recruitment:formasi_export": lambda w: {"pk": 999_999},
    "recruitment:selection": lambda w: {"slug": w.selection.slug},
    "recruitment:apply": lambda w: {"slug": w.selection.slug},
    "recruitment:publication": lambda w: {"slug": w.selection.slug, "kind": FUZZ, "version": 1},
    "recruitment:publication_payload": lambda w: {
        "slug": w.selection.slug,
        "kind": FUZZ,
        "version": 1,
    },
    "recruitment:publication_pdf": lambda w: {"slug": w.selection.slug, "kind": FUZZ, "version": 1},
    "appraisal:plan": lambda w: {"pk": 999_999},
    "appraisal:result_add": lambda w: {"pk": 999_999},
    "appraisal:result_delete": lambda w: {"pk": 999_999, "result_pk": 999_999},
    "appraisal:plan_move": lambda w: {"pk": 999_999, "action": FUZZ},
    "appraisal:evaluation": lambda w: {"pk": 999_999},
    "appraisal:evaluation_pdf": lambda w: {"pk": 999_999},
    "appraisal:realisation": lambda w: {"pk": 999_999, "result_pk": 999_999},
    "appraisal:evidence": lambda w: {"pk": 999_999, "realisation_pk": 999_999},
    "appraisal:evaluation_move": lambda w: {"pk": 999_999, "action": FUZZ},
    "appraisal:feedback": lambda w: {"pk": 999_999},
    "rewards:awardees_year": lambda w: {"year": 2026},
    "rewards:nominate": lambda w: {"employee_id": w.employee.pk},
    "payroll:my_payslip": lambda w: {"pk": 999_999},
    "payroll:my_payslip_pdf": lambda w: {"pk": 999_999},
    "payroll:unit_recap": lambda w: {"run_id": 999_999},
    "payroll:unit_recap_xlsx": lambda w: {"run_id": 999_999},
    "training:session": lambda w: {"pk": w.session.pk},
    "training:enrol": lambda w: {"pk": w.session.pk},
    "training:enrolment": lambda w: {"pk": 999_999},
    "training:cancel": lambda w: {"pk": 999_999},
    "training:approve": lambda w: {"pk": 999_999},
    "training:decline": lambda w: {"pk": 999_999},
    "training:attendance_qr": lambda w: {"pk": 999_999},
    "training:certificate_pdf": lambda w: {"pk": 999_999},
    "training:check_in": lambda w: {"token": "00000000-0000-0000-0000-000000000000"},
    "training:external_evidence": lambda w: {"pk": 999_999},
    "training:certificate_verify": lambda w: {"code": FUZZ},
}


# --- The admin -----------------------------------------------------------------------------------

# Parameters every changelist understands, besides its filters' own.
CHANGELIST_PARAMS = ["q", "o", "p", "e", "all", "_facets", "_popup", "_to_field"]
_PLAIN_ADMIN_URL = re.compile(r"^[\w\-/.]*$")


def admin_models() -> list[str]:
    """`app_label.model` of every model in the admin."""
    return sorted(model._meta.label_lower for model in admin.site._registry)


def model_admin(label: str):
    for model, model_admin in admin.site._registry.items():
        if model._meta.label_lower == label:
            return model_admin
    raise LookupError(label)


def admin_pages(label: str) -> list[str]:
    """The model admin's pages without path parameters: changelist, add, export, import…"""
    ma = model_admin(label)
    pages = []
    for url in ma.get_urls():
        pattern = str(url.pattern)
        if "<" not in pattern and _PLAIN_ADMIN_URL.match(pattern) and "jsi18n" not in pattern:
            pages.append(pattern)
    return pages


# Django's own per-object pages, fuzzed only where a model admin overrides the view: Django
# already answers a bogus id there with a redirect to the index.
STANDARD_OBJECT_VIEWS = {
    "<path:object_id>/change/": "change_view",
    "<path:object_id>/history/": "history_view",
    "<path:object_id>/delete/": "delete_view",
    "<path:object_id>/": None,
}


def admin_object_pages(label: str) -> list[str]:
    """The model admin's own per-object pages, with `{id}` where the object's id goes."""
    ma = model_admin(label)
    pages = []
    for url in ma.get_urls():
        pattern = str(url.pattern)
        if pattern in STANDARD_OBJECT_VIEWS:
            method = STANDARD_OBJECT_VIEWS[pattern]
            if method is None or getattr(type(ma), method) is getattr(admin.ModelAdmin, method):
                continue
        match = re.fullmatch(r"(.*)<(?:\w+:)?\w+>(.*)", pattern)
        if match and "<" not in match.group(1) + match.group(2):
            pages.append(match.group(1) + "{id}" + match.group(2))
    return pages
