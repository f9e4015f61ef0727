"""Readers for the CBS area lists shipped in `data/cbs/` (pure: no Django).

Buurt code `BU` + 4 gemeente + 2 wijk + 2 buurt characters; the wijk code is derived as
`WK` + the six characters after `BU`. Codes may contain letters.
"""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
BUURT_CODE = re.compile(r"^BU[0-9A-Z]{8}$")
GEMEENTE_CODE = re.compile(r"^GM[0-9A-Z]{4}$")

# Names that the source mis-encoded. Repaired on load; listed so a reviewer can see each one.
KNOWN_NAME_REPAIRS = {"LumiÞrepark": "Lumièrepark"}


@dataclass(frozen=True)
class CbsGemeente:
    code: str
    name: str
    vintage: int


@dataclass(frozen=True)
class CbsBuurt:
    code: str
    name: str

    @property
    def gemeente_code(self) -> str:
        return "GM" + self.code[2:6]

    @property
    def wijk_code(self) -> str:
        return "WK" + self.code[2:8]


def read_gemeenten(path: Path) -> Iterator[CbsGemeente]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["gm_code"].strip()
            if GEMEENTE_CODE.match(code):
                yield CbsGemeente(code=code, name=row["gm_naam"].strip(), vintage=int(row["jaar"]))


def read_buurten(path: Path) -> Iterator[CbsBuurt]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["Identifier"].strip()
            if BUURT_CODE.match(code):
                name = row["Title"].strip()
                yield CbsBuurt(code=code, name=KNOWN_NAME_REPAIRS.get(name, name))


def wijk_name(gemeente_name: str, wijk_code: str) -> str:
    """CBS lists carry no wijk names: name a wijk after its gemeente and number."""
    return f"{gemeente_name} wijk {wijk_code[-2:]}"


SCATTERED_PREFIXES = ("Verspreide huizen ", "Verspr.h. ")


def derive_dorpen(buurten: list[CbsBuurt]) -> dict[str, list[CbsBuurt]]:
    """Group buurt "X" with "Verspreide huizen X" in the same gemeente into dorp X."""
    by_name = {(b.gemeente_code, b.name): b for b in buurten}
    dorpen: dict[str, list[CbsBuurt]] = {}
    for buurt in buurten:
        for prefix in SCATTERED_PREFIXES:
            base = buurt.name.removeprefix(prefix)
            core = by_name.get((buurt.gemeente_code, base))
            if base != buurt.name and core is not None:
                dorpen.setdefault(f"{core.gemeente_code}:{base}", [core]).append(buurt)
    return dorpen
