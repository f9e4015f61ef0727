"""The API's endpoints: thin DRF views over `api.selectors`, JSON (HAL links) and DHIS2/ADX.

Every view (errors and the catch-all 404 included) sends the `API-Version` header and always
answers in JSON, whatever the Accept header asks, except the ADX export. Access is
`CanViewProgramme` (settings.REST_FRAMEWORK), i.e. `partners.access`'s VIEW_PROGRAMME.
Value pages and exports are built once per monitor run, filters and page (`api.cache`); a
values call's rules and run are looked up once while the monitor's inputs stay the same
(`monitor.kept_pages.kept`), and its page is kept per viewer's role too (ADR 0034).
Every answer, given or refused, is a line in the audit chain (`_audit`). A value says whether
its period is running (`running`, `dataUntil`, `runningLabel`); the DHIS2 and ADX exports leave
running periods out (ADR 0018).
"""

import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak.api import dhis2, filters, schema
from doorbraak.api import selectors as s
from doorbraak.api.cache import documents
from doorbraak.api.problems import Missing
from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address
from doorbraak.core.models import AuditAction
from doorbraak.core.numbers import rounded_float
from doorbraak.core.periods import period_parse, period_running
from doorbraak.monitor.kept_pages import EVERYONE, kept, viewer_key

T = TypeVar("T")
API_VERSION = "1.0.0"
BASE = "/api/v1"


class JsonAlways(DefaultContentNegotiation):
    """NL API Design Rules: JSON is the format; an Accept header never turns into a 406."""

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


class ApiView(APIView):
    content_negotiation_class = JsonAlways
    metadata_class = None  # OPTIONS is not offered: 405, like every other method but GET

    @property
    def allowed_methods(self) -> list[str]:
        return [m for m in super().allowed_methods if m != "OPTIONS"]

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        response.setdefault("Cache-Control", "private, no-store")
        _audit(request, response, kwargs)
        return response


# How an API answer is written in the audit chain; any other status: "fout-<status>".
AUDIT_RESULTS = {400: "ongeldig", 401: "geweigerd", 403: "geweigerd", 404: "niet-gevonden"}


def _audit(request: Any, response: Any, kwargs: dict[str, Any]) -> None:
    """Every answer, given or refused, is one line in the audit chain: the endpoint's name and,
    for an indicator that exists, its code; never the path or query as typed (which could hold
    anything, a BSN too)."""
    status = int(response.status_code)
    match = getattr(request, "resolver_match", None)
    endpoint = match.url_name if match is not None else "onbekend"
    code = kwargs.get("code") if status < 400 else None
    audit_record(
        actor=getattr(request, "_user", None),  # as authenticated; never authenticate again
        action=AuditAction.API_READ,
        object_type="api",
        object_id=f"{endpoint}:{code}" if code else str(endpoint),
        result="getoond" if status < 400 else AUDIT_RESULTS.get(status, f"fout-{status}"),
        origin=client_address(request),
    )


def kept_for_run(name: str, argument: str, build: Callable[[], T]) -> T:
    """A lookup that does not depend on who asks (the caller checked the permission), kept
    while the monitor's inputs stay the same: which rules and run answer a values call."""
    return kept(name, argument, build, viewer=EVERYONE)


def _href(path: str, params: Mapping[str, object] | None = None) -> dict[str, str]:
    query = urlencode({k: v for k, v in (params or {}).items() if v not in (None, "")})
    return {"href": f"{BASE}{path}" + (f"?{query}" if query else "")}


def _number(value: object) -> float | None:
    return None if value is None else float(str(value))


# --- Indicators -------------------------------------------------------------------------------


def _indicator_json(info: s.IndicatorInfo) -> dict[str, Any]:
    target = info.target
    return {
        "code": info.code,
        "name": info.name,
        "description": info.description,
        "unit": info.unit,
        "direction": info.direction,
        "directionLabel": info.direction_label,
        "kind": info.kind,
        "kindLabel": info.kind_label,
        "measure": info.measure,
        "window": info.window,
        "areaLevels": list(info.area_levels),
        "breakdowns": list(info.breakdowns),
        "goal": {"code": info.goal.code, "statement": info.goal.statement} if info.goal else None,
        "target": {
            "value": _number(target.value),
            "horizon": target.horizon,
            "baseline": _number(target.baseline),
            "baselineYear": target.baseline_year,
        }
        if target
        else None,
        "_links": {
            "self": _href(f"/indicators/{info.code}"),
            "values": _href(f"/indicators/{info.code}/values"),
        },
    }


def _missing_indicator(code: str) -> Missing:
    return Missing(
        _("Indicator %(code)s bestaat niet in het plan of wordt (nog) niet berekend.")
        % {"code": code}
    )


def _indicator_or_404(code: str) -> s.IndicatorInfo:
    info = s.indicator(code)
    if info is None:
        raise _missing_indicator(code)
    return info


