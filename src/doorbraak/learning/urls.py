from django.urls import URLPattern, URLResolver, path

from doorbraak.learning import views

app_name = "learning"
urlpatterns: list[URLPattern | URLResolver] = [
    path("leren", views.overview_view, name="overview"),
    path("leren/sessie/nieuw", views.session_view, name="session_new"),
    path("leren/sessie/<int:pk>", views.session_view, name="session"),
    path("leren/training/nieuw", views.training_view, name="training_new"),
    path("leren/interventies", views.interventions_view, name="interventions"),
    path("leren/experimenten/nieuw", views.experiment_edit_view, name="experiment_new"),
    path("leren/experimenten/<slug:code>", views.experiment_edit_view, name="experiment_edit"),
    path("leren/<slug:kind>/nieuw", views.activity_view, name="activity_new"),
    path("experimenten", views.public_experiments_view, name="public_list"),
    path("experimenten/<slug:code>", views.public_experiment_view, name="public_experiment"),
]
