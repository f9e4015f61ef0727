"""XLSForm checking: the supported subset passes; a broken form reports every problem at once,
each with its sheet and row."""

from pathlib import Path

from doorbraak.surveys.xlsform import check_xlsform
from tests.surveys.forms import GOOD_CHOICES, GOOD_SETTINGS, good_form, workbook_write


def test_good_form_is_read_in_full(tmp_path: Path) -> None:
    definition, problems = check_xlsform(good_form(tmp_path / "proef.xlsx"))
    assert problems == []
    assert definition.form_id == "proef"
    assert [q.name for q in definition.questions] == [
        "g",
        "werkt",
        "uren",
        "kleuren",
        "waarom",
        "wanneer",
        "cijfer",
        "dank",
    ]
    uren = definition.questions[2]
    assert (uren.type, uren.group, uren.required, uren.hint) == ("integer", "g", True, "Hele uren")
    assert [c.name for c in definition.choices_of("kleur")] == ["rood", "blauw"]


def broken_form(path: Path) -> Path:
    survey = [
        ["type", "name", "label::nl", "required", "relevant", "calculation"],
        ["geopoint", "waar", "Waar?", "", "", ""],  # row 2: unsupported type
        ["select_one bestaatniet", "keuze", "Keuze", "", "", ""],  # row 3: unknown list
        ["text", "", "Zonder naam", "", "", ""],  # row 4: no name
        ["text", "dubbel", "Een", "", "", ""],  # row 5
        ["text", "dubbel", "Twee", "", "", ""],  # row 6: duplicate name
        ["integer", "leeftijd", "", "", "", ""],  # row 7: no label
        ["text", "reden", "Reden", "${leeftijd} > 18", "", ""],  # row 8: required as expression
        ["text", "extra", "Extra", "", "pulldata('a', 'b')", ""],  # row 9: unsupported function
        ["text", "later", "Later", "", "${onbekend} = 'x'", ""],  # row 10: unknown field
        ["begin_group", "open", "Nooit gesloten", "", "", ""],  # row 11: group never closed
    ]
    choices = [*GOOD_CHOICES, ["jn", "ja", "Nog eens ja"]]  # row 6: duplicate choice
    return workbook_write(path, survey=survey, choices=choices, settings=GOOD_SETTINGS)


def test_broken_form_reports_every_problem_with_sheet_and_row(tmp_path: Path) -> None:
    _definition, problems = check_xlsform(broken_form(tmp_path / "xlsform-elk-probleem.xlsx"))
    found = {(p.sheet, p.row, p.code) for p in problems}
    assert found == {
        ("survey", 1, "xlsform_column_unsupported"),
        ("survey", 2, "xlsform_type_unsupported"),
        ("survey", 3, "xlsform_list_unknown"),
        ("survey", 4, "xlsform_value_missing"),
        ("survey", 6, "xlsform_name_duplicate"),
        ("survey", 7, "xlsform_value_missing"),
        ("survey", 8, "xlsform_required_unsupported"),
        ("survey", 9, "xlsform_expression_unsupported"),
        ("survey", 10, "xlsform_reference_unknown"),
        ("survey", 11, "xlsform_group_open"),
        ("choices", 6, "xlsform_choice_duplicate"),
    }
    assert all(str(p).startswith(f"blad '{p.sheet}', rij {p.row}") for p in problems)


def test_missing_sheets_and_settings_are_reported(tmp_path: Path) -> None:
    path = workbook_write(
        tmp_path / "alleen-survey.xlsx", survey=[["type", "name", "label"], ["text", "a", "A"]]
    )
    _definition, problems = check_xlsform(path)
    assert {(p.sheet, p.code) for p in problems} == {
        ("choices", "xlsform_sheet_missing"),
        ("settings", "xlsform_sheet_missing"),
    }


def test_a_file_that_is_no_workbook_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "geen-xlsx.xlsx"
    path.write_text("type;name\n", encoding="utf-8")
    _definition, problems = check_xlsform(path)
    assert [p.code for p in problems] == ["xlsform_unreadable"]
