"""The row map (rijenkaart): what `doorbraak pseudonymise` keeps on the partner's machine, beside
its output, so that the platform's verdicts can later be written into the partner's own export.

It names the original export (path, SHA-256), its layout as it was read (file type, encoding,
delimiter, sheet, header row) and, per row written, the row's number in that export. It holds
no values at all, and it never leaves the partner: only the pseudonymised file is delivered.
See docs/adr/0011-own-file-back.md.
"""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from gettext import gettext as _
from pathlib import Path
from typing import Any

from doorbraak.core.errors import UserError
from doorbraak.sources.mapping import DatasetMapping, PartnerMapping
from doorbraak.sources.readers import FATAL_CODES, ReadResult, rows_stream

FORMAT_VERSION = 1
SUFFIX = ".rijen.json"


@dataclass(frozen=True)
class Layout:
    """How an export is laid out, as the reader found it: enough to write into it again."""

    file_type: str  # "csv" or "xlsx"
    header_row: int
    encoding: str | None = None  # CSV only: the encoding the file was read in
    delimiter: str | None = None  # CSV only
    sheet: str | None = None  # XLSX only: the sheet asked for (else the first is read)


@dataclass(frozen=True)
class RowMap:
    export_path: str
    export_sha256: str
    layout: Layout
    output_name: str
    output_sha256: str
    partner: str
    dataset: str
    rows: tuple[int, ...]  # per row written, in order: its number in the export
    made_at: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "formaat": FORMAT_VERSION,
            "export": {"pad": self.export_path, "sha256": self.export_sha256},
            "indeling": asdict(self.layout),
            "uitvoer": {"naam": self.output_name, "sha256": self.output_sha256},
            "partner": self.partner,
            "dataset": self.dataset,
            "gemaakt": self.made_at,
            "regels": list(self.rows),
        }


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def layout_read(read: ReadResult, dataset: DatasetMapping, *, excel: bool) -> Layout:
    """The layout of a file as `read` (from `doorbraak.sources.readers`) found it."""
    encoding = read.encoding_used
    if encoding == "cp1252-vervangen":  # bytes no encoding fits: kept as they are on writing
        encoding = "cp1252"
    return Layout(
        file_type="xlsx" if excel else "csv",
        header_row=dataset.header_row,
        encoding=None if excel else encoding,
        delimiter=None if excel else read.delimiter_used,
        sheet=dataset.sheet if excel else None,
    )


def is_excel(path: Path, partner: PartnerMapping) -> bool:
    """Whether the readers take `path` as a workbook (as `readers.rows_stream` decides)."""
    return partner.file_type == "xlsx" or path.suffix.lower() == ".xlsx"


def layout_of(path: Path, partner: PartnerMapping, dataset: DatasetMapping) -> Layout:
    """The layout of the export at `path`, read up to its first row; a `UserError` in Dutch
    when it is no export at all."""
    stream = rows_stream(path, partner, dataset, keep_unknown=True)
    fatal = [p for p in stream.result.file_problems if p.code in FATAL_CODES]
    if fatal:
        raise UserError(fatal[0].code, _("%s: %s") % (path.name, fatal[0].message))
    return layout_read(stream.result, dataset, excel=is_excel(path, partner))


def row_map_path(output: Path) -> Path:
    """Where the row map of a pseudonymised file is kept: beside it."""
    return output.with_name(output.name + SUFFIX)


def row_map_write(
    *,
    export: Path,
    export_sha256: str,
    output: Path,
    layout: Layout,
    rows: list[int],
    partner: str,
    dataset: str,
) -> Path:
    """Write the row map of `output`, made from `export` (whose SHA-256 was taken when it
    was read), beside `output`."""
    row_map = RowMap(
        export_path=str(export.resolve()),
        export_sha256=export_sha256,
        layout=layout,
        output_name=output.name,
        output_sha256=file_sha256(output),
        partner=partner,
        dataset=dataset,
        rows=tuple(rows),
        made_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    path = row_map_path(output)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(row_map.as_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def row_map_read(path: Path) -> RowMap:
    """A row map written by `row_map_write`, or a `UserError` in Dutch."""
    if not path.is_file():
        raise UserError("rijenkaart-ontbreekt", _("De rijenkaart %s bestaat niet.") % path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _row_map_parse(data)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise UserError(
            "rijenkaart-onleesbaar",
            _(
                "%s is geen rijenkaart van 'doorbraak pseudonymise' (of is beschadigd); "
                "pseudonimiseer de export opnieuw."
            )
            % path,
        ) from error


def _row_map_parse(data: dict[str, Any]) -> RowMap:
    if data["formaat"] != FORMAT_VERSION:
        raise ValueError(data["formaat"])
    layout = data["indeling"]
    return RowMap(
        export_path=str(data["export"]["pad"]),
        export_sha256=str(data["export"]["sha256"]),
        layout=Layout(
            file_type=str(layout["file_type"]),
            header_row=int(layout["header_row"]),
            encoding=layout.get("encoding"),
            delimiter=layout.get("delimiter"),
            sheet=layout.get("sheet"),
        ),
        output_name=str(data["uitvoer"]["naam"]),
        output_sha256=str(data["uitvoer"]["sha256"]),
        partner=str(data["partner"]),
        dataset=str(data["dataset"]),
        rows=tuple(int(n) for n in data["regels"]),
        made_at=str(data.get("gemaakt", "")),
    )


def export_check(row_map: RowMap, export: Path) -> None:
    """Refuse an export that is not, byte for byte, the one the row map was made from."""
    if not export.is_file():
        raise UserError(
            "export-ontbreekt",
            _(
                "Het oorspronkelijke exportbestand %s bestaat niet (meer); geef met --export "
                "aan waar het staat."
            )
            % export,
        )
    if file_sha256(export) != row_map.export_sha256:
        raise UserError(
            "export-gewijzigd",
            _(
                "Het exportbestand %s is veranderd sinds het gepseudonimiseerd werd; de "
                "regelnummers passen er niet meer op. Gebruik de export zoals die toen was, "
                "of pseudonimiseer de nieuwe export en lever die opnieuw aan."
            )
            % export,
        )
