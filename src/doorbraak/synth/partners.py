"""The demo partners (from `partners/data/demo-partners.yaml`) and the roles they play here.

Who holds which fact: the municipality of residence receives every early signal and owns plans
and contact persons; creditors and schools send signals; providers register enrolments; the
welfare organisation of the area assesses capitals; a gemeente that delivers the BRP extract
sends who is registered at its addresses (`Roles.brp`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

PARTNER_FILE = ("doorbraak.partners", "data/demo-partners.yaml")

HOUSING_AREAS = {
    "woonstichting-veenhorst": ("GM0047", "GM0765", "GM1952"),
    "wonen-kanaalstreek": ("GM0037", "GM1950"),
    "woonbedrijf-dollardkust": ("GM1895",),
    "woonstichting-eschland": ("GM0114", "GM0109"),
    "woongroep-hunzedal": ("GM1681", "GM1680"),
}
ASSESSOR_AREAS = {
    "welzijn-veenkracht": ("GM0047", "GM0765", "GM0037", "GM1950", "GM1952", "GM1895"),
    "buurtwerk-oostermoer": ("GM0114", "GM1681", "GM1680", "GM0109"),
}
SCHOOLS_BY_AGE = (
    (12, "openbaar-onderwijs-kanaalstreek", "po"),
    (16, "scholengemeenschap-veendal", "vo"),
    (99, "roc-veenstreek", "mbo"),
)
OTHER_CREDITORS = {
    "energie": "Energieleverancier (geen alliantiepartner)",
    "zorgverzekering": "Zorgverzekeraar (geen alliantiepartner)",
    "huur": "Particuliere verhuurder",
}


@dataclass(frozen=True)
class Partner:
    code: str
    name: str
    sector: str
    gemeente: str | None
    signal_source: str | None
    source_format: dict[str, Any] | None


def load_partners() -> list[Partner]:
    path = resources.files(PARTNER_FILE[0]).joinpath(PARTNER_FILE[1])
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Partner(
            row["code"],
            row["name"],
            row["sector"],
            row.get("gemeente"),
            row.get("signal_source"),
            row.get("source_format"),
        )
        for row in rows
    ]


class Roles:
    """Lookups from a situation (gemeente, signal kind, age) to the partner that records it."""

    def __init__(self, partners: list[Partner]) -> None:
        self.by_code = {partner.code: partner for partner in partners}
        self.municipality = {
            p.gemeente: p.code for p in partners if p.sector == "gemeente" and p.gemeente
        }
        # gemeenten that deliver the BRP extract (`synth.brp`): the setting `brp` in the
        # partner's source_format, true unless set to false
        self.brp = frozenset(
            p.gemeente
            for p in partners
            if p.sector == "gemeente" and p.gemeente and (p.source_format or {}).get("brp", True)
        )
        self.housing = {gm: code for code, areas in HOUSING_AREAS.items() for gm in areas}
        self.assessor = {gm: code for code, areas in ASSESSOR_AREAS.items() for gm in areas}
        self.creditor = {
            p.signal_source: p.code
            for p in partners
            if p.signal_source in ("energie", "water", "zorgverzekering")
        }

    def name(self, code: str | None, kind: str) -> str:
        if code is None:
            return OTHER_CREDITORS.get(kind, "Onbekend")
        return self.by_code[code].name

    @staticmethod
    def school(age: float) -> tuple[str, str]:
        for limit, code, school_type in SCHOOLS_BY_AGE:
            if age < limit:
                return code, school_type
        return SCHOOLS_BY_AGE[-1][1], SCHOOLS_BY_AGE[-1][2]  # pragma: no cover
