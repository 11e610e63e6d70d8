from django.urls import path

from . import views

app_name = "appraisal"

urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("skp/<int:pk>/", views.plan_detail, name="plan"),
    path("skp/<int:pk>/hasil/", views.result_add, name="result_add"),
    path("skp/<int:pk>/hasil/<int:result_pk>/hapus/", views.result_delete, name="result_delete"),
    path("skp/<int:pk>/<str:action>/", views.plan_move, name="plan_move"),
    path("evaluasi/<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("evaluasi/<int:pk>/pdf/", views.evaluation_pdf, name="evaluation_pdf"),
    path(
        "evaluasi/<int:pk>/realisasi/<int:result_pk>/",
        views.realisation_save,
        name="realisation",
    ),
    path("evaluasi/<int:pk>/bukti/<int:realisation_pk>/", views.evidence, name="evidence"),
    path("evaluasi/<int:pk>/<str:action>/", views.evaluation_move, name="evaluation_move"),
    path("umpan-balik/<int:pk>/", views.feedback, name="feedback"),
]
