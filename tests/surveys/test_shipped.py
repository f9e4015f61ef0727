"""The shipped XLSForm files are what their YAML sources say, and pass the check."""

import pytest
from openpyxl import load_workbook

from doorbraak.surveys.shipped import SHEETS, SHIPPED, shipped_path, source_rows
from doorbraak.surveys.xlsform import check_xlsform


@pytest.mark.parametrize("form_id", SHIPPED)
def test_shipped_xlsx_matches_its_source(form_id: str) -> None:
    workbook = load_workbook(shipped_path(form_id))
    source = source_rows(SHIPPED[form_id][0])
    for sheet in SHEETS:
        rows = list(workbook[sheet].iter_rows(values_only=True))
        header = list(rows[0])
        found = [
            {k: v for k, v in zip(header, row, strict=True) if v not in (None, "")}
            for row in rows[1:]
        ]
        assert found == [{k: v for k, v in row.items() if v != ""} for row in source[sheet]], sheet


@pytest.mark.parametrize("form_id", SHIPPED)
def test_shipped_surveys_pass_the_check(form_id: str) -> None:
    definition, problems = check_xlsform(shipped_path(form_id))
    assert problems == []
    assert definition.form_id == form_id


def test_professionals_survey_asks_the_six_preconditions() -> None:
    definition, _ = check_xlsform(shipped_path("professionals_randvoorwaarden"))
    scales = [q for q in definition.questions if q.list_name == "eens5"]
    assert [q.name for q in scales] == [f"w1_{n}" for n in range(1, 7)]
    assert all(q.required for q in scales)
    labels = [q.label.split(":")[0] for q in scales]
    assert labels == [
        "Duurzame relaties",
        "Continuïteit",
        "Effectiviteit evalueren",
        "Tijd en ruimte",
        "Samenhang",
        "Samenwerking",
    ]
