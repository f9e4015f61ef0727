"""The steward's file back: own dialect, `resultaat` and `opmerking` added, formulas made inert."""

from doorbraak.intake.results import result_file_write
from doorbraak.intake.services import import_batch_run
from tests.intake.conftest import MakeFile, csv_rows


def _poison(text: str) -> str:
    lines = text.split("\r\n")
    cells = lines[1].split(";")
    cells[lines[0].split(";").index("Dossiernummer")] = '=HYPERLINK("http://x.invalid","klik")'
    cells[lines[0].split(";").index("Soort")] = "Gas"
    lines[1] = ";".join(cells)
    return "\r\n".join(lines)


def test_file_back_has_result_columns_and_inert_formulas(partner, export_file: MakeFile) -> None:
    batch = import_batch_run(partner=partner, path=export_file(edit=_poison))
    rows = csv_rows(result_file_write(batch))
    assert rows[0][-2:] == ["resultaat", "opmerking"]
    assert len(rows) == batch.read + 1
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["resultaat"] == "afgewezen"
    assert "Kolom 'Soort' (regel 2)" in first["opmerking"]
    assert first["Dossiernummer"].startswith("'=HYPERLINK")
    assert {r[-2] for r in rows[2:]} == {"geaccepteerd"}
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
