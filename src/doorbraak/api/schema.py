"""The shapes the API answers with, for the OpenAPI document only (drf-spectacular).

The views build their JSON themselves (`api.views`); these serializers describe it, so the
document at /api/v1/openapi.json says what a client gets. Keep both in step.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from doorbraak.core.area_levels import GROUPING_BREAKDOWNS, MONITOR_LEVEL_NAMES

# the hierarchy's levels, then the dorp and the experiment area (ADR 0042)
AREA_LEVELS_ALL = [*MONITOR_LEVEL_NAMES, *GROUPING_BREAKDOWNS]


class LinkSerializer(serializers.Serializer):
    href = serializers.CharField()


class GoalSerializer(serializers.Serializer):
    code = serializers.CharField()
    statement = serializers.CharField()


class TargetSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True)
    horizon = serializers.IntegerField()
    baseline = serializers.FloatField(allow_null=True)
    baselineYear = serializers.IntegerField(allow_null=True)  # noqa: N815 - JSON name


class IndicatorLinksSerializer(serializers.Serializer):
    self = LinkSerializer()
    values = LinkSerializer()


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(help_text=_("Naam uit het programmaplan"))
    description = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.ChoiceField(choices=["higher", "lower"])
    directionLabel = serializers.CharField()  # noqa: N815
    kind = serializers.ChoiceField(choices=["process", "effect"])
    kindLabel = serializers.CharField()  # noqa: N815
    measure = serializers.ChoiceField(
        choices=["count", "count_distinct", "share", "ratio", "median", "mean_difference"]
    )
    window = serializers.CharField()
    areaLevels = serializers.ListField(child=serializers.CharField())  # noqa: N815
    breakdowns = serializers.ListField(child=serializers.CharField())
    goal = GoalSerializer(allow_null=True)
    target = TargetSerializer(allow_null=True)
    _links = IndicatorLinksSerializer()


class IndicatorsEmbeddedSerializer(serializers.Serializer):
    indicators = IndicatorSerializer(many=True)


class SelfLinksSerializer(serializers.Serializer):
    self = LinkSerializer()


class IndicatorListSerializer(serializers.Serializer):
    _embedded = IndicatorsEmbeddedSerializer()
    _links = SelfLinksSerializer()


class ValueSerializer(serializers.Serializer):
    period = serializers.CharField(help_text=_("DHIS2-periode: 2025, 2025Q3"))
    areaLevel = serializers.ChoiceField(choices=AREA_LEVELS_ALL)  # noqa: N815
    areaCode = serializers.CharField()  # noqa: N815
    breakdown = serializers.CharField(allow_null=True)
    category = serializers.CharField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField(
        help_text=_("Onderdrukt door de onthullingscontrole: dan zonder getallen")
    )
    running = serializers.BooleanField(
        help_text=_(
            "Lopende periode: de gegevens van de run stoppen voor het einde van de periode, "
            "dus de waarde gaat over een deel ervan (ADR 0018)"
        )
    )
    dataUntil = serializers.DateField(  # noqa: N815
        allow_null=True,
        help_text=_("Bij een lopende periode: de laatste dag die de gegevens dekken"),
    )
    runningLabel = serializers.CharField(  # noqa: N815
        allow_null=True, help_text=_("Bij een lopende periode: 'lopend jaar, t/m 30 juni 2026'")
    )


class RunRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    finishedAt = serializers.DateTimeField(allow_null=True)  # noqa: N815
    threshold = serializers.IntegerField()
    dataUntil = serializers.DateField(  # noqa: N815
        allow_null=True, help_text=_("De laatste dag die de gegevens van de run dekken")
    )


class ValuesEmbeddedSerializer(serializers.Serializer):
    values = ValueSerializer(many=True)


class PageLinksSerializer(serializers.Serializer):
    self = LinkSerializer()
    first = LinkSerializer()
    last = LinkSerializer()
    prev = LinkSerializer(required=False)
    next = LinkSerializer(required=False)
    indicator = LinkSerializer()


class ValuePageSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    run = RunRefSerializer(allow_null=True)
    page = serializers.IntegerField()
    pageSize = serializers.IntegerField()  # noqa: N815
    total = serializers.IntegerField()
    _embedded = ValuesEmbeddedSerializer()
    _links = PageLinksSerializer()


class AreaSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=AREA_LEVELS_ALL)
    parent = serializers.CharField(allow_null=True)
    vintage = serializers.IntegerField()


class AreasEmbeddedSerializer(serializers.Serializer):
    areas = AreaSerializer(many=True)


class AreaListSerializer(serializers.Serializer):
    _embedded = AreasEmbeddedSerializer()
    _links = SelfLinksSerializer()


class PlanVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()


class RunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    startedAt = serializers.DateTimeField()  # noqa: N815
    finishedAt = serializers.DateTimeField(allow_null=True)  # noqa: N815
    seconds = serializers.FloatField(allow_null=True)
    planVersion = PlanVersionSerializer(allow_null=True)  # noqa: N815
    periods = serializers.ListField(child=serializers.CharField())
    areaLevels = serializers.ListField(child=serializers.CharField())  # noqa: N815
    threshold = serializers.IntegerField()
    dataUntil = serializers.DateField(  # noqa: N815
        allow_null=True,
        help_text=_(
            "De laatste dag die de gegevens van de run dekken; een periode die later eindigt "
            "is lopend (ADR 0018)"
        ),
    )
    factBatches = serializers.ListField(child=serializers.IntegerField())  # noqa: N815
    definitionHashes = serializers.DictField(child=serializers.CharField())  # noqa: N815
    indicatorCount = serializers.IntegerField()  # noqa: N815
    valueCount = serializers.IntegerField()  # noqa: N815
    suppressedCount = serializers.IntegerField()  # noqa: N815
    _links = SelfLinksSerializer()


class DataValueSerializer(serializers.Serializer):
    dataElement = serializers.CharField()  # noqa: N815
    period = serializers.CharField()
    orgUnit = serializers.CharField()  # noqa: N815
    categoryOptionCombo = serializers.CharField()  # noqa: N815
    value = serializers.CharField()


class DataValueSetSerializer(serializers.Serializer):
    dataSet = serializers.CharField()  # noqa: N815
    completeDate = serializers.DateField()  # noqa: N815
    dataValues = DataValueSerializer(many=True)  # noqa: N815


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details (application/problem+json)."""

    type = serializers.CharField()
    title = serializers.CharField(help_text=_("Nederlandstalige titel"))
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    code = serializers.CharField(required=False, help_text=_("Vaste code bij een 400"))


