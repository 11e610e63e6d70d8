from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("keluarga/<int:pk>/", views.family_member, name="family_member"),
    path("data-pegawai.pdf", views.profile_pdf, name="profile_pdf"),
    path("notifikasi/<int:pk>/dibaca/", views.notification_read, name="notification_read"),
]
