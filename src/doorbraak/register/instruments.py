"""Instruments (scales for the capitals) from configuration, with their Dutch level texts."""

from pathlib import Path
from typing import Any

import yaml

from doorbraak.core.errors import UserError
from doorbraak.register.models import Instrument

INSTRUMENTS_FILE = Path(__file__).resolve().parent / "data" / "instruments.yaml"


def _definitions() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(INSTRUMENTS_FILE.read_text(encoding="utf-8"))
    return loaded


def instrument_ensure(*, code: str, version: str) -> Instrument:
    """The stored instrument version, created from configuration on first use."""
    stored = Instrument.objects.filter(code=code, version=version).first()
    if stored is not None:
        return stored
    for definition in _definitions():
        if definition["code"] == code and version in definition["versions"]:
            return Instrument.objects.create(
                code=code,
                version=version,
                name=definition["name"],
                levels=definition["versions"][version],
            )
    raise UserError(
        "onbekend-instrument",
        f"Instrument '{code}' versie '{version}' staat niet in {INSTRUMENTS_FILE.name}.",
    )


def instrument_levels(code: str, version: str) -> dict[str, str] | None:
    """A configured instrument version's level texts ({"1": ..., "5": ...}), from the
    configuration alone (no database): for the work zone's readings form."""
    for definition in _definitions():
        if definition["code"] == code and version in definition["versions"]:
            return {str(k): str(v) for k, v in definition["versions"][version].items()}
    return None
