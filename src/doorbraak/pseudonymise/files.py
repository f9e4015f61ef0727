"""Pseudonymise one export file: read, replace identifying columns, write file and report."""

import csv
import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.problems import Problem
from doorbraak.core.pseudonyms import KEY_ID_COLUMN, key_id
from doorbraak.pseudonymise.checks import PROBLEM_COLUMN, ROW_COLUMN, row_problem
from doorbraak.pseudonymise.records import (
    IDENTIFYING,
    BuurtOf,
    address_key,
    record_pseudonymise,
)
from doorbraak.sources.mapping import DatasetMapping, PartnerMapping, mapping_load
from doorbraak.sources.readers import FATAL_CODES, read_rows
from doorbraak.sources.rowmap import file_sha256, is_excel, layout_read, row_map_write
from doorbraak.sources.writers import rows_write


@dataclass
class Report:
    file: str
    partner: str
    dataset: str
    rows_read: int = 0
    rows_written: int = 0
    bsn: Counter[str] = field(default_factory=Counter)
    columns_out: list[str] = field(default_factory=list)
    columns_dropped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    refused: Problem | None = None  # why the file could not be read at all
    key_id: str = ""  # of the key used, also on every row (`_sleutel_id`, ADR 0010)
    row_map: str = ""  # the row map kept beside the output (`sources.rowmap`): never delivered

    def as_dict(self) -> dict[str, object]:
        return {
            "bestand": self.file,
            "partner": self.partner,
            "dataset": self.dataset,
            "rijen_gelezen": self.rows_read,
            "rijen_geschreven": self.rows_written,
            "bsn": dict(self.bsn),
            "kolommen_verstuurd": self.columns_out,
            "kolommen_verwijderd": self.columns_dropped,
            "meldingen": self.problems,
            "sleutel_id": self.key_id,
            "rijenkaart": self.row_map,
        }

    def as_text(self) -> str:
        lines = [
            _("Pseudonimiseringsrapport voor %s (partner %s, dataset %s)")
            % (self.file, self.partner, self.dataset),
            _("Rijen gelezen: %d; rijen geschreven: %d") % (self.rows_read, self.rows_written),
            _("BSN geldig: %d; hersteld (voorloopnul): %d; ontbreekt: %d; ongeldig: %d")
            % tuple(self.bsn[s] for s in ("geldig", "hersteld", "ontbreekt", "ongeldig")),
            _("Kolommen die het bestand verlaten: %s") % ", ".join(self.columns_out),
            _("Kolommen verwijderd of vervangen: %s") % ", ".join(self.columns_dropped),
            _("Sleutel-id: %s") % self.key_id,
        ]
        lines += [_("Melding: %s") % p for p in self.problems]
        if self.row_map:
            lines.append(
                _(
                    "Rijenkaart: %s. Lever die niet aan: bewaar hem hier, samen met de export, "
                    "voor 'doorbraak terugmelding' (het resultaat in uw eigen bestand)."
                )
                % self.row_map
            )
        return "\n".join(lines) + "\n"


def address_register_read(path: Path) -> dict[str, str]:
    """CBS's postcode-huisnummer-buurt file (postcode;huisnummer;toevoeging;buurtcode)."""
    found = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            number = f"{row.get('huisnummer', '')}{row.get('toevoeging', '')}"
            found[address_key(row.get("postcode", ""), number)] = row.get("buurtcode", "")
    return found


