from django.urls import path

from doorbraak.reports import views

app_name = "reports"

urlpatterns = [
    path("reflectie/", views.index_view, name="index"),
    path("reflectie/bevriezen/", views.freeze_view, name="freeze"),
    path("reflectie/<int:year>/", views.year_view, name="year"),
    path("reflectie/<int:year>/duiding/", views.interpretation_add_view, name="interpretation_add"),
    path(
        "reflectie/<int:year>/duiding/<int:pk>/",
        views.interpretation_decide_view,
        name="interpretation_decide",
    ),
    path("reflectie/<int:year>/besluit/", views.decision_add_view, name="decision_add"),
    path("reflectie/<int:year>/besluiten-verwerken/", views.decisions_apply_view, name="apply"),
    path("reflectie/<int:year>/rapport/", views.report_view, name="report"),
    path("reflectie/<int:year>/rapport.pdf", views.report_view, {"fmt": "pdf"}, name="report_pdf"),
    path("reflectie/<int:year>/cijfers.csv", views.report_view, {"fmt": "csv"}, name="report_csv"),
]
