from django.contrib.auth import views as auth_views
from django.urls import reverse

from .forms import NipAuthenticationForm


def landing_url_for(user) -> str:
    """Employees land on their portal, staff without an employee record on the admin."""
    if user.employee_id:
        return reverse("portal:dashboard")
    if user.is_staff:
        return reverse("admin:index")
    return reverse("home")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = NipAuthenticationForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_url_for(self.request.user)
