"""The indicator computation definitions: the shipped file, and every mistake reported."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from doorbraak.monitor.definitions import parse_definitions_file, parse_definitions_text
from doorbraak.monitor.definitions import vocabulary as v
from doorbraak.programme.definition import IndicatorDef, parse_plan_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def plan() -> tuple[IndicatorDef, ...]:
    parsed = parse_plan_file(settings.PLAN_FILE).plan
    assert parsed is not None
    return parsed.indicators()


def _line(path: Path, marker: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if marker in line)


def test_the_shipped_definitions_cover_every_plan_indicator(
    plan: tuple[IndicatorDef, ...],
) -> None:
    result = parse_definitions_file(plan=plan)
    assert result.ok, [str(p) for p in result.problems]
    definitions = result.definitions
    assert definitions is not None
    computed = {i.code for i in definitions.indicators}
    waiting = {w.code for w in definitions.waiting}
    assert computed | waiting == {i.code for i in plan}
    assert not computed & waiting
    assert {
        "D1",
        "D2",
        "D3",
        "D5",
        "D7",
        "D8",
        "D9",
        "W2",
        "P1",
        "P2",
        "P4",
        "P6",
        "P8",
    } <= computed
    assert all(w.waits_for for w in definitions.waiting)


def test_every_mistake_is_reported_with_its_line_in_one_run(
    plan: tuple[IndicatorDef, ...],
) -> None:
    path = FIXTURES / "indicators-several-mistakes.yaml"
    result = parse_definitions_file(path, plan=plan)
    assert not result.ok
    assert result.definitions is None
    found = {(p.line, p.code) for p in result.problems}
    expected = {
        (_line(path, "plan says cumulative"), "venster-wijkt-af"),
        (_line(path, "unknown fact table"), "onbekende-feitentabel"),
        (_line(path, "unknown column"), "onbekende-kolom"),
        (_line(path, "have no capital"), "uitsplitsing-niet-mogelijk"),
        (_line(path, "have no capital"), "uitsplitsing-niet-in-plan"),
        (_line(path, "code: W2"), "teller-ontbreekt"),
        (_line(path, "unknown population"), "onbekende-groep"),
        (_line(path, "have no person"), "geen-persoon"),
        (_line(path, "unknown field"), "onbekend-veld"),
        (_line(path, "not in the plan"), "onbekende-indicator"),
        (_line(path, "also defined above"), "dubbele-indicator"),
        (1, "indicator-zonder-definitie"),
    }
    assert expected <= found, sorted(expected - found)
    messages = "\n".join(str(p) for p in result.problems)
    assert "Bedoelt u 'signals'?" in messages
    assert "Bedoelt u 'filters'?" in messages
    assert [p.line for p in result.problems] == sorted(p.line for p in result.problems)


HEAD = "schema_version: 1\nindicators:\n  - "


def test_without_the_plan_only_the_file_itself_is_checked() -> None:
    result = parse_definitions_text(
        HEAD + "{code: X, kind: count, unit: fact, facts: signals, window: flow}"
    )
    assert result.ok, result.problems


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "leeg-bestand"),
        ("schema_version: 2\nindicators: []\n", "onbekende-schemaversie"),
        (
            HEAD + "{code: X, kind: count, unit: fact, facts: signals, window: flow, "
            "filters: [{colum: kind}]}",
            "onbekend-filter",
        ),
        (
            HEAD + "{code: X, kind: count, unit: fact, facts: signals, window: flow, "
            "filters: [{column: crisis, op: eq}]}",
            "waarde-ontbreekt",
        ),
        (
            HEAD + "{code: X, kind: median, unit: fact, facts: signals, window: flow}",
            "waarde-ontbreekt",
        ),
        (
            HEAD + "{code: X, kind: ratio, unit: fact, facts: signals, window: flow}",
            "teller-ontbreekt",
        ),
        (
            HEAD + "{code: X, kind: count, unit: fact, facts: plans, window: latest}",
            "venster-past-niet",
        ),
        (
            HEAD + "{code: X, kind: count, unit: person, facts: signals, window: flow, "
            "filters: [{age: [26, 18]}]}",
            "ongeldige-leeftijd",
        ),
        (
            HEAD + "{code: X, kind: count, unit: household, facts: signals, window: flow, "
            "breakdowns: [programme_line]}",
            "uitsplitsing-niet-mogelijk",
        ),
        (
            HEAD + "{code: X, kind: count, unit: household, facts: deliveries, window: flow}",
            "geen-huishouden",
        ),
    ],
)
def test_single_mistakes_have_stable_codes(text: str, code: str) -> None:
    result = parse_definitions_text(text)
    assert code in {p.code for p in result.problems}, result.problems


def test_table_and_column_names_are_the_registers(db: None) -> None:
    """The pure vocabulary names real tables, views and columns of the migrated database."""
    with connection.cursor() as cursor:
        tables = {t.name for t in connection.introspection.get_table_list(cursor)}
        columns = {
            name: {c.name for c in connection.introspection.get_table_description(cursor, name)}
            for name in tables
        }
    for table in v.TABLES.values():
        assert table.db_table in columns, table.db_table
        names = {*table.columns.values(), *table.breakdowns.values(), *table.dates}
        names |= {c for c in (table.household, table.person) if c}
        names |= set(table.interval or ())
        assert names <= columns[table.db_table], (table.name, names - columns[table.db_table])
    for name in (v.RESIDENCE, v.PERSON, v.MEMBERSHIP, v.OUTCOME, v.INTERVENTION, v.AREA, v.PARTNER):
        assert name in columns, name
