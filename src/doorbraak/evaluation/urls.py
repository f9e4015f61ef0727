from django.urls import path

from doorbraak.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.index_view, name="index"),
    path("extract/nieuw", views.request_new_view, name="request_new"),
    path("extract/<int:pk>/besluit", views.request_decide_view, name="request_decide"),
    path("extract/<int:pk>/download", views.download_view, name="download"),
    path("besluit", views.decision_view, name="decision"),
]
