from django.contrib.auth import views as auth_views
from django.urls import path

from doorbraak.partners import login_views
from doorbraak.web import views

app_name = "web"
urlpatterns = [
    path("", views.public_view, name="public"),
    path("toegankelijkheid", views.accessibility_view, name="accessibility"),
    path("inloggen", login_views.LoginView.as_view(), name="login"),
    path("inloggen/tweede-stap", login_views.second_step_view, name="second_step"),
    path("inloggen/organisatie", login_views.OidcStartView.as_view(), name="oidc_start"),
    path(
        "inloggen/organisatie/terug", login_views.OidcCallbackView.as_view(), name="oidc_callback"
    ),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten", login_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd",
        login_views.PasswordResetSentView.as_view(),
        name="password_reset_sent",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        login_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("start", views.start_view, name="start"),
    path("werk", views.caseload_view, name="caseload"),
    path("mijn-huishouden", views.household_view, name="household"),
    path("onderzoek", views.research_view, name="research"),
    path("favicon.ico", views.favicon_view),
]
