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


# a buurt name's part that says where in a place it lies, not which place it is
_PART = re.compile(
    r"(?:[\s-]+(?:centrum|kern|dorp|nieuwbouw|(?:noord|zuid|oost|west)(?:-\w+)?)"
    r"|\s*\(gedeeltelijk\)|\s+(?:buitengebied|en omgeving|plaats \d+)\b.*)$",
    re.IGNORECASE,
)


def place_of(buurt_name: str) -> str:
    """The place a buurt name is part of: 'Musselkanaal Centrum' -> 'Musselkanaal',
    'Valthe Buitengebied' -> 'Valthe', 'Borgercompagnie (gedeeltelijk)' -> 'Borgercompagnie'."""
    name, previous = buurt_name.strip(), ""
    while name != previous:
        previous, name = name, _PART.sub("", name).strip()
    return name or buurt_name


def wijk_name(gemeente_name: str, wijk_code: str, buurten: list[CbsBuurt] | None = None) -> str:
    """CBS lists carry no wijk names ("Wijk 07" at best): name a wijk after its first buurt's
    place (CBS numbers a wijk's main village or centre first: 'Musselkanaal Centrum' ->
    'Musselkanaal'), unless at least three of its buurten lie in one other place ('Valthermond
    Plaats 60', 'Valthermond Mondenweg', ...). A wijk of scattered houses only is named after
    them ('Weijerswold'). A wijk named after its gemeente's own town keeps its first buurt's
    full name ('Emmen-Centrum'), so it is not mistaken for the gemeente. Without buurten: the
    gemeente and number, as before."""
    ordered = sorted(buurten or [], key=lambda b: b.code)
    named = [b.name for b in ordered if not _scattered(b.name)]
    if not named:
        named = [_SCATTERED.sub("", b.name) for b in ordered]
    if not named:
        return f"{gemeente_name} wijk {wijk_code[-2:]}"
    places = [place_of(name) for name in named]
    towns = [_town(place) for place in places]
    best = places[0]
    common = max(towns, key=towns.count)
    if towns.count(common) >= 3 and towns.count(common) > towns.count(towns[0]):
        best = common
    return named[0] if best == gemeente_name else best


def _town(place: str) -> str:
    """A place's first word ('Valthermond' of 'Valthermond Mondenweg'), unless that is an
    article or a number ('De Pol', '1e Exloërmond' stay whole)."""
    first = place.split(" ")[0]
    return (
        place
        if first.casefold() in {"de", "het", "'t", "den", "ter"} or first[0].isdigit()
        else first
    )


_SCATTERED = re.compile(r"^(?:Verspreide huizen|Verspr\.h\.)\s+(?:te\s+)?")


def _scattered(name: str) -> bool:
    return name.startswith((*SCATTERED_PREFIXES, "Verspreide huizen", "Verspr.h."))


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
