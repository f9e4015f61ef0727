"""The plan file reader: the shipped plan, fingerprints, and one test per validation rule.

Rule tests start from `fixtures/plan-minimal.yaml` (valid), put one mistake in it and expect
exactly that problem, on the line where the mistake is. No database, no Django.
"""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import doorbraak.programme.definition as definition
from doorbraak.programme.definition import (
    ParseResult,
    PlanDefinition,
    Problem,
    TargetDef,
    parse_plan_file,
    parse_plan_text,
    plan_fingerprint,
    plan_to_dict,
)

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED = Path(definition.__file__).parent.parent / "data" / "plan-alliantie-van-kracht.yaml"
MINIMAL = (FIXTURES / "plan-minimal.yaml").read_text(encoding="utf-8")


def changed(old: str, new: str, text: str = MINIMAL) -> str:
    """`text` with the first `old` replaced by `new`; fails loudly if `old` is not there."""
    assert old in text, f"test setup: {old!r} not in the text"
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    assert needle in text, f"test setup: {needle!r} not in the text"
    return text[: text.index(needle)].count("\n") + 1


def found(text: str) -> list[tuple[int, str]]:
    return [(problem.line, problem.code) for problem in parse_plan_text(text).problems]


def only_problem(text: str) -> Problem:
    problems = parse_plan_text(text).problems
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def shipped_plan() -> PlanDefinition:
    result = parse_plan_file(SHIPPED)
    assert result.plan is not None, [str(problem) for problem in result.problems]
    return result.plan


def edited_dump(edit: Any) -> str:
    """The minimal plan loaded as data, changed by `edit`, written back as YAML."""
    data = yaml.safe_load(MINIMAL)
    edit(data)
    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


# --- the shipped plan -----------------------------------------------------------------------


def test_shipped_plan_has_no_problems() -> None:
    result = parse_plan_file(SHIPPED)
    assert [str(problem) for problem in result.problems] == []
    assert result.ok


def test_shipped_plan_has_the_three_programme_lines() -> None:
    codes = [line.code for line in shipped_plan().programme_lines]
    assert codes == ["doelgroep", "werkveld", "effectiviteit-en-leren"]


def test_shipped_plan_has_every_operational_goal_of_chapter_3() -> None:
    codes = [goal.code for goal in shipped_plan().operational_goals()]
    expected = [f"D{n}" for n in range(1, 10)] + ["W1", "W2", "W3"]
    assert codes == expected + [f"E{n}" for n in range(1, 10)]


def test_shipped_plan_has_five_capitals_and_six_preconditions() -> None:
    plan = shipped_plan()
    capitals = {capital.code for capital in plan.capitals}
    assert capitals == {"economisch", "sociaal", "cultureel", "pedagogisch", "mentaal"}
    assert len(plan.preconditions) == 6


def test_shipped_plan_groups_doelgroep_goals_by_capital() -> None:
    capitals = {goal.code: goal.capital for goal in shipped_plan().operational_goals()}
    assert {code: capitals[code] for code in ("D1", "D2", "D3", "D4", "D5")} == {
        "D1": None,
        "D2": None,
        "D3": "cultureel",
        "D4": "cultureel",
        "D5": "economisch",
    }
    assert (capitals["D6"], capitals["D7"], capitals["D8"], capitals["D9"]) == (
        "economisch",
        "sociaal",
        "pedagogisch",
        "mentaal",
    )


def test_shipped_plan_has_the_catalogue_indicators() -> None:
    codes = {indicator.code for indicator in shipped_plan().indicators()}
    expected = {f"W1.{n}" for n in range(1, 7)} | {f"E2.{n}" for n in range(1, 5)}
    assert expected | {f"P{n}" for n in range(1, 9)} <= codes


def test_shipped_plan_measures_each_precondition_once() -> None:
    plan = shipped_plan()
    w1 = next(goal for goal in plan.operational_goals() if goal.code == "W1")
    measured = [indicator.precondition for indicator in w1.indicators]
    assert measured == [precondition.code for precondition in plan.preconditions]


def test_shipped_plan_targets_follow_the_seed() -> None:
    indicators = {indicator.code: indicator for indicator in shipped_plan().indicators()}
    assert indicators["W2"].target.value == 100
    assert indicators["W2"].unit == "%"
    assert indicators["W2"].target.horizon == 2043
    assert indicators["D1"].target.value is None
    assert indicators["E1"].target.value == 2


