from django.urls import path

from . import views

app_name = "rewards"

urlpatterns = [
    path("", views.awardees, name="awardees"),
    path("<int:year>/", views.awardees, name="awardees_year"),
]
