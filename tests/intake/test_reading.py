"""Reading every dialect the partners use, and refusing broken files with a Dutch reason."""

import io
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from doorbraak.core.errors import UserError
from doorbraak.intake.mappings import mapping_spec
from doorbraak.intake.reading import table_read, table_write
from doorbraak.intake.validation import row_parse

UTF8 = {"file": "csv", "encoding": "utf-8", "delimiter": ";"}


def _specs(synth_dir: Path):  # type: ignore[no-untyped-def]
    data = yaml.safe_load((synth_dir / "exports" / "mappings.yaml").read_text(encoding="utf-8"))
    for code, partner in data["partners"].items():
        for dataset in partner["datasets"].values():
            yield code, dataset["files"][0], mapping_spec(partner, dataset)


def test_every_partner_dialect_reads_with_its_columns(synth_dir: Path) -> None:
    for code, file_name, spec in _specs(synth_dir):
        table = table_read(
            content=(synth_dir / "exports" / code / file_name).read_bytes(), spec=spec
        )
        assert set(table.header) <= set(spec["columns"]), (code, file_name)
        assert table.rows, (code, file_name)
        for number, cells in table.rows:
            parsed = row_parse(number, cells, table.header, spec)
            assert (parsed.payload is None) == (parsed.problem is not None)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "bestand-leeg"),
        (b"\x00\x01\x02binary", "bestand-onleesbaar"),
        ("a;b\r\nHa;Caf\u00e9\r\n".encode("cp1252"), "bestand-codering"),
        (b"PK\x03\x04broken", "bestand-xlsx"),
    ],
)
def test_broken_files_are_refused_in_dutch(content: bytes, code: str) -> None:
    with pytest.raises(UserError) as refused:
        table_read(content=content, spec=UTF8)
    assert refused.value.code == code


def test_xlsx_file_back_neutralises_formulas() -> None:
    table = table_read(content=b"a;b\r\nx;=1+1\r\n", spec=UTF8)
    content = table_write(
        table=table, spec={"file": "xlsx"}, extra={2: ["afgewezen", "-reden -12,50"]}
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows == [
        ["a", "b", "resultaat", "opmerking"],
        ["x", "'=1+1", "afgewezen", "'-reden -12,50"],
    ]
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row)


def test_negative_amounts_are_not_mangled() -> None:
    table = table_read(content=b"a;b\r\n-12,50;@SUM(A1)\r\n", spec=UTF8)
    back = table_write(table=table, spec=UTF8, extra={}).decode()
    assert back.splitlines()[1] == "-12,50;'@SUM(A1);;"
