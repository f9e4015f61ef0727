from django.urls import path

from doorbraak.register import views

app_name = "register"
urlpatterns = [
    path("register", views.overview_view, name="overview"),
    path("huishoudens/<int:pk>", views.household_view, name="household"),
]
