from django.urls import path

from doorbraak.surveys import views

app_name = "surveys"
urlpatterns = [
    path("enquete/bedankt/", views.thanks_view, name="thanks"),
    path("enquete/<str:token>/", views.questionnaire_view, name="questionnaire"),
    path("enquetes/", views.rounds_view, name="rounds"),
    path("enquetes/<uuid:pk>/", views.results_view, name="results"),
]
