from django.urls import path

from doorbraak.outreach import views

app_name = "outreach"

urlpatterns = [
    path("", views.worklist_view, name="worklist"),
    path("nieuw/", views.signal_new_view, name="signal_new"),
    path("zaken/<uuid:pk>/", views.case_view, name="case"),
    path("zaken/<uuid:pk>/oppakken/", views.take_up_view, name="take_up"),
    path("zaken/<uuid:pk>/contactpoging/", views.attempt_view, name="attempt"),
    path("zaken/<uuid:pk>/afsluiten/", views.close_view, name="close"),
    path("zaken/<uuid:pk>/toeleiden/", views.referral_view, name="referral"),
]
