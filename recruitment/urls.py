from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("", views.index, name="index"),
    path("daftar/", views.register, name="register"),
    path("konfirmasi/<str:token>/", views.confirm, name="confirm"),
    path("masuk/", views.ApplicantLoginView.as_view(), name="login"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("profil/", views.profile, name="profile"),
    path("lamaran/<int:pk>/", views.application_detail, name="application"),
    path("lamaran/<int:pk>/dokumen/", views.document_upload, name="document_upload"),
    path("lamaran/<int:pk>/kirim/", views.application_submit, name="application_submit"),
    path("lamaran/<int:pk>/tarik/", views.application_withdraw, name="application_withdraw"),
    path("lamaran/<int:pk>/sanggah/", views.objection_file, name="objection_file"),
    path("dokumen/<int:pk>/", views.document_download, name="document"),
    path("staf/verifikasi/", views.verification_queue, name="verification_queue"),
    path("staf/verifikasi/<int:pk>/", views.verification_form, name="verification_form"),
    path("staf/formasi/<int:pk>/hasil.xlsx", views.formasi_export, name="formasi_export"),
    path("<slug:slug>/", views.selection_detail, name="selection"),
    path("<slug:slug>/lamar/", views.apply, name="apply"),
    path(
        "<slug:slug>/hasil/<str:kind>/v<int:version>/",
        views.publication_detail,
        name="publication",
    ),
    path(
        "<slug:slug>/hasil/<str:kind>/v<int:version>/snapshot.json",
        views.publication_payload,
        name="publication_payload",
    ),
    path(
        "<slug:slug>/hasil/<str:kind>/v<int:version>/pengumuman.pdf",
        views.publication_pdf,
        name="publication_pdf",
    ),
]
