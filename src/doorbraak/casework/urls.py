from django.urls import path

from doorbraak.casework import plan_views, views

app_name = "casework"

urlpatterns = [
    path("", views.caseload_view, name="caseload"),
    path("zoeken/", views.find_view, name="find"),
    path("nieuw/", views.register_view, name="register"),
    path("huishoudens/<uuid:pk>/", views.household_view, name="household"),
    path("huishoudens/<uuid:pk>/overdragen/", views.handover_view, name="handover"),
    path("huishoudens/<uuid:pk>/betrokkenen/", views.participant_view, name="participant"),
    path("huishoudens/<uuid:pk>/toestemming/", views.consent_view, name="consent"),
    path(
        "huishoudens/<uuid:pk>/toestemming/<int:consent>/intrekken/",
        views.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path("huishoudens/<uuid:pk>/grondslag/", views.ground_view, name="ground"),
    path(
        "huishoudens/<uuid:pk>/grondslag/<int:ground>/intrekken/",
        views.ground_withdraw_view,
        name="ground_withdraw",
    ),
    path("huishoudens/<uuid:pk>/noodtoegang/", views.break_glass_view, name="break_glass"),
    path("huishoudens/<uuid:pk>/plan/", plan_views.plan_view, name="plan"),
    path(
        "huishoudens/<uuid:pk>/plan/versies/<int:version>/",
        plan_views.plan_version_view,
        name="plan_version",
    ),
    path("huishoudens/<uuid:pk>/plan/akkoord/", plan_views.plan_agree_view, name="plan_agree"),
    path("huishoudens/<uuid:pk>/contact/", plan_views.contact_view, name="contact"),
    path("huishoudens/<uuid:pk>/meting/", plan_views.reading_view, name="reading"),
]