class IndicatorListView(ApiView):
    @extend_schema(
        summary="Berekende indicatoren",
        operation_id="indicators_list",
        responses=schema.responses(schema.IndicatorListSerializer),
        tags=["monitor"],
    )
    def get(self, request: Request) -> Response:
        filters.refuse_unknown(request.query_params, ())
        found = [_indicator_json(info) for info in s.indicators()]
        return Response(
            {"_embedded": {"indicators": found}, "_links": {"self": _href("/indicators")}}
        )


class IndicatorDetailView(ApiView):
    @extend_schema(
        summary="Eén indicator",
        operation_id="indicator_get",
        responses=schema.responses(schema.IndicatorSerializer),
        tags=["monitor"],
    )
    def get(self, request: Request, code: str) -> Response:
        filters.refuse_unknown(request.query_params, ())
        return Response(_indicator_json(_indicator_or_404(code)))


# --- Values -----------------------------------------------------------------------------------


def _run_json(run: Any) -> dict[str, Any] | None:
    if run is None:
        return None
    return {
        "id": run.pk,
        "finishedAt": run.finished_at.isoformat() if run.finished_at else None,
        "threshold": run.threshold,
        "dataUntil": _date(run.data_until),
        "_links": {"self": _href("/runs/latest")},
    }


def _date(day: Any) -> str | None:
    return day.isoformat() if day else None


def _cell_json(cell: s.Cell) -> dict[str, Any]:
    return {
        "period": cell.period,
        "areaLevel": cell.area_level,
        "areaCode": cell.area_code,
        "breakdown": cell.breakdown or None,
        "category": cell.category or None,
        "numerator": cell.numerator,
        "denominator": cell.denominator,
        "value": rounded_float(cell.value),  # the page's rounding (core.numbers, ADR 0030)
        "suppressed": cell.suppressed,
        "running": cell.until is not None,
        "dataUntil": _date(cell.until),
        "runningLabel": cell.running or None,
    }


