"""The registration systems' export dialects: column names, code lists, record-id styles.

A dialect is a system family (a municipal platform, a housing corporation's package, a pupil
administration, ...), defined in `data/dialects.yaml`. Partners on the same system share the
column names but configure the header style differently. `exports/mappings.yaml` (written by
`mappings`) declares all of it per partner.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

IDENTITY = "@identity"

DATE_FIELDS = frozenset(
    {
        "birth_date",
        "arrears_since",
        "signal_date",
        "first_attempt_date",
        "reached_date",
        "end_date",
        "absence_start",
        "reported_date",
        "plan_start",
        "plan_end",
        "assign_start",
        "support_start",
        "support_end",
        "assign_end",
        "enrol_start",
        "enrol_end",
        "assessment_date",
        "diploma_date",
        "work_start",
        "registered_from",
        "registered_to",
    }
)
DECIMAL_FIELDS = frozenset({"amount", "hours_per_week", "income_pct"})
NUMBER_FIELDS = frozenset(
    {
        "absence_hours",
        "house_number",
        "goal_number",
        "level_economisch",
        "level_sociaal",
        "level_cultureel",
        "level_pedagogisch",
        "level_mentaal",
        "threshold_pct",
    }
)
KEYS = {
    "outreach": ("record_id",),
    "plan_goal": ("record_id", "goal_number"),
    "contact_assignment": ("record_id",),
    "enrolment": ("record_id",),
    "assessment": ("record_id",),
    "arrears": ("record_id",),
    "absence": ("record_id",),
    "diploma": ("record_id",),
    "placement": ("record_id",),
    "brp": ("record_id",),
    "income_support": ("record_id",),
}
REQUIRED = {  # a field whose value an invalid row may lack
    "outreach": "signal_date",
    "plan_goal": "plan_start",
    "contact_assignment": "assign_start",
    "enrolment": "enrol_start",
    "assessment": "assessment_date",
    "arrears": "signal_date",
    "absence": "absence_start",
    "diploma": "diploma_date",
    "placement": "work_start",
    "brp": "registered_from",
    "income_support": "support_start",
}


@dataclass(frozen=True)
class Layout:
    stem: str  # file name stem
    title: str  # title row text and sheet name
    record_prefix: str
    columns: tuple[tuple[str, str], ...]  # (header, canonical field); IDENTITY marks the block


@dataclass(frozen=True)
class Dialect:
    name: str
    identity: tuple[tuple[str, str], ...]
    layouts: dict[str, Layout]
    codes: dict[str, dict[str, str]]
    client_prefix: str
    compact_postcode: bool
    bsn_missing: float  # share of clients whose BSN the partner does not have


DIALECT_FILE = ("doorbraak.synth", "data/dialects.yaml")


def _dialect(name: str, spec: dict[str, Any]) -> Dialect:
    layouts = {
        kind: Layout(
            data["stem"], data["title"], data["record_prefix"],
            tuple((c[0], c[1] if len(c) > 1 else "") for c in data["columns"]),
        )
        for kind, data in spec["datasets"].items()
    }  # fmt: skip
    return Dialect(
        name=name,
        identity=tuple((header, field) for header, field in spec["identity"]),
        layouts=layouts,
        codes={field: dict(table) for field, table in spec["codes"].items()},
        client_prefix=spec["client_prefix"],
        compact_postcode=spec["compact_postcode"],
        bsn_missing=float(spec["bsn_missing"]),
    )


def load_dialects() -> dict[str, Dialect]:
    path = resources.files(DIALECT_FILE[0]).joinpath(DIALECT_FILE[1])
    specs = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: _dialect(name, spec) for name, spec in specs.items()}


DIALECTS = load_dialects()


def header_style(header: str, style: int) -> str:
    """Partners on one system configure headers differently: as is, snake_case or UPPER."""
    if style == 1:
        return "_".join(header.lower().replace(".", "").replace("-", " ").split())
    if style == 2:
        return header.upper()
    return header


def expand_columns(dialect: Dialect, layout: Layout) -> list[tuple[str, str]]:
    columns: list[tuple[str, str]] = []
    for header, field in layout.columns:
        columns += list(dialect.identity) if header == IDENTITY else [(header, field)]
    return columns
