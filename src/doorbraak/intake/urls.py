from django.urls import path

from doorbraak.intake import views

app_name = "intake"
urlpatterns = [
    path("aanleveringen", views.batch_list_view, name="list"),
    path("aanleveringen/overzicht", views.glance_view, name="glance"),
    path("aanleveringen/<int:pk>", views.batch_detail_view, name="detail"),
    path("aanleveringen/<int:pk>/resultaat", views.result_file_view, name="result_file"),
]
