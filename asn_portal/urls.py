"""Top-level URL map: public site, portal, accounts, admin and health check."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from asn_portal.common import views as common_views

handler400 = "asn_portal.common.errors.bad_request"
handler403 = "asn_portal.common.errors.permission_denied"
handler404 = "asn_portal.common.errors.page_not_found"
handler500 = "asn_portal.common.errors.server_error"

admin.site.site_header = _("ASN Portal — BKD administration")
admin.site.site_title = _("ASN Portal")
admin.site.index_title = _("Personnel administration")

urlpatterns = [
    path("", common_views.home, name="home"),
    path("healthz/", common_views.healthz, name="healthz"),
    path("akun/", include("asn_portal.accounts.urls")),
    path("portal/", include("asn_portal.portal.urls")),
    path("pengaduan/", include("complaints.urls")),
    path("rekrutmen/", include("recruitment.urls")),
    path("penilaian/", include("appraisal.urls")),
    path("penghargaan/", include("rewards.urls")),
    path("gaji/", include("payroll.urls")),
    path("", include("training.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