def file_pseudonymise(
    path: Path,
    out_dir: Path,
    *,
    key: bytes,
    partner: PartnerMapping,
    dataset: DatasetMapping,
    buurt_of: BuurtOf | None = None,
) -> Report:
    report = Report(file=path.name, partner=partner.code, dataset=dataset.name)
    result = read_rows(path, partner, dataset)
    report.problems += [p.message for p in result.file_problems + result.row_problems]
    report.rows_read = result.rows_read
    if not result.usable:
        report.refused = next(p for p in result.file_problems if p.code in FATAL_CODES)
        _report_write(out_dir, path, report)
        return report
    export_sha256 = file_sha256(path)  # before anything is written (the row map checks it)
    kept = [
        (h, f)
        for h, f in dataset.columns.items()
        if f not in IDENTIFYING and f in _present(result.headers, dataset)
    ]
    kept += [(f, f) for f in dataset.fixed if f not in IDENTIFYING]  # a column named as the field
    numbered: list[tuple[int, list[str]]] = []
    new_headers: list[str] = []
    by_field = {f: h for h, f in dataset.columns.items()}
    today = dt.date.today()
    key_ref = report.key_id = key_id(key)
    for number, fields in result.rows:
        done = record_pseudonymise(
            key, fields, partner=partner.code, date_format=partner.date_format, buurt_of=buurt_of
        )
        report.bsn[done.bsn.status] += 1
        new_headers = new_headers or list(done.values)
        problem = row_problem(
            _own(fields, dataset), done.bsn, headers=by_field, date_format=partner.date_format,
            today=today,
        )  # fmt: skip
        numbered.append(
            (
                number,
                [fields.get(f, "") for _h, f in kept]
                + [done.values.get(h, "") for h in new_headers]
                + [str(number), problem, key_ref],
            )
        )
    # a row the reader could not take leaves as its number and why, so the intake reports it
    width = len(kept) + len(new_headers)
    for line in sorted({p.line: p for p in result.row_problems if p.line}.values(), key=_line):
        numbered.append((line.line or 0, [""] * width + [str(line.line), line.code, key_ref]))
    numbered.sort(key=lambda item: item[0])
    out_rows = [cells for _n, cells in numbered]
    headers = [h for h, _f in kept] + new_headers + [ROW_COLUMN, PROBLEM_COLUMN, KEY_ID_COLUMN]
    out_path = out_dir / path.name
    rows_write(
        out_path, partner, headers, out_rows, title_rows=result.preamble, sheet=dataset.sheet
    )
    report.row_map = row_map_write(
        export=path,
        export_sha256=export_sha256,
        output=out_path,
        layout=layout_read(result, dataset, excel=is_excel(path, partner)),
        rows=[n for n, _cells in numbered],
        partner=partner.code,
        dataset=dataset.name,
    ).name
    report.rows_written = len(out_rows)
    report.columns_out = headers
    report.columns_dropped = [h for h in result.headers if h and h not in headers]
    _report_write(out_dir, path, report)
    return report


def _line(problem: Problem) -> int:
    return problem.line or 0


def _own(fields: dict[str, str], dataset: DatasetMapping) -> dict[str, str]:
    """The row as the export has it: without the mapping's fixed values."""
    if not dataset.fixed:
        return fields
    return {f: v for f, v in fields.items() if f not in dataset.fixed}


def _present(headers: list[str], dataset: DatasetMapping) -> set[str]:
    folded = {h.casefold() for h in headers}
    return {f for h, f in dataset.columns.items() if h.casefold() in folded}


def _report_write(out_dir: Path, path: Path, report: Report) -> None:
    (out_dir / f"{path.name}.rapport.txt").write_text(report.as_text(), encoding="utf-8")
    (out_dir / f"{path.name}.rapport.json").write_text(
        json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def partner_pseudonymise(job: tuple[Path, Path, str, bytes]) -> tuple[str, int]:
    """All of one partner's exports in EXPORTS/<code>/ into WORK/<code>/; returns files done.

    A file whose raw export is unchanged since it was pseudonymised with this key is skipped
    (`.bronnen.json` keeps the key id and the export's SHA-256).
    """
    exports_dir, work_dir, code, key = job
    partner_mapping = mapping_load(exports_dir / "mappings.yaml").partners[code]
    buurt_of = address_register_read(exports_dir / "adressen.csv")
    out = work_dir / code
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / ".bronnen.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    done = 0
    for dataset in partner_mapping.datasets.values():
        for name in dataset.files:
            source = exports_dir / code / name
            digest = f"{key_id(key)}:{hashlib.sha256(source.read_bytes()).hexdigest()}"
            if manifest.get(name) == digest and (out / name).exists():
                continue
            file_pseudonymise(
                source, out, key=key, partner=partner_mapping, dataset=dataset, buurt_of=buurt_of
            )
            manifest[name] = digest
            done += 1
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return code, done
