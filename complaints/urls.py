from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("lacak/", views.track, name="track"),
    path("lacak/<str:code>/", views.detail, name="detail"),
    path("statistik/", views.statistics, name="statistics"),
    path("lampiran/<int:pk>/", views.attachment_download, name="attachment"),
]
