"""A delivered file through `doorbraak.sources`: the declared spec as a sources mapping, the
file read (or refused whole with a stable code and a Dutch reason), and the steward's own file
written back in its dialect with the sources writer (formula cells made inert).

The intake stores a mapping as one flat spec per dataset (the partner's file settings plus the
dataset's columns, types, codes and keys); `doorbraak.sources` wants a partner and a dataset.
"""

import dataclasses
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from doorbraak.core.errors import UserError
from doorbraak.intake.validation import table_check
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
from doorbraak.sources.writers import rows_write

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
    *,
    content: bytes,
    spec: dict[str, Any],
    results: dict[int, tuple[str, str]],
    extra_headers: Sequence[str],
) -> bytes:
    """The delivered file again, in its own dialect, with `extra_headers` filled per row
    number from `results`; rows that could not be read come back empty but for those."""
    partner, _dataset = source_mapping(spec)
    suffix = ".xlsx" if partner.file_type == "xlsx" else ".csv"
    with tempfile.TemporaryDirectory(prefix="doorbraak-terug-") as folder:
        source = Path(folder) / f"aanlevering{suffix}"
        source.write_bytes(content)
        delivery = delivery_read(path=source, spec=spec)
        read = delivery.read
        target = Path(folder) / f"resultaat{suffix}"
        rows_write(
            target,
            _dialect(delivery),
            [*read.headers, *extra_headers],
            _rows_back(read, results),
            title_rows=read.preamble,
            sheet=delivery.dataset.sheet,
        )
        return target.read_bytes()


def _dialect(delivery: Delivery) -> PartnerMapping:
    """The partner's dialect as the file actually came in (encoding, delimiter)."""
    read, partner = delivery.read, delivery.partner
    encoding = read.encoding_used or partner.encoding
    if encoding == "cp1252-vervangen":
        encoding = partner.encoding
    return dataclasses.replace(
        partner, encoding=encoding, delimiter=read.delimiter_used or partner.delimiter
    )


def _rows_back(read: ReadResult, results: dict[int, tuple[str, str]]) -> Iterable[list[str]]:
    width = len(read.headers)
    numbered: list[tuple[int, list[str]]] = [
        (number, [row.get(key, "") if key else "" for key in read.fields])
        for number, row in read.rows
    ]
    numbered += [(p.line, [""] * width) for p in read.row_problems if p.line is not None]
    for number, cells in sorted(numbered, key=lambda item: item[0]):
        yield [*cells, *results.get(number, ("", ""))]
