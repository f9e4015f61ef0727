"""`exports/mappings.yaml`: each partner's export dialect, declared for the intake to read.

Per partner: file type, encoding, delimiter, date and decimal conventions, title rows and
sheets, and per dataset the files, the declared keys, column → canonical field, and the code
lists (partner code → canonical value).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from doorbraak.synth.dialects import (
    DATE_FIELDS,
    DECIMAL_FIELDS,
    KEYS,
    NUMBER_FIELDS,
    expand_columns,
    header_style,
)
from doorbraak.synth.exports import PartnerExport

HEADER = """\
# Export dialects of the demo partners (all organisations fictitious), as the synthetic
# generator wrote them. Declares, per partner and dataset, how to read the files: the intake
# maps columns to canonical fields and partner codes to canonical values with it.
# Canonical yes/no values are true/false. Dates: dd-mm-jjjj = %d-%m-%Y, iso = %Y-%m-%d.
"""
DATE_PATTERNS = {"dd-mm-jjjj": "%d-%m-%Y", "iso": "%Y-%m-%d"}


def _codes(export: PartnerExport, fields: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for name in fields:
        table = export.dialect.codes.get(name)
        if table:
            found[name] = {
                code: (True if key == "yes" else False if key == "no" else key)
                for key, code in table.items()
            }
    return found


def _dataset(export: PartnerExport, kind: str, files: list[str]) -> dict[str, Any]:
    layout = export.dialect.layouts[kind]
    columns = expand_columns(export.dialect, layout)
    title_rows = int(export.fmt.get("title_rows", 0)) if export.is_xlsx else 0
    fields = [name for _, name in columns]
    entry: dict[str, Any] = {
        "kind": kind,
        "files": files,
        "keys": list(KEYS[kind]),
        "header_row": title_rows + 1,
        "columns": {header_style(h, export.style): name for h, name in columns},
        "types": {
            name: (
                "date"
                if name in DATE_FIELDS
                else "decimal"
                if name in DECIMAL_FIELDS
                else "integer"
            )
            for name in fields
            if name in DATE_FIELDS | DECIMAL_FIELDS | NUMBER_FIELDS
        },
        "codes": _codes(export, fields),
    }
    if export.is_xlsx:
        entry["sheet"] = layout.title[:31]
    return entry


def partner_mapping(export: PartnerExport, files: dict[str, list[str]]) -> dict[str, Any]:
    fmt = export.fmt
    dates = str(fmt.get("dates", "dd-mm-jjjj"))
    entry: dict[str, Any] = {
        "name": export.partner.name,
        "dialect": export.dialect.name,
        "version": 1,
        "file": fmt.get("file", "csv"),
        "encoding": "utf-8" if export.is_xlsx else fmt.get("encoding", "utf-8"),
        "dates": dates,
        "date_format": DATE_PATTERNS[dates],
        "decimal": fmt.get("decimal", "."),
    }
    if export.is_xlsx:
        entry["title_rows"] = int(fmt.get("title_rows", 1))
        entry["notes_sheet"] = "Toelichting"
    else:
        entry["delimiter"] = fmt.get("delimiter", ",")
    entry["datasets"] = {
        export.dialect.layouts[kind].stem: _dataset(export, kind, names)
        for kind, names in sorted(files.items())
    }
    return entry


def write_mappings(
    root: Path, partners: dict[str, PartnerExport], files: dict[str, dict[str, list[str]]]
) -> Path:
    """Declare the dialect of every partner that delivered files, in `root/mappings.yaml`."""
    document = {
        "version": 1,
        "partners": {code: partner_mapping(partners[code], files[code]) for code in sorted(files)},
    }
    path = root / "mappings.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(HEADER + text, encoding="utf-8")
    return path