def test_shipped_plan_phases_have_the_seed_dates() -> None:
    phases = {phase.code: (phase.start.isoformat(), phase.end) for phase in shipped_plan().phases}
    assert phases["fase-1"][0] == "2023-02-01"
    assert phases["fase-3"][0] == "2023-07-01"
    assert str(phases["fase-3"][1]) == "2024-07-31"


def test_shipped_plan_process_indicators_are_process() -> None:
    assert {indicator.kind for indicator in shipped_plan().process_indicators} == {"process"}


# --- serialisation and fingerprint ----------------------------------------------------------


def test_plan_to_dict_is_json_with_the_documented_shape() -> None:
    data = json.loads(json.dumps(plan_to_dict(shipped_plan())))
    assert data["poverty_definition"]["source"] == "Sociaal Cultureel Planbureau (2019)"
    assert data["phases"][0]["start"] == "2023-02-01"
    goal = data["programme_lines"][1]["strategic_goals"][0]["operational_goals"][1]
    assert goal["indicators"][0]["target"] == {
        "value": 100.0,
        "horizon": 2043,
        "baseline": None,
        "baseline_year": None,
        "milestones": [],
        "note": "",
    }


def test_plan_to_dict_writes_milestones_and_unset_values() -> None:
    plan = parse_plan_text(MINIMAL).plan
    assert plan is not None
    data = plan_to_dict(plan)
    target = data["programme_lines"][0]["strategic_goals"][0]["operational_goals"][0]["indicators"][
        0
    ]["target"]
    assert target["milestones"] == [{"year": 2030, "value": 50.0}, {"year": 2035, "value": 55.0}]
    assert target["baseline"] == 40.5
    assert data["process_indicators"][0]["target"]["value"] is None


def test_fingerprint_ignores_formatting_and_comments() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    reformatted = yaml.safe_dump(yaml.safe_load(text), sort_keys=True, default_flow_style=True)
    block = "\n" + " " * 18 + "value: 100.0  # procent\n" + " " * 18 + "horizon: 2043"
    commented = "# Ander commentaar.\n" + changed(" {value: 100, horizon: 2043}", block, text)
    fingerprints = {plan_fingerprint(parse(t)) for t in (text, reformatted, commented)}
    assert len(fingerprints) == 1


def test_fingerprint_changes_when_a_target_changes() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    other = changed("{value: 100, horizon: 2043}", "{value: 95, horizon: 2043}", text)
    assert plan_fingerprint(parse(text)) != plan_fingerprint(parse(other))


def parse(text: str) -> PlanDefinition:
    result = parse_plan_text(text)
    assert result.plan is not None, [str(problem) for problem in result.problems]
    return result.plan


# --- several mistakes at once ---------------------------------------------------------------


def test_several_mistakes_are_all_reported_in_one_run() -> None:
    result = parse_plan_file(FIXTURES / "plan-several-mistakes.yaml")
    assert [(problem.line, problem.code) for problem in result.problems] == [
        (16, "ongeldige-datum"),
        (27, "onbekende-kapitaalvorm"),
        (28, "onbekend-veld"),
        (33, "ongeldige-waarde"),
        (40, "dubbele-code"),
    ]
    assert result.plan is None
    assert not result.ok


def test_several_mistakes_messages_say_what_to_do() -> None:
    messages = [
        p.message for p in parse_plan_file(FIXTURES / "plan-several-mistakes.yaml").problems
    ]
    assert "JJJJ-MM-DD" in messages[0]
    assert "Bedoelt u 'economisch'?" in messages[1]
    assert (
        messages[2] == "Onbekend veld 'statment' in dit operationele doel. Bedoelt u 'statement'?"
    )
    assert "Bedoelt u 'effect'?" in messages[3]
    assert "regel 30" in messages[4]


def test_problem_reads_as_file_line_code_message() -> None:
    problem = parse_plan_file(FIXTURES / "plan-unknown-capital.yaml").problems[0]
    assert str(problem).startswith(f"{FIXTURES / 'plan-unknown-capital.yaml'}:23: [onbekende-")
    assert "Bedoelt u 'mentaal'?" in str(problem)


def test_problems_name_the_given_filename() -> None:
    problem = parse_plan_text("- a\n", filename="plan.yaml").problems[0]
    assert str(problem).startswith("plan.yaml:1: [verkeerd-type] ")


