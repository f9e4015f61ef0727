from django.contrib.auth import views as auth_views
from django.urls import path

from doorbraak.web import views

app_name = "web"
urlpatterns = [
    path("", views.public_view, name="public"),
    path("toegankelijkheid", views.accessibility_view, name="accessibility"),
    path(
        "inloggen",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("start", views.start_view, name="start"),
    path("werk", views.caseload_view, name="caseload"),
    path("mijn-huishouden", views.household_view, name="household"),
    path("onderzoek", views.research_view, name="research"),
    path("favicon.ico", views.favicon_view),
]
