"""Reader for CBS StatLine downloads: published figures per gemeente, wijk and buurt (pure: no
Django).

CBS publishes "Kerncijfers wijken en buurten" (one table per year, e.g. 85984NED for 2024) and
other regional tables on StatLine. The format read here is StatLine's "onbewerkte dataset" (the
OData TypedDataSet as CSV, what `opendata.cbs.nl` and the `cbsodata` client give): one row per
area (and period), one column per measure, the column keys carrying a numeric suffix that
changes between years (`HuishoudensMetEenLaagInkomen_87`), so the suffix is dropped. Values are
numbers with a decimal point (a comma is accepted too, as a Dutch spreadsheet saves them), "."
for a figure CBS keeps secret (too few households), and blanks for a figure not available.

Only the measures in `MEASURES` are kept; other columns are counted and named so the data
steward sees what was left out. Rows for areas that are not a CBS gemeente, wijk or buurt code
(the country, provinces) are skipped the same way. The file is read whole and every problem is
reported with its line, not only the first.
"""

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

from doorbraak.core.errors import ProblemsError, UserError

# measure key (without suffix) -> Dutch label, unit ("aantal" or "%")
MEASURES: Final = {
    "AantalInwoners": ("inwoners", "aantal"),
    "k_0Tot15Jaar": ("inwoners van 0 tot 15 jaar", "aantal"),
    "k_15Tot25Jaar": ("inwoners van 15 tot 25 jaar", "aantal"),
    "HuishoudensTotaal": ("particuliere huishoudens", "aantal"),
    "HuishoudensMetKinderen": ("huishoudens met kinderen", "aantal"),
    "HuishoudensMetEenLaagInkomen": ("huishoudens met een laag inkomen", "%"),
    "HuishOnderOfRondSociaalMinimum": ("huishoudens onder of rond het sociaal minimum", "%"),
    "HuishoudensTot110VanSociaalMinimum": ("huishoudens tot 110% van het sociaal minimum", "%"),
    "HuishoudensTot120VanSociaalMinimum": ("huishoudens tot 120% van het sociaal minimum", "%"),
}
AREA_COLUMNS: Final = ("WijkenEnBuurten", "Codering", "RegioS")
PERIOD_COLUMN: Final = "Perioden"
AREA_CODE = re.compile(r"^(GM[0-9A-Z]{4}|WK[0-9A-Z]{6}|BU[0-9A-Z]{8})$")
PERIOD = re.compile(r"^(\d{4})JJ00$")
TABLE_ID = re.compile(r"(\d{5}NED)", re.IGNORECASE)
SUFFIX = re.compile(r"_\d+$")
SECRET = "."  # noqa: S105 - CBS's mark for a figure kept secret, not a password


@dataclass(frozen=True)
class Figure:
    """One published figure: `value` is None when CBS keeps it secret (`secret`)."""

    area_code: str
    year: int
    measure: str
    value: Decimal | None
    secret: bool


@dataclass
class StatlineFile:
    table: str
    figures: list[Figure] = field(default_factory=list)
    rows: int = 0
    areas_skipped: int = 0
    columns_ignored: list[str] = field(default_factory=list)


def table_from_name(path: Path) -> str | None:
    found = TABLE_ID.search(path.name)
    return found.group(1).upper() if found else None


def _text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _key(column: str) -> str:
    return SUFFIX.sub("", column.strip())