# --- the file as a whole --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("plan-yaml-syntax-error.yaml", [(8, "yaml-syntax")]),
        ("plan-not-a-mapping.yaml", [(2, "verkeerd-type")]),
        ("plan-empty.yaml", [(1, "leeg-bestand")]),
    ],
)
def test_unusable_files_give_one_problem(fixture: str, expected: list[tuple[int, str]]) -> None:
    result = parse_plan_file(FIXTURES / fixture)
    assert [(problem.line, problem.code) for problem in result.problems] == expected


def test_syntax_error_names_where_the_broken_part_began() -> None:
    problem = parse_plan_file(FIXTURES / "plan-yaml-syntax-error.yaml").problems[0]
    assert "begint op regel 6" in problem.message


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    result = parse_plan_file(tmp_path / "weg.yaml")
    assert [(problem.code, problem.filename) for problem in result.problems] == [
        ("bestand-ontbreekt", str(tmp_path / "weg.yaml"))
    ]


def test_file_not_in_utf8_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(MINIMAL.replace("Testplan", "Caf\u00e9").encode("cp1252"))
    assert [problem.code for problem in parse_plan_file(path).problems] == ["geen-utf8"]


def test_a_directory_is_an_unreadable_file(tmp_path: Path) -> None:
    assert [problem.code for problem in parse_plan_file(tmp_path).problems] == [
        "bestand-onleesbaar"
    ]


def test_minimal_plan_is_valid() -> None:
    result = parse_plan_text(MINIMAL)
    assert result == ParseResult(plan=result.plan, problems=[])
    assert result.plan is not None
    assert result.ok


@pytest.mark.parametrize("target", ["", "\n    target: null", "\n    target: {value: null}"])
def test_target_not_given_or_null_is_not_yet_set(target: str) -> None:
    plan = parse(changed("source: plans_assignments", "source: plans_assignments" + target))
    assert plan.process_indicators[0].target == TargetDef(None, 2043, None, None, (), "")


# --- one test per rule ----------------------------------------------------------------------

RULE_CASES = [
    # (old, new, code, text on the line of the problem)
    ("    name: De Doelgroep", "    naam: De Doelgroep", "onbekend-veld", "naam:"),
    ("  mission: Een missie.\n", "", "ontbrekend-veld", "  code: test"),
    ("  mission: Een missie.\n", "  mission: A.\n  mission: B.\n", "dubbel-veld", "mission: B"),
    ("name: Testplan", "name: 12", "verkeerd-type", "name: 12"),
    ("name: Testplan", "name: yes", "verkeerd-type", "name: yes"),
    ("name: Testplan", 'name: ""', "lege-waarde", 'name: ""'),
    ("start_year: 2023", 'start_year: "2023"', "verkeerd-type", "start_year"),
    ("start: 2023-04-01", "start: 01-04-2023", "ongeldige-datum", "01-04-2023"),
    ("breakdowns: [gemeente, wijk]", "breakdowns: gemeente", "verkeerd-type", "breakdowns"),
    ("value: 60", "value: xx", "verkeerd-type", "value: xx"),
    ("baseline: 40.5", 'baseline: "40,5"', "verkeerd-type", "baseline:"),
    ("kind: effect", "kind: efect", "ongeldige-waarde", "kind: efect"),
    ("measure: share", "measure: percentage", "ongeldige-waarde", "measure: percentage"),
    ("temporality: stock", "temporality: stok", "ongeldige-waarde", "temporality: stok"),
    ("direction: higher", "direction: up", "ongeldige-waarde", "direction: up"),
    ("source: outcomes", "source: outcome", "ongeldige-waarde", "source: outcome"),
    ("[gemeente, wijk]", "[gemeente, buurt]", "ongeldige-waarde", "[gemeente, buurt]"),
    ("[gemeente, wijk]", "[gemeente, gemeente]", "dubbele-waarde", "[gemeente, gemeente]"),
    ("schema_version: 1", "schema_version: 2", "onbekende-schemaversie", "schema_version"),
    ("horizon_year: 2043", "horizon_year: 2020", "ongeldige-looptijd", "horizon_year"),
    ("code: fase-1", "code: fase 1", "ongeldige-code", "code: fase 1"),
    ("{code: sociaal,", "{code: economisch,", "dubbele-code", "- {code: economisch, name: S"),
    ("{code: samenhang,", "{code: samenwerking,", "dubbele-code", "samenwerking, name: Samenh"),
    ("{code: fase-2,", "{code: fase-1,", "dubbele-code", "{code: fase-1, name: Fase 2"),
    ("code: SD-1", "code: D1", "dubbele-code", "- code: D1\n            capital"),
    ("code: D1-AANTAL", "code: P1", "dubbele-code", "- code: P1\n    name: Bereik"),
    ("capital: economisch\n" + " " * 12, "capital: ekonomisch\n" + " " * 12,
     "onbekende-kapitaalvorm", "capital: ekonomisch"),
    ("capital: economisch\n" + " " * 16, "capital: mentaal\n" + " " * 16,
     "onbekende-kapitaalvorm", "capital: mentaal"),
    ("precondition: samenwerking", "precondition: samenwerken", "onbekende-randvoorwaarde",
     "precondition: samenwerken"),
    ("horizon: 2043", "horizon: 2050", "jaar-buiten-looptijd", "horizon: 2050"),
    ("{year: 2030,", "{year: 2020,", "jaar-buiten-looptijd", "{year: 2020,"),
    ("{year: 2035,", "{year: 2029,", "mijlpalen-niet-oplopend", "{year: 2029,"),
    ("baseline_year: 2023", "baseline_year: 2045", "nulmeting-na-horizon", "baseline_year"),
    ("value: 60", "value: 120", "buiten-bereik", "value: 120"),
    ("baseline: 40.5", "baseline: -1", "buiten-bereik", "baseline: -1"),
    ("value: 55}", "value: 100.5}", "buiten-bereik", "value: 100.5}"),
    ('unit: "%"', "unit: procent", "eenheid-past-niet", "unit: procent"),
    ("kind: process", "kind: effect  # fout", "verkeerde-soort", "# fout"),
    ("end: 2023-03-31", "end: 2023-01-31", "einddatum-voor-startdatum", "end: 2023-01-31"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "code", "needle"), RULE_CASES)
