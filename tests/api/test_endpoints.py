"""The API's endpoints on the session's synthetic region: what a programme role reads, the
NL API Design Rules (paths, API-Version, problem+json, links), and the OpenAPI document."""

import json
from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command
from django.test import Client

from doorbraak.api.dhis2 import adx_document, data_value_set, value_text
from doorbraak.api.selectors import Cell
from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.partners.models import Role
from tests.api.conftest import API

ADX = "{urn:ihe:qrph:adx:2015}"
ENDPOINTS = [
    "/indicators",
    "/indicators/P1",
    "/indicators/P1/values",
    "/areas",
    "/runs/latest",
    "/dhis2/dataValueSet.json",
    "/dhis2/adx.xml",
]


def _problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["type"].startswith("urn:doorbraak:api:probleem:")
    assert body["title"]
    assert body["detail"]
    assert "Traceback" not in response.content.decode()
    return body


@pytest.mark.slow
@pytest.mark.django_db
def test_a_programme_role_reads_every_endpoint(computed, client_of) -> None:
    client = client_of(Role.PROGRAMME_TEAM)
    for path in ENDPOINTS:
        response = client.get(API + path)
        assert response.status_code == 200, (path, response.content[:300])
        assert response["API-Version"] == "1.0.0", path

    indicators = client.get(f"{API}/indicators").json()["_embedded"]["indicators"]
    p1 = next(i for i in indicators if i["code"] == "P1")
    assert p1["name"] == "Bereik: ondersteunde huishoudens"
    assert p1["direction"] == "higher"
    assert p1["directionLabel"] == "hoger is beter"
    assert p1["areaLevels"] == ["region", "gemeente", "wijk"]
    assert p1["_links"]["values"]["href"] == f"{API}/indicators/P1/values"
    definitions = parse_definitions_file().definitions
    assert definitions is not None
    waiting = {w.code for w in definitions.waiting}
    assert waiting
    assert not waiting & {i["code"] for i in indicators}  # waits for data: not computed
    d2 = client.get(f"{API}/indicators/D2").json()
    assert set(d2["breakdowns"]) == {"age_group", "signal_source"}

    areas = client.get(f"{API}/areas", {"area-level": "gemeente"}).json()["_embedded"]["areas"]
    assert len(areas) == 10
    assert any(a["code"] == "GM0047" and a["name"] == "Veendam" for a in areas)
    assert {a["parent"] for a in areas} == {"veenkolonien"}

    run = client.get(f"{API}/runs/latest").json()
    assert run["periods"] == ["2025"]
    assert run["threshold"] == 10
    assert run["planVersion"]["number"] >= 1
    assert run["valueCount"] > 0


@pytest.mark.slow
@pytest.mark.django_db
def test_values_filter_and_page_with_links(computed, client_of) -> None:
    client = client_of(Role.BOARD)
    query = {"period": "2025", "area-level": "gemeente", "breakdown": "total"}
    first = client.get(f"{API}/indicators/P1/values", {**query, "page-size": 4})
    body = first.json()
    assert body["total"] == 10
    assert first["X-Total-Count"] == "10"
    cells = body["_embedded"]["values"]
    assert len(cells) == 4
    assert {c["areaLevel"] for c in cells} == {"gemeente"}
    assert {c["breakdown"] for c in cells} == {None}
    links = body["_links"]
    assert "prev" not in links
    assert links["last"]["href"].endswith("page=3&page-size=4")
    seen = [c["areaCode"] for c in cells]
    while "next" in links:
        page = client.get(links["next"]["href"]).json()
        seen += [c["areaCode"] for c in page["_embedded"]["values"]]
        links = page["_links"]
    assert len(seen) == len(set(seen)) == 10

    one = client.get(f"{API}/indicators/D2/values", {"area": "GM0047", "breakdown": "age_group"})
    categories = {c["category"] for c in one.json()["_embedded"]["values"]}
    assert categories == {"kind", "jongere", "volwassene"}


