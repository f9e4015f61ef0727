from django.urls import URLPattern, URLResolver, path

from doorbraak.opendata import views

app_name = "opendata"
urlpatterns: list[URLPattern | URLResolver] = [
    path("open-data", views.open_data_view, name="public"),
    path("open-data/kiezen", views.choose_view, name="choose"),
    path(f"open-data/{views.CSV_NAME}", views.csv_view, name="csv"),
    path(f"open-data/{views.CSV_NAME}-metadata.json", views.metadata_view, name="metadata"),
    path("open-data/<str:code>", views.indicator_view, name="indicator"),
]
