"""The API's paths under /api/v1: plural nouns, lowercase kebab-case, no trailing slashes.

The last pattern catches every other path under /api/v1, so an unknown path gets a 404
problem document (JSON, `API-Version` header), not the web app's HTML page.
"""

from django.urls import URLPattern, URLResolver, path, re_path

from doorbraak.api import views
from doorbraak.api.schema import AREA_LEVELS_ALL
from doorbraak.api.views import API_VERSION

app_name = "api"

OPENAPI_SETTINGS = {
    "TITLE": "doorbraak API",
    "DESCRIPTION": (
        "Alleen-lezen API van de monitor: indicatoren en hun waarden na onthullingscontrole, "
        "gebieden, de nieuwste monitorrun en exports voor DHIS2 (dataValueSet, ADX). "
        "Zie docs/api.md."
    ),
    "VERSION": API_VERSION,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": False,
    "ENUM_NAME_OVERRIDES": {"AreaLevelEnum": [(name, name) for name in AREA_LEVELS_ALL]},
}

urlpatterns: list[URLPattern | URLResolver] = [
    path("indicators", views.IndicatorListView.as_view(), name="indicators"),
    path("indicators/<str:code>", views.IndicatorDetailView.as_view(), name="indicator"),
    path(
        "indicators/<str:code>/values",
        views.IndicatorValuesView.as_view(),
        name="indicator_values",
    ),
    path("areas", views.AreaListView.as_view(), name="areas"),
    path("runs/latest", views.RunLatestView.as_view(), name="run_latest"),
    path("dhis2/dataValueSet.json", views.Dhis2DataValueSetView.as_view(), name="dhis2_json"),
    path("dhis2/adx.xml", views.AdxView.as_view(), name="dhis2_adx"),
    path(
        "openapi.json",
        views.OpenApiView.as_view(custom_settings=OPENAPI_SETTINGS),
        name="openapi",
    ),
    re_path(r"^.*$", views.NotFoundView.as_view(), name="not_found"),
]
