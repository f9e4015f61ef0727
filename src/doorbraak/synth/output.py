"""Writing chunk outputs to disk, strictly in chunk order, so the files are fixed by the seed.

The writer opens each export file when its first rows arrive, numbers the rows, and writes
the truth rows that point at them (`records.csv`, `faults.csv`) together with every chunk's
truth and fact tables.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from doorbraak.synth.dialects import expand_columns, header_style
from doorbraak.synth.exportfiles import CsvSink, Position, XlsxSink
from doorbraak.synth.exports import FileKey, PartnerExport
from doorbraak.synth.production import ChunkOutput
from doorbraak.synth.tables import FileTable
from doorbraak.synth.truth import FACT_TABLES, POSITIONED_TABLES, TRUTH_TABLES
from doorbraak.synth.xlsx import Cell

Sink = CsvSink | XlsxSink


class OutputWriter:
    def __init__(self, out_dir: Path, partners: dict[str, PartnerExport], as_of: date) -> None:
        self.out_dir = out_dir
        self.root = out_dir / "exports"
        self.partners = partners
        self.as_of = as_of
        self.stamp = (as_of.year, as_of.month, as_of.day, 0, 0, 0)
        truth = out_dir / "truth"
        self.tables = {
            f"truth/{n}": FileTable(truth / f"{n}.csv", c) for n, c in TRUTH_TABLES.items()
        }
        self.tables.update(
            {
                f"facts/{n}": FileTable(truth / "facts" / f"{n}.csv", c)
                for n, c in FACT_TABLES.items()
            }
        )
        self.records = FileTable(truth / "records.csv", POSITIONED_TABLES["records"])
        self.faults = FileTable(truth / "faults.csv", POSITIONED_TABLES["faults"])
        self.sinks: dict[FileKey, Sink] = {}
        self.counts: Counter[str] = Counter()
        self.signals: Counter[str] = Counter()
        self.rows_per_partner: Counter[str] = Counter()
        self.faults_per_kind: Counter[str] = Counter()
        self.effects: dict[tuple[str, str], list[float]] = {}

    def write(self, output: ChunkOutput) -> None:
        for name, text in output.tables.items():
            self.tables[name].append_text(text)
        batch = output.exports
        positions: dict[FileKey, list[Position]] = {}
        for key in sorted(batch.counts):
            sink = self._sink(key)
            if isinstance(sink, CsvSink):
                positions[key] = sink.append(batch.csv_text[key], batch.counts[key])
            else:
                positions[key] = sink.append(batch.xlsx_rows[key])
        for key in sorted(batch.records):
            partner = key[0]
            self.rows_per_partner[partner] += len(batch.records[key])
            self.records.add_many(
                (partner, f"{partner}/{name}", row, *record)
                for (name, row), record in zip(positions[key], batch.records[key], strict=True)
            )
        for key, row, kind, field, true_value, written, related, related_row in batch.faults:
            name, number = positions[key][row - 1]
            self.faults_per_kind[kind] += 1
            other = positions[related][related_row - 1] if related else ("", "")
            self.faults.add(
                (
                    key[0],
                    f"{key[0]}/{name}",
                    number,
                    kind,
                    field,
                    true_value,
                    written,
                    f"{key[0]}/{other[0]}" if related else "",
                    other[1],
                )
            )
        self._merge(output)

    def _merge(self, output: ChunkOutput) -> None:
        for name, value in output.counts.items():
            if isinstance(value, dict):
                self.signals.update(value)
            else:
                self.counts[name] += value
        for target, (count, total) in sorted(output.effects.items()):
            entry = self.effects.setdefault(target, [0.0, 0.0])
            entry[0] += count
            entry[1] += total

    def _sink(self, key: FileKey) -> Sink:
        sink = self.sinks.get(key)
        if sink is None:
            sink = self.sinks[key] = self._open(key)
        return sink

    def _open(self, key: FileKey) -> Sink:
        partner, kind, year = key
        export = self.partners[partner]
        layout = export.dialect.layouts[kind]
        folder = self.root / partner
        folder.mkdir(parents=True, exist_ok=True)
        header = [header_style(h, export.style) for h, _ in expand_columns(export.dialect, layout)]
        stem = f"{layout.stem}-{year}"
        if not export.is_xlsx:
            return CsvSink(folder / f"{stem}.csv", header, export.fmt)
        last = min(date(year, 12, 31), self.as_of)
        period = f"periode 01-01-{year} t/m {last.strftime('%d-%m-%Y')}"
        titles = [f"{layout.title} {export.partner.name} - {period}"]
        if int(export.fmt.get("title_rows", 1)) > 1:
            titles.append("Vertrouwelijk: alleen voor de Alliantie van Kracht")
        notes: list[list[Cell]] = [
            ["Partner", export.partner.name],
            ["Bestand", layout.title],
            ["Periode", period],
        ]
        return XlsxSink(folder, stem, header, titles, layout.title[:31], notes, self.stamp)

    def write_table(self, name: str, rows: list[tuple[object, ...]]) -> None:
        self.tables[name].add_many(rows)

    def close(self) -> tuple[list[Path], dict[str, dict[str, list[str]]]]:
        """Close everything; the paths written, and the export files per partner and dataset."""
        written: list[Path] = []
        files: dict[str, dict[str, list[str]]] = {}
        for (partner, kind, _), sink in sorted(self.sinks.items()):
            sink.close()
            files.setdefault(partner, {}).setdefault(kind, []).extend(sink.parts)
            written += [self.root / partner / name for name in sink.parts]
        tables = [*self.tables.values(), self.records, self.faults]
        written += [table.close() for table in tables]
        return written, files

    def summary_counts(self) -> dict[str, Any]:
        return {
            **dict(self.counts),
            "signals_per_source": dict(sorted(self.signals.items())),
            "export_rows_per_partner": dict(sorted(self.rows_per_partner.items())),
            "faults_per_kind": dict(sorted(self.faults_per_kind.items())),
        }
