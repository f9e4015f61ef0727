"""A small streaming XLSX writer with byte-identical output for identical input.

openpyxl writes about 3,000 rows a second here (no lxml) and stamps the current time into the
file; exports at national scale need millions of rows. This writer streams one worksheet of
inline strings and numbers straight into the zip, with fixed zip timestamps and fixed document
properties, plus a small second sheet written at close. openpyxl reads the result (see tests).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

Cell = str | int | float | None

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_ML = "application/vnd.openxmlformats-officedocument"
_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}
MAX_ROWS = 500_000  # rows per file; callers split larger exports into parts


_UNSAFE = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    if _UNSAFE.search(value) is None:
        return value
    return escape(value.translate(_ILLEGAL))


def cell_xml(value: Cell) -> str:
    if value is None or value == "":
        return "<c/>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"<c><v>{value}</v></c>"
    return f'<c t="inlineStr"><is><t xml:space="preserve">{_text(str(value))}</t></is></c>'


def row_xml(cells: Sequence[Cell]) -> str:
    """A row without references: positions follow from the order (empty cells as <c/>)."""
    return f"<row>{''.join(map(cell_xml, cells))}</row>"


def _static_parts(sheet_names: tuple[str, str], stamp: str) -> dict[str, str]:
    sheets = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(sheet_names, start=1)
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in (1, 2)
    )
    sheet_types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="{_ML}.spreadsheetml.worksheet+xml"/>'
        for i in (1, 2)
    )
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return {
        "[Content_Types].xml": head + f'<Types xmlns="{_CT}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_ML}.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_ML}.spreadsheetml.styles+xml"/>'
        f"{sheet_types}"
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
        "_rels/.rels": head + f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
        "docProps/core.xml": head + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.'
        'org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:creator>doorbraak synth</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>",
        "xl/workbook.xml": head + f'<workbook xmlns="{_NS}" xmlns:r="{_REL}">'
        f"<sheets>{sheets}</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": head + f'<Relationships xmlns="{_PKG}">{sheet_rels}'
        f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": head + f'<styleSheet xmlns="{_NS}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>",
    }


class XlsxStream:
    """One workbook: a streamed data sheet, then a small second sheet at `close`."""

    def __init__(self, path: Path, sheet_names: tuple[str, str], stamp: tuple[int, ...]) -> None:
        self._stamp = stamp
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        iso = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*stamp)
        for name, text in _static_parts(sheet_names, iso).items():
            self._zip.writestr(self._info(name), text)
        self._sheet: IO[bytes] = self._zip.open(self._info("xl/worksheets/sheet1.xml"), "w")
        self._buffer: list[str] = []
        self._put(
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_NS}"><sheetData>'
        )
        self.rows = 0

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self._stamp[:6])  # type: ignore[arg-type]
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = 0o644 << 16
        return info

    def _put(self, text: str) -> None:
        self._buffer.append(text)
        if len(self._buffer) >= 512:
            self._flush()

    def _flush(self) -> None:
        self._sheet.write("".join(self._buffer).encode("utf-8"))
        self._buffer.clear()

    def append(self, cells: Sequence[Cell]) -> None:
        self.append_xml(row_xml(cells))

    def append_xml(self, row: str) -> None:
        """Append a row rendered by `row_xml` (possibly in another process)."""
        self.rows += 1
        self._put(row)

    def close(self, second_sheet: list[list[Cell]]) -> None:
        self._put("</sheetData></worksheet>")
        self._flush()
        self._sheet.close()
        rows = "".join(row_xml(cells) for cells in second_sheet)
        self._zip.writestr(
            self._info("xl/worksheets/sheet2.xml"),
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_NS}"><sheetData>{rows}</sheetData></worksheet>',
        )
        self._zip.close()
