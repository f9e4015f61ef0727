from django.urls import path

from doorbraak.programme import views

app_name = "programme"
urlpatterns = [
    path("programma", views.overview_view, name="overview"),
    path("programma/doelen/<str:code>", views.goal_view, name="goal"),
    path("programma/versies", views.versions_view, name="versions"),
    path("programma/versies/<int:number>", views.overview_view, name="version"),
    path("programma/versies/<int:number>/doelen/<str:code>", views.goal_view, name="version-goal"),
]
