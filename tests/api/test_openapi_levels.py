"""The OpenAPI document's one name for the area levels (drf-spectacular's ENUM_NAME_OVERRIDES)
lists exactly the levels the API serves, in settings (which import no app) as in api.urls."""

from django.conf import settings

from doorbraak.api.schema import AREA_LEVELS_ALL
from doorbraak.api.urls import OPENAPI_SETTINGS


def test_the_settings_name_the_api_levels_as_the_api_serves_them() -> None:
    named = settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["AreaLevelEnum"]
    assert list(named) == list(AREA_LEVELS_ALL)
    assert [name for name, _ in OPENAPI_SETTINGS["ENUM_NAME_OVERRIDES"]["AreaLevelEnum"]] == list(
        AREA_LEVELS_ALL
    )
