from django.contrib.auth import views as auth_views

from .forms import NipAuthenticationForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = NipAuthenticationForm
    redirect_authenticated_user = True
