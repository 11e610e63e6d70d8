"""The site's URLs plus pages that fail on purpose, to render each error page."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from asn_portal.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def bad(request):
    raise SuspiciousOperation("test")


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("test")


urlpatterns = [
    path("uji/400/", bad),
    path("uji/403/", forbidden),
    path("uji/500/", broken),
    *urlpatterns,
]