def _value(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    number = Decimal(cleaned)
    if not number.is_finite():
        raise InvalidOperation(cleaned)
    return number


class _Reader:
    def __init__(self, table: str, year: int | None) -> None:
        self.result = StatlineFile(table=table)
        self.year = year
        self.problems: list[str] = []

    def header(self, columns: list[str]) -> tuple[int, int | None, dict[int, str]]:
        keys = [_key(c) for c in columns]
        area = next((keys.index(c) for c in AREA_COLUMNS if c in keys), None)
        if area is None:
            raise UserError(
                "statline-geen-gebiedskolom",
                "Dit bestand heeft geen kolom met gebiedscodes (WijkenEnBuurten, Codering of "
                "RegioS). Download de 'onbewerkte dataset' van StatLine als CSV.",
            )
        period = keys.index(PERIOD_COLUMN) if PERIOD_COLUMN in keys else None
        if period is None and self.year is None:
            raise UserError(
                "statline-jaar-ontbreekt",
                "Dit bestand heeft geen kolom Perioden: geef het jaar van de cijfers op met "
                "--jaar.",
            )
        measures = {i: k for i, k in enumerate(keys) if k in MEASURES}
        if not measures:
            raise UserError(
                "statline-geen-maten",
                "Dit bestand bevat geen van de gebruikte CBS-maten (" + ", ".join(MEASURES) + ").",
            )
        skip = {area, period, *measures}
        self.result.columns_ignored = [k for i, k in enumerate(keys) if i not in skip]
        return area, period, measures

    def row(
        self, line: int, cells: list[str], layout: tuple[int, int | None, dict[int, str]]
    ) -> None:
        area, period, measures = layout
        self.result.rows += 1
        code = cells[area].strip() if area < len(cells) else ""
        if not AREA_CODE.match(code):
            self.result.areas_skipped += 1
            return
        year = self._year(line, cells, period)
        if year is None:
            return
        for index, measure in measures.items():
            cell = cells[index].strip() if index < len(cells) else ""
            if cell == SECRET:
                self.result.figures.append(Figure(code, year, measure, None, True))
                continue
            try:
                number = _value(cell)
            except InvalidOperation:
                self.problems.append(
                    f"regel {line}, kolom {measure}: '{cell[:20]}' is geen getal "
                    "(verwacht een getal, '.' voor geheim of leeg)."
                )
                continue
            if number is not None:
                self.result.figures.append(Figure(code, year, measure, number, False))

    def _year(self, line: int, cells: list[str], period: int | None) -> int | None:
        if period is None:
            return self.year
        text = cells[period].strip() if period < len(cells) else ""
        found = PERIOD.match(text)
        if not found:
            self.problems.append(
                f"regel {line}: periode '{text[:12]}' is geen jaar "
                "(verwacht bijvoorbeeld 2023JJ00)."
            )
            return None
        return int(found.group(1))


def read_statline(path: Path, *, table: str | None = None, year: int | None = None) -> StatlineFile:
    """Every figure of one StatLine download; `ProblemsError` lists every bad cell at once."""
    table = table or table_from_name(path)
    if not table:
        raise UserError(
            "statline-tabel-onbekend",
            "Uit de bestandsnaam blijkt niet welke CBS-tabel dit is: geef de tabel op met "
            "--tabel (bijvoorbeeld 85984NED).",
        )
    text = _text(path)
    dialect = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=dialect)
    reader = _Reader(table.upper(), year)
    try:
        header = next(rows)
    except StopIteration:
        raise UserError("statline-leeg", "Het bestand is leeg.") from None
    layout = reader.header(header)
    for line, cells in enumerate(rows, start=2):
        if any(c.strip() for c in cells):
            reader.row(line, cells, layout)
    if reader.problems:
        raise ProblemsError(
            "statline-ongeldig",
            f"{len(reader.problems)} waarden in het bestand zijn niet te lezen; "
            "er is niets geladen.",
            reader.problems,
        )
    duplicates = [
        key
        for key, n in Counter(
            (f.area_code, f.year, f.measure) for f in reader.result.figures
        ).items()
        if n > 1
    ]
    if duplicates:
        area, year_, measure = duplicates[0]
        raise UserError(
            "statline-dubbel",
            f"Het bestand geeft {measure} voor {area} in {year_} meer dan eens "
            f"({len(duplicates)} keer zo'n dubbele waarde); er is niets geladen.",
        )
    return reader.result
