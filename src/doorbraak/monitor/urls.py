from django.urls import path

from doorbraak.monitor import views

app_name = "monitor"
urlpatterns = [
    path("monitor", views.dashboard_view, name="dashboard"),
    path("monitor/bestuur", views.board_view, name="board"),
    path("monitor/gebied/<str:area_code>", views.area_view, name="area"),
    path("monitor/<str:code>.csv", views.indicator_csv_view, name="indicator_csv"),
    path("monitor/<str:code>.xlsx", views.indicator_xlsx_view, name="indicator_xlsx"),
    path("monitor/<str:code>", views.indicator_view, name="indicator"),
]
