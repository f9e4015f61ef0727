"""A delivered file through `doorbraak.sources`: the declared spec as a sources mapping, the
file read (or refused whole with a stable code and a Dutch reason), and the delivered file
handed back as it came with the verdict per row (`sources.feedback`, formula cells made inert).

The intake stores a mapping as one flat spec per dataset (the partner's file settings plus the
dataset's columns, types, codes and keys); `doorbraak.sources` wants a partner and a dataset.
"""

import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from doorbraak.core.errors import UserError
from doorbraak.intake.validation import table_check
from doorbraak.sources.feedback import RESULT_COLUMNS, ROW_COLUMN, Cells, file_annotate
from doorbraak.sources.mapping import (
    DATASET_KEYS,
    PARTNER_KEYS,
    DatasetMapping,
    MappingError,
    PartnerMapping,
    mapping_parse,
)
from doorbraak.sources.readers import (
    FATAL_CODES,
    Problem,
    ReadResult,
    Row,
    read_rows,
    rows_stream,
)
from doorbraak.sources.rowmap import is_excel, layout_read

PARTNER_SETTINGS = tuple(k for k in PARTNER_KEYS if k != "datasets")
DATASET_SETTINGS = DATASET_KEYS
# What a steward is told about a file that was read nevertheless.
WARNINGS = ("andere-codering", "ander-scheidingsteken", "werkblad-ontbreekt", "geen-gegevens")


def source_mapping(
    spec: dict[str, Any], names: tuple[str, str] = ("partner", "gegevens")
) -> tuple[PartnerMapping, DatasetMapping]:
    """The sources partner and dataset of one stored spec; `names` (the partner's code and the
    dataset's name) are the ones a problem with the spec names."""
    code, name = names
    partner = {k: spec[k] for k in PARTNER_SETTINGS if k in spec}
    dataset = {k: spec[k] for k in DATASET_SETTINGS if k in spec}
    data = {"version": 1, "partners": {code: partner | {"datasets": {name: dataset}}}}
    try:
        mapping = mapping_parse(data).partners[code]
    except MappingError as error:
        raise UserError(
            "mapping-ongeldig",
            _("De mapping van deze gegevensset is niet bruikbaar (%s); vraag de beheerder.")
            % "; ".join(error.problems),
        ) from error
    return mapping, mapping.datasets[name]


@dataclass(frozen=True)
class Delivery:
    partner: PartnerMapping
    dataset: DatasetMapping
    read: ReadResult  # without rows when streamed: those come from `items()`
    stream: Iterator[Row | Problem] | None = None

    def items(self) -> Iterator[Row | Problem]:
        """Each data row, and one problem per unreadable row, once: from the stream as the
        file is read, or from a file read whole."""
        if self.stream is None:
            yield from self.row_problems
            yield from self.read.rows
            return
        lines: set[int] = set()
        for item in self.stream:
            if isinstance(item, Problem):
                if item.line is None or item.line in lines:
                    continue
                lines.add(item.line)
            yield item

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.read.file_problems if p.code in WARNINGS]

    @property
    def row_problems(self) -> list[Problem]:
        """One problem per unreadable row (by row number)."""
        return list({p.line: p for p in self.read.row_problems if p.line is not None}.values())


def delivery_read(
    *, path: Path, spec: dict[str, Any], names: tuple[str, str] = ("partner", "gegevens")
) -> Delivery:
    """Read a delivered file whole, or refuse it whole with a `UserError`."""
    partner, dataset = source_mapping(spec, names)
    result = read_rows(path, partner, dataset, keep_unknown=True)
    _refuse_unusable(result, spec)
    return Delivery(partner, dataset, result)


def delivery_stream(
    *, path: Path, spec: dict[str, Any], names: tuple[str, str] = ("partner", "gegevens")
) -> Delivery:
    """Open a delivered file to be read row by row (`Delivery.items`), or refuse it whole
    with a `UserError`: whatever makes the whole file unusable is known before the first row."""
    partner, dataset = source_mapping(spec, names)
    stream = rows_stream(path, partner, dataset, keep_unknown=True)
    _refuse_unusable(stream.result, spec)
    return Delivery(partner, dataset, stream.result, stream.items)


def _refuse_unusable(result: ReadResult, spec: dict[str, Any]) -> None:
    if result.headers:
        table_check(result.headers, spec)
    fatal = [p for p in result.file_problems if p.code in FATAL_CODES]
    if fatal:
        raise UserError(fatal[0].code, fatal[0].message)


def result_file_build(
    *, content: bytes, spec: dict[str, Any], verdicts: Mapping[int, tuple[str, str]]
) -> bytes:
    """The delivered file again as it came (encoding, delimiter, title rows, blank lines,
    cell types), with per row its number in the partner's own export (`_regel`: kept from
    `doorbraak pseudonymise`, or added), and `resultaat` and `opmerking` from `verdicts` (by
    that number). Every cell a spreadsheet would run is made inert: the platform serves it."""
    partner, dataset = source_mapping(spec)
    suffix = ".xlsx" if partner.file_type == "xlsx" else ".csv"
    with tempfile.TemporaryDirectory(prefix="doorbraak-terug-") as folder:
        source = Path(folder) / f"aanlevering{suffix}"
        source.write_bytes(content)
        stream = rows_stream(source, partner, dataset, keep_unknown=True)
        _refuse_unusable(stream.result, spec)
        layout = layout_read(stream.result, dataset, excel=is_excel(source, partner))
        target = Path(folder) / f"resultaat{suffix}"
        names: tuple[str, ...] = RESULT_COLUMNS
        cells: Mapping[int, Cells] = verdicts
        key: str | None = ROW_COLUMN
        if ROW_COLUMN not in {h.strip().casefold() for h in stream.result.headers}:
            # the file is the partner's own: its row numbers are the original ones
            names, key = (ROW_COLUMN, *RESULT_COLUMNS), None
            cells = {n: (n, *verdict) for n, verdict in verdicts.items()}
        file_annotate(
            source, target, layout, names=names, cells=cells, key_column=key, neutralise_all=True
        )
        return target.read_bytes()
