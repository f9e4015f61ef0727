from django.urls import path

from doorbraak.pipeline import views

app_name = "pipeline"
urlpatterns = [
    path("pijplijn", views.jobs_view, name="jobs"),
    path("pijplijn/<int:pk>/opnieuw", views.retry_view, name="retry"),
]
