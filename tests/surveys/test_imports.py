"""Responses exported from LimeSurvey (CSV with codes) and KoboToolbox (CSV, XLSX): each row
accepted or rejected with a Dutch reason; metadata never stored; the same file only once."""

from pathlib import Path

import pytest
from openpyxl import Workbook

from doorbraak.core.errors import UserError
from doorbraak.partners.models import Partner
from doorbraak.surveys.models import Answer, Response, SurveyRound
from doorbraak.surveys.services import responses_import

SIX = ["4", "5", "3", "1", "4", "2"]


def test_limesurvey_export_with_codes(
    tmp_path: Path, survey_round: SurveyRound, partners: list[Partner]
) -> None:
    header = [
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "token",
        *[f"w1_{n}" for n in range(1, 7)],
        "belemmeringen[caseload]",
        "belemmeringen[regels]",
        "uren_relaties",
    ]
    rows = [
        ["1", "2025-10-03 09:12:44", "2", "nl", "abc", *SIX, "Y", "", "6"],
        ["2", "2025-10-04 11:00:00", "2", "nl", "def", *SIX[:5], "", "", "", "4"],  # w1_6 missing
        ["3", "2025-10-04 12:00:00", "2", "nl", "ghi", *SIX[:5], "9", "", "", "4"],  # 9: no choice
    ]
    path = tmp_path / "limesurvey-met-codes.csv"
    path.write_text(
        "\n".join(";".join(f'"{c}"' for c in row) for row in [header, *rows]), encoding="utf-8"
    )
    result = responses_import(survey_round=survey_round, path=path, partner=partners[0])
    assert result.source == "limesurvey"
    assert [(v.row, v.accepted) for v in result.verdicts] == [(2, True), (3, False), (4, False)]
    assert result.verdicts[1].reason == "w1_6: Dit antwoord is verplicht."
    assert result.verdicts[2].reason == "w1_6: '9' is geen van de antwoordmogelijkheden."
    assert {"id", "submitdate", "token"} <= set(result.ignored_columns)
    response = Response.objects.get()
    assert (response.partner, response.source) == (partners[0], "limesurvey")
    assert dict(Answer.objects.values_list("question", "value"))["belemmeringen"] == "caseload"
    stored = " ".join(str(v) for row in Answer.objects.values_list() for v in row)
    assert "2025-10-03" not in stored
    assert "abc" not in stored
    with pytest.raises(UserError) as twice:
        responses_import(survey_round=survey_round, path=path, partner=partners[0])
    assert twice.value.code == "import_al_gedaan"


def test_kobotoolbox_xlsx_export_with_group_paths(
    tmp_path: Path, survey_round: SurveyRound, partners: list[Partner]
) -> None:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.append(
        [
            "start",
            "end",
            *[f"randvoorwaarden/w1_{n}" for n in range(1, 7)],
            "belemmeringen",
            "belemmeringen/caseload",
            "belemmeringen/regels",
            "_id",
            "_uuid",
            "_submission_time",
        ]
    )
    sheet.append(
        ["2025-10-01T10:00", "2025-10-01T10:05", *SIX, "regels", "0", "1", 7, "u-1", "2025-10-01"]
    )
    sheet.append(
        [
            "2025-10-01T11:00",
            "2025-10-01T11:05",
            *SIX[:3],
            "2",
            "4",
            "4",
            "regels",
            "0",
            "1",
            8,
            "u-2",
            "2025-10-01",
        ]
    )
    path = tmp_path / "kobo-export.xlsx"
    workbook.save(path)
    result = responses_import(survey_round=survey_round, path=path, partner=partners[1])
    assert result.source == "kobotoolbox"
    # row 3: w1_4 = 2 makes the obstacles relevant; row 2: w1_4 = 1, relevant too
    assert [(v.row, v.accepted) for v in result.verdicts] == [(2, True), (3, True)]
    assert Response.objects.filter(partner=partners[1]).count() == 2
    assert set(Answer.objects.filter(question="belemmeringen").values_list("value", flat=True)) == {
        "regels"
    }


def test_an_export_of_another_survey_is_refused(tmp_path: Path, survey_round: SurveyRound) -> None:
    path = tmp_path / "andere-enquete.csv"
    path.write_text("id,vraag1,vraag2\n1,a,b\n", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        responses_import(survey_round=survey_round, path=path)
    assert refused.value.code == "import_geen_vragen"