def test_rule_reports_one_problem_on_its_line(old: str, new: str, code: str, needle: str) -> None:
    text = changed(old, new)
    assert found(text) == [(line_of(text, needle), code)]


def test_unknown_key_suggests_the_closest_known_key() -> None:
    problem = only_problem(changed("    name: De Doelgroep", "    naam: De Doelgroep"))
    assert problem.message == "Onbekend veld 'naam' in deze programmalijn. Bedoelt u 'name'?"


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    problem = parse_plan_text(changed("  mission:", "  zzz: x\n  mission:")).problems[0]
    assert "Toegestane velden: 'code', 'name'" in problem.message


def test_wrong_enum_value_suggests_and_lists_the_choices() -> None:
    problem = only_problem(changed("temporality: stock", "temporality: stok"))
    assert "Bedoelt u 'stock'?" in problem.message
    assert "'latest_in_window'" in problem.message


def test_duplicate_code_names_the_first_occurrence() -> None:
    text = changed("code: D1-AANTAL", "code: P1")
    problem = only_problem(text)
    assert f"regel {line_of(text, 'code: P1')}" in problem.message


def test_unknown_precondition_suggests_the_closest() -> None:
    problem = only_problem(changed("precondition: samenwerking", "precondition: samenwerken"))
    assert "Bedoelt u 'samenwerking'?" in problem.message


def test_value_xx_tells_to_write_null() -> None:
    assert "null" in only_problem(changed("value: 60", "value: xx")).message


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ((), "programme_lines"),
        (("programme_lines", 0), "strategic_goals"),
        (("programme_lines", 0, "strategic_goals", 0), "operational_goals"),
        (("programme_lines", 0, "strategic_goals", 0, "operational_goals", 0), "indicators"),
    ],
)
def test_empty_list_of_parts_is_a_problem(path: tuple[object, ...], key: str) -> None:
    def empty(data: Any) -> None:
        for step in path:
            data = data[step]
        data[key] = []

    text = edited_dump(empty)
    assert found(text) == [(line_of(text, f"{key}: []"), "lege-lijst")]


def test_every_problem_is_found_and_sorted_by_line() -> None:
    text = changed("kind: process", "kind: proces")
    text = changed("schema_version: 1", "schema_version: 9", text)
    text = changed("    name: De Doelgroep", "    nam: De Doelgroep", text)
    lines = [line for line, _ in found(text)]
    assert len(lines) == 3
    assert lines == sorted(lines)


def test_definition_package_imports_no_django() -> None:
    code = (
        "import sys, doorbraak.programme.definition\n"
        "print(any(name.startswith('django') for name in sys.modules))"
    )
    src = str(Path(definition.__file__).parents[3])
    output = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src},
    )
    assert output.stdout.strip() == "False"
