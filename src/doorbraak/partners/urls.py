from django.urls import path

from doorbraak.partners import views

app_name = "partners"
urlpatterns = [
    path("partners", views.partner_list_view, name="list"),
    path("partners/nieuw", views.partner_add_view, name="add"),
    path("organisatie", views.own_organisation_view, name="own"),
    path(
        "wachtwoord/instellen/<uidb64>/<token>/",
        views.PasswordSetView.as_view(),
        name="password_set",
    ),
]
