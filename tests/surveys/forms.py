"""XLSForm workbooks for the tests, written with openpyxl: each sheet as a header and rows."""

from pathlib import Path

from openpyxl import Workbook

Sheet = list[list[object]]

GOOD_SURVEY: Sheet = [
    ["type", "name", "label::nl", "hint::nl", "required", "relevant", "constraint"],
    ["begin_group", "g", "Groep", "", "", "", ""],
    ["select_one jn", "werkt", "Werkt u?", "", "yes", "", ""],
    [
        "integer",
        "uren",
        "Hoeveel uur?",
        "Hele uren",
        "yes",
        "${werkt} = 'ja'",
        ". >= 0 and . <= 60",
    ],
    ["end_group", "", "", "", "", "", ""],
    ["select_multiple kleur", "kleuren", "Kleuren", "", "", "", ""],
    ["text", "waarom", "Waarom rood?", "", "", "selected(${kleuren}, 'rood')", ""],
    ["date", "wanneer", "Wanneer?", "", "", "", ""],
    ["decimal", "cijfer", "Cijfer", "", "", "", ". >= 1 and . <= 10"],
    ["note", "dank", "Dank u", "", "", "", ""],
]
GOOD_CHOICES: Sheet = [
    ["list_name", "name", "label::nl"],
    ["jn", "ja", "Ja"],
    ["jn", "nee", "Nee"],
    ["kleur", "rood", "Rood"],
    ["kleur", "blauw", "Blauw"],
]
GOOD_SETTINGS: Sheet = [["form_title", "form_id", "version"], ["Proef", "proef", "1"]]


def workbook_write(path: Path, **sheets: Sheet) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def good_form(path: Path, version: str = "1") -> Path:
    settings = [GOOD_SETTINGS[0], ["Proef", "proef", version]]
    return workbook_write(path, survey=GOOD_SURVEY, choices=GOOD_CHOICES, settings=settings)
