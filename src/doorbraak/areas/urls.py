from django.urls import path

from doorbraak.areas import views

app_name = "areas"
urlpatterns = [
    path("gebieden", views.area_tree_view, name="tree"),
    path("gebieden/<str:code>", views.area_detail_view, name="detail"),
]