def responses(ok: object, *, media_type: str = "application/json") -> dict[Any, Any]:
    """The answer of a GET: `ok` on 200, a problem document on every error."""
    problem: dict[Any, Any] = {(status, "application/problem+json"): ProblemSerializer
               for status in (400, 401, 403, 404, 405, 500)}  # fmt: skip
    return {(200, media_type): ok, **problem}


def _query(name: str, description: str, **kwargs: Any) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.STR, OpenApiParameter.QUERY, description=description, **kwargs
    )


PERIOD = _query("period", "DHIS2-periode, bijvoorbeeld 2025 of 2025Q3")
AREA_LEVEL = _query("area-level", "Gebiedsniveau", enum=list(AREA_LEVELS_ALL))
AREA = _query("area", "Gebiedscode (zie /api/v1/areas)")
BREAKDOWN = _query(
    "breakdown",
    "Uitsplitsing (zie breakdowns van de indicator) of 'total' voor alleen de totalen; "
    "zonder: alle cellen",
)
INDICATOR = _query("indicator", "Indicatorcode(s), met komma's gescheiden; zonder: alle")
VALUE_PARAMETERS = [PERIOD, AREA_LEVEL, AREA, BREAKDOWN]
PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Pagina, 1…"),
    OpenApiParameter(
        "page-size", OpenApiTypes.INT, OpenApiParameter.QUERY, description="1-1000, standaard 100"
    ),
]