def _page_links(
    path: str, params: Mapping[str, str], page: filters.PageRequest, total: int
) -> dict[str, Any]:
    last = max(1, -(-total // page.size))

    def at(number: int) -> dict[str, str]:
        return _href(path, {**params, "page": number, "page-size": page.size})

    links = {"self": at(page.number), "first": at(1), "last": at(last)}
    if page.number > 1:
        links["prev"] = at(min(page.number - 1, last))
    if page.number < last:
        links["next"] = at(page.number + 1)
    return links


class IndicatorValuesView(ApiView):
    @extend_schema(
        summary="Waarden van een indicator (na onthullingscontrole)",
        operation_id="indicator_values_list",
        parameters=[*schema.VALUE_PARAMETERS, *schema.PAGE_PARAMETERS],
        responses=schema.responses(schema.ValuePageSerializer),
        tags=["monitor"],
    )
    def get(self, request: Request, code: str) -> HttpResponse:
        params = request.query_params
        filters.refuse_unknown(params, (*filters.VALUE_PARAMETERS, *filters.PAGE_PARAMETERS))
        breakdowns = kept_for_run("api-breakdowns", code, lambda: s.indicator_breakdowns(code))
        if breakdowns is None:
            raise _missing_indicator(code)
        query = filters.value_query(params, codes=(code,), breakdowns=breakdowns)
        page = filters.page_of(params)
        asked = {k: params[k] for k in filters.VALUE_PARAMETERS if k in params}
        run = kept_for_run("api-run", repr(query), lambda: s.run_for(query))
        if run is None:
            body, headers = _values_document(code, None, query, page, asked)
        else:
            body, headers = documents.get_or_build(
                (
                    "values",
                    run.pk,
                    run.started_at,
                    viewer_key(request.user),
                    query,
                    page,
                    tuple(sorted(asked.items())),
                ),
                lambda: _values_document(code, run, query, page, asked),
            )
        return HttpResponse(body, content_type="application/json", headers=headers)


def _values_document(
    code: str,
    run: Any,
    query: s.ValueQuery,
    page: filters.PageRequest,
    kept: Mapping[str, str],
) -> tuple[bytes, dict[str, str]]:
    found = (
        s.values_page(run, query, offset=page.offset, limit=page.size)
        if run is not None
        else s.ValuePage(run=None, total=0, cells=[])
    )
    path = f"/indicators/{code}/values"
    document = {
        "indicator": code,
        "run": _run_json(found.run),
        "page": page.number,
        "pageSize": page.size,
        "total": found.total,
        "_embedded": {"values": [_cell_json(cell) for cell in found.cells]},
        "_links": {
            **_page_links(path, kept, page, found.total),
            "indicator": _href(f"/indicators/{code}"),
        },
    }
    return _json(document), {"X-Total-Count": str(found.total)}


def _json(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- Areas and runs ---------------------------------------------------------------------------


class AreaListView(ApiView):
    @extend_schema(
        summary="Gebieden: regio, gemeenten en wijken",
        operation_id="areas_list",
        parameters=[schema.AREA_LEVEL],
        responses=schema.responses(schema.AreaListSerializer),
        tags=["monitor"],
    )
    def get(self, request: Request) -> Response:
        level = filters.level_of(request.query_params)
        found = [
            {
                "code": a.code,
                "name": a.name,
                "level": a.level,
                "parent": a.parent or None,
                "vintage": a.vintage,
            }
            for a in s.areas(level)
        ]
        return Response({"_embedded": {"areas": found}, "_links": {"self": _href("/areas")}})


class RunLatestView(ApiView):
    @extend_schema(
        summary="Waar de nieuwste monitorrun uit berekend is",
        operation_id="run_latest_get",
        responses=schema.responses(schema.RunSerializer),
        tags=["monitor"],
    )
    def get(self, request: Request) -> Response:
        filters.refuse_unknown(request.query_params, ())
        run = s.run_latest()
        if run is None:
            raise Missing(_("Er is nog geen afgeronde monitorrun."))
        version = run.plan_version
        return Response(
            {
                "id": run.pk,
                "startedAt": run.started_at.isoformat(),
                "finishedAt": run.finished_at.isoformat() if run.finished_at else None,
                "seconds": run.seconds,
                "planVersion": {"number": version.number, "name": version.name}
                if version
                else None,
                "periods": list(run.periods),
                "areaLevels": list(run.levels),
                "threshold": run.threshold,
                "dataUntil": _date(run.data_until),
                "factBatches": list(run.fact_batches),
                "definitionHashes": dict(run.definition_hashes),
                "indicatorCount": run.indicator_count,
                "valueCount": run.value_count,
                "suppressedCount": run.suppressed_count,
                "_links": {"self": _href("/runs/latest")},
            }
        )


# --- DHIS2 ------------------------------------------------------------------------------------


def _export_query(params: Mapping[str, str]) -> s.ValueQuery:
    filters.refuse_unknown(params, filters.EXPORT_PARAMETERS)
    codes = None
    if "indicator" in params:
        codes = tuple(c.strip() for c in params["indicator"].split(",") if c.strip())
        for code in codes:
            if s.indicator_breakdowns(code) is None:
                raise _missing_indicator(code)
    return filters.value_query(params, codes=codes, breakdowns=filters.export_breakdowns())


def _export(params: Mapping[str, str], kind: str, render: Any) -> tuple[bytes, dict[str, str]]:
    """The export document of the run that holds the cells asked for; built once per run,
    format and filters in this process (`api.cache`). Running periods are left out
    (`values_reported`); the headers say up to which day the data run and which periods were
    left out for that reason (ADR 0018)."""
    query = _export_query(params)
    run = s.run_for(query)
    if run is None:
        return bytes(render([], timezone.now())), {}
    moment = run.finished_at or run.started_at
    body, _headers = documents.get_or_build(
        (kind, run.pk, run.started_at, query),
        lambda: (render(s.values_reported(run, query), moment), {}),
    )
    headers = {}
    if run.data_until is not None:
        headers["X-Data-Until"] = run.data_until.isoformat()
        left_out = [p for p in run.periods if period_running(period_parse(p), run.data_until)]
        if left_out:
            headers["X-Running-Periods-Omitted"] = ",".join(left_out)
    return body, headers


def _value_set(cells: list[s.Cell], moment: Any) -> bytes:
    document = dhis2.data_value_set(cells, complete_date=moment.date().isoformat())
    return _json(document)


def _adx(cells: list[s.Cell], moment: Any) -> bytes:
    return dhis2.adx_document(cells, exported=moment.isoformat(timespec="seconds"))


class Dhis2DataValueSetView(ApiView):
    @extend_schema(
        summary="Export als DHIS2 dataValueSet (JSON)",
        operation_id="dhis2_data_value_set",
        parameters=[schema.INDICATOR, *schema.VALUE_PARAMETERS],
        responses=schema.responses(schema.DataValueSetSerializer),
        tags=["dhis2"],
    )
    def get(self, request: Request) -> HttpResponse:
        body, headers = _export(request.query_params, "dataValueSet", _value_set)
        return HttpResponse(body, content_type="application/json", headers=headers)


class AdxView(ApiView):
    @extend_schema(
        summary="Export als ADX 1.0 (XML)",
        operation_id="dhis2_adx",
        parameters=[schema.INDICATOR, *schema.VALUE_PARAMETERS],
        responses=schema.responses(str, media_type="application/adx+xml"),
        tags=["dhis2"],
    )
    def get(self, request: Request) -> HttpResponse:
        body, headers = _export(request.query_params, "adx", _adx)
        return HttpResponse(
            body, content_type="application/adx+xml; charset=utf-8", headers=headers
        )


# --- The OpenAPI document and everything else -------------------------------------------------


class OpenApiView(SpectacularAPIView):
    """Public, like any API description: it holds no data."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    renderer_classes = [OpenApiJsonRenderer2]  # application/json; errors too
    content_negotiation_class = JsonAlways

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        return response


class NotFoundView(ApiView):
    """Every other path under /api/v1 (and every method on it): a 404 problem, for anyone."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @property
    def allowed_methods(self) -> list[str]:
        return []

    def _missing(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise NotFound()

    post = put = patch = delete = options = _missing
    get = extend_schema(exclude=True)(_missing)  # not part of the OpenAPI document