@pytest.mark.slow
@pytest.mark.django_db
def test_the_dhis2_exports_map_periods_areas_and_categories(computed, client_of) -> None:
    client = client_of(Role.RESEARCHER)
    query = {"indicator": "D2", "period": "2025", "area-level": "region"}
    value_set = client.get(f"{API}/dhis2/dataValueSet.json", query).json()
    rows = value_set["dataValues"]
    assert rows
    assert {r["dataElement"] for r in rows} == {"D2"}
    assert {r["period"] for r in rows} == {"2025"}
    assert {r["orgUnit"] for r in rows} == {"veenkolonien"}
    assert "default" in {r["categoryOptionCombo"] for r in rows}
    # which breakdown cells are shown depends on the disclosure gate (ADR 0012 hides more);
    # every other combination is a breakdown's category as "breakdown:category"
    combos = {r["categoryOptionCombo"] for r in rows} - {"default"}
    assert combos
    assert all(c.count(":") == 1 and all(c.split(":")) for c in combos), combos
    assert all(isinstance(r["value"], str) for r in rows)

    response = client.get(f"{API}/dhis2/adx.xml", query)
    assert response["Content-Type"].startswith("application/adx+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{ADX}adx"
    groups = root.findall(f"{ADX}group")
    assert [g.get("period") for g in groups] == ["2025-01-01/P1Y"]
    assert groups[0].get("orgUnit") == "veenkolonien"
    values = groups[0].findall(f"{ADX}dataValue")
    assert len(values) == len(rows)
    shown = {c.split(":")[0] for c in combos}  # the breakdowns of the shown cells
    assert any(set(v.attrib) & shown for v in values)


def _cell(**changes: object) -> Cell:
    base = dict(indicator="P3", period="2025Q3", area_level="gemeente", area_code="GM0047",
                breakdown="", category="", numerator=12.0, denominator=None, value=12.0,
                suppressed=False)  # fmt: skip
    base.update(changes)
    return Cell(**base)  # type: ignore[arg-type]


def test_adx_periods_are_iso_intervals_and_suppressed_cells_are_left_out() -> None:
    cells = [
        _cell(),
        _cell(period="2025", value=40.5, numerator=81.0, denominator=200.0),
        _cell(
            breakdown="category", category="schulden", value=None, numerator=None, suppressed=True
        ),
    ]
    root = ET.fromstring(adx_document(cells, exported="2026-01-01T00:00:00"))  # noqa: S314
    periods = {g.get("period"): g for g in root.findall(f"{ADX}group")}
    assert set(periods) == {"2025-07-01/P3M", "2025-01-01/P1Y"}
    assert periods["2025-01-01/P1Y"].find(f"{ADX}dataValue").get("value") == "40.5"  # type: ignore[union-attr]
    assert b"schulden" not in adx_document(cells, exported="x")
    rows = data_value_set(cells, complete_date="2026-01-01")["dataValues"]
    assert [r["period"] for r in rows] == ["2025Q3", "2025"]  # type: ignore[index]
    assert value_text(12.0) == "12"
    assert value_text(1 / 3) == "0.33"  # the page's rounding (core.numbers, ADR 0030)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ENDPOINTS)
def test_anonymous_gets_401_and_a_household_403(client_of, path: str) -> None:
    body = _problem(client_of(None).get(API + path), 401)
    assert body["title"] == "Niet ingelogd"
    assert client_of(None).get(API + path)["WWW-Authenticate"] == "Token"
    body = _problem(client_of(Role.HOUSEHOLD).get(API + path), 403)
    assert body["title"] == "Geen toegang"


@pytest.mark.django_db
def test_unknown_indicators_paths_methods_and_parameters_are_problems(client_of) -> None:
    client = client_of(Role.PROGRAMME_TEAM)
    assert _problem(client.get(f"{API}/indicators/X9"), 404)["detail"].startswith("Indicator X9")
    _problem(client.get(f"{API}/indicators/X9/values"), 404)
    _problem(client.get(f"{API}/bestaat-niet"), 404)
    _problem(client.get(f"{API}/indicators/"), 404)  # no trailing slashes
    _problem(client_of(None).get(f"{API}/bestaat/ook/niet"), 404)
    _problem(client_of(None).get("/api/v2/indicators"), 404)  # other versions: problems too
    _problem(client.post(f"{API}/indicators"), 405)
    assert client.delete(f"{API}/indicators/P1")["Allow"] == "GET, HEAD"
    body = _problem(client.get(f"{API}/indicators/P1/values", {"period": "2025Q5"}), 400)
    assert body["code"] == "ongeldige-periode"
    body = _problem(client.get(f"{API}/indicators/P1/values", {"area_level": "wijk"}), 400)
    assert "area_level" in body["detail"]
    body = _problem(client.get(f"{API}/indicators/P1/values", {"breakdown": "age_group"}), 400)
    assert body["code"] == "onbekende-uitsplitsing"
    _problem(client.get(f"{API}/indicators/P1/values", {"area": "GM9999"}), 400)
    _problem(client.get(f"{API}/indicators/P1/values", {"page-size": "5000"}), 400)
    _problem(client.get(f"{API}/runs/latest"), 404)  # no run yet in this test


@pytest.mark.django_db
def test_an_unexpected_error_is_a_dutch_500_without_traceback(client_of, monkeypatch) -> None:
    def broken() -> None:
        raise RuntimeError("kapot: interne details")

    monkeypatch.setattr("doorbraak.api.selectors.indicators", broken)
    response = client_of(Role.PROGRAMME_TEAM).get(f"{API}/indicators")
    body = _problem(response, 500)
    assert body["title"] == "Interne fout"
    assert b"kapot" not in response.content
    assert b"RuntimeError" not in response.content


@pytest.mark.django_db
def test_a_token_from_the_command_opens_the_api(user_of, capsys) -> None:
    call_command("api", "token", user_of(Role.DATA_STEWARD).username)
    key = capsys.readouterr().out.split(": ", 1)[1].split()[0]
    tool = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert tool.get(f"{API}/indicators").status_code == 200
    _problem(Client(HTTP_AUTHORIZATION="Token nep").get(f"{API}/indicators"), 401)


def test_the_openapi_document_is_openapi_3_with_every_path(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1.0.0"
    expected = {
        f"{API}/indicators",
        f"{API}/indicators/{{code}}",
        f"{API}/indicators/{{code}}/values",
        f"{API}/areas",
        f"{API}/runs/latest",
        f"{API}/dhis2/dataValueSet.json",
        f"{API}/dhis2/adx.xml",
    }
    assert set(document["paths"]) == expected
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path
        assert path == path.lower() or "dataValueSet" in path
        assert not path.endswith("/")
        responses = operations["get"]["responses"]
        assert "application/problem+json" in responses["404"]["content"]
    try:
        from openapi_spec_validator import validate
    except ImportError:
        assert "components" in document
        assert "schemas" in document["components"]
    else:
        validate(document)
