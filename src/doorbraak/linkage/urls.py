from django.urls import path

from doorbraak.linkage import views

app_name = "linkage"
urlpatterns = [
    path("koppeling", views.report_view, name="report"),
    path("koppeling/beoordelen", views.review_view, name="review"),
    path("koppeling/beoordelen/<int:pk>", views.decide_view, name="decide"),
]
