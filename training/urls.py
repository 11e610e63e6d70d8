from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("pelatihan/", views.catalogue, name="catalogue"),
    path("pelatihan/angkatan/<int:pk>/", views.session_detail, name="session"),
    path("pelatihan/angkatan/<int:pk>/daftar/", views.enrol, name="enrol"),
    path("pelatihan/saya/", views.mine, name="mine"),
    path("pelatihan/persetujuan/", views.approvals, name="approvals"),
    path("pelatihan/pendaftaran/<int:pk>/", views.enrolment_detail, name="enrolment"),
    path("pelatihan/pendaftaran/<int:pk>/batal/", views.cancel, name="cancel"),
    path("pelatihan/pendaftaran/<int:pk>/setujui/", views.approve, name="approve"),
    path("pelatihan/pendaftaran/<int:pk>/tolak/", views.decline, name="decline"),
    path("pelatihan/pendaftaran/<int:pk>/qr.svg", views.attendance_qr, name="attendance_qr"),
    path(
        "pelatihan/pendaftaran/<int:pk>/sertifikat.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("pelatihan/hadir/<uuid:token>/", views.check_in, name="check_in"),
    path("pelatihan/eksternal/baru/", views.external_new, name="external_new"),
    path("pelatihan/eksternal/<int:pk>/bukti/", views.external_evidence, name="external_evidence"),
    path("pelatihan/laporan/di-bawah-target/", views.report_below_target, name="report_below"),
    path("pelatihan/laporan/pemerataan/", views.report_equity, name="report_equity"),
    path("sertifikat/", views.certificate_lookup, name="certificate_lookup"),
    path("sertifikat/<str:code>/", views.certificate_verify, name="certificate_verify"),
]
