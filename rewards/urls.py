from django.urls import path

from . import views

app_name = "rewards"

urlpatterns = [
    path("", views.awardees, name="awardees"),
    path("<int:year>/", views.awardees, name="awardees_year"),
    path("usulan/", views.nominate_index, name="nominate_index"),
    path("usulan/pegawai/<int:employee_id>/", views.nominate, name="nominate"),
    path("kasus-unit/", views.unit_cases, name="unit_cases"),
]
