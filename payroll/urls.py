from django.urls import path

from . import views

app_name = "payroll"

urlpatterns = [
    path("slip/", views.my_payslips, name="my_payslips"),
    path("slip/<int:pk>/", views.my_payslip, name="my_payslip"),
    path("slip/<int:pk>/pdf/", views.my_payslip_pdf, name="my_payslip_pdf"),
    path("rekap/<int:run_id>/", views.unit_recap, name="unit_recap"),
    path("rekap/<int:run_id>/xlsx/", views.unit_recap_xlsx, name="unit_recap_xlsx"),
]
