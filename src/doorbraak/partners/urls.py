from django.urls import path

from doorbraak.partners import views

app_name = "partners"
urlpatterns = [
    path("partners", views.partner_list_view, name="list"),
    path("organisatie", views.own_organisation_view, name="own"),
]
