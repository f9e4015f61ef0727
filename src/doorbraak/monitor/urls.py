from django.urls import path

from doorbraak.monitor import area_views, dashboard_views, download_views, indicator_views

app_name = "monitor"
urlpatterns = [
    path("monitor", dashboard_views.dashboard_view, name="dashboard"),
    path("monitor/bestuur", dashboard_views.board_view, name="board"),
    path("monitor/gebied/<str:area_code>", area_views.area_view, name="area"),
    path("monitor/<str:code>.csv", download_views.indicator_csv_view, name="indicator_csv"),
    path("monitor/<str:code>.xlsx", download_views.indicator_xlsx_view, name="indicator_xlsx"),
    path("monitor/<str:code>", indicator_views.indicator_view, name="indicator"),
]
