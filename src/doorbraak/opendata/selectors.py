"""Reads for open data: the published indicators and their values, gated once more.

Values come only from the monitor's latest finished run with yearly values (`IndicatorValue`,
gated before they were stored: a suppressed cell has no numbers), only for published
indicators, only the totals per area (region, gemeente, wijk; no breakdowns). Before anything
leaves, each indicator × year is gated again from what it shows (`core.disclosure_gate.
gate_shown`, strict): a published total may not give away that the hidden areas under it add
up to a count below the threshold. That only ever hides more than the monitor's pages do.
"""

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from doorbraak.areas.models import Area
from doorbraak.core.area_levels import MONITOR_LEVEL_NAMES, MONITOR_LEVELS, MONITOR_LEVELS_STORED
from doorbraak.core.disclosure_gate import Key, gate_shown, relations_from_hierarchies
from doorbraak.core.periods import PeriodType, period_parse
from doorbraak.monitor.models import IndicatorValue, MonitorRun
from doorbraak.monitor.selectors import definitions_current
from doorbraak.monitor.services import GATED
from doorbraak.opendata.models import PublishedIndicator
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current

LEVELS = MONITOR_LEVEL_NAMES  # as the monitor stores them
LEVEL_NAMES = {level.api: level.stored for level in MONITOR_LEVELS}  # as published
SHOWN, SUPPRESSED, NO_VALUE = "getoond", "afgeschermd", "geen waarde"
WITH_PARTS = ("share", "ratio")  # kinds whose numerator and denominator are published


@dataclass(frozen=True)
class PublishedCell:
    indicator_code: str
    period: str
    area_level: str  # region, gemeente, wijk
    area_code: str
    area_name: str
    value: float | None
    numerator: float | None  # shares and ratios only
    denominator: float | None
    status: str  # SHOWN, SUPPRESSED or NO_VALUE

    @property
    def suppressed(self) -> bool:
        return self.status == SUPPRESSED


@dataclass(frozen=True)
class AreaRow:
    name: str
    code: str
    cells: list[PublishedCell | None]  # one per year of the indicator (None: not computed)


@dataclass
class PublishedIndicatorDetail:
    code: str
    name: str
    description: str
    unit: str
    kind: str  # the computation's kind: count, share, ratio, median, ...
    goal: str  # "D1: statement" or ''
    note: str
    published: PublishedIndicator
    years: list[str] = field(default_factory=list)
    region: list[AreaRow] = field(default_factory=list)
    gemeenten: list[AreaRow] = field(default_factory=list)
    wijken: list[AreaRow] = field(default_factory=list)

    @property
    def wijken_shown(self) -> list[AreaRow]:
        """Wijken with at least one year that shows a value."""
        return [row for row in self.wijken if any(_has_value(c) for c in row.cells)]

    @property
    def wijken_hidden(self) -> list[AreaRow]:
        return [row for row in self.wijken if not any(_has_value(c) for c in row.cells)]


def _has_value(cell: "PublishedCell | None") -> bool:
    return cell is not None and cell.status == SHOWN


@dataclass(frozen=True)
class Choice:
    """A computed indicator on the programme team's page."""

    code: str
    name: str
    published: PublishedIndicator | None
    computed: bool = True


def publication_run() -> MonitorRun | None:
    """The latest finished monitor run with yearly values: open data reads only this run."""
    for run in MonitorRun.objects.filter(status=MonitorRun.Status.DONE).order_by("-id"):
        if any(period_parse(p).type is PeriodType.YEAR for p in run.periods):
            return run
    return None


def _plan_indicators() -> dict[str, pm.Indicator]:
    version = plan_version_current()
    if version is None:
        return {}
    indicators = (
        pm.Indicator.objects.filter(plan_version=version)
        .select_related("operational_goal")
        .order_by("position")
    )
    return {i.code: i for i in indicators}


def computed_codes(run: MonitorRun | None = None) -> list[str]:
    """Plan indicators with values in the publication run, in plan order."""
    run = run or publication_run()
    if run is None:
        return []
    codes = set(
        IndicatorValue.objects.filter(run=run).values_list("indicator_code", flat=True).distinct()
    )
    return [code for code in _plan_indicators() if code in codes]


def publication_choices() -> list[Choice]:
    """The computed indicators in plan order, then any published one no longer computed."""
    plan = _plan_indicators()
    published = {p.indicator_code: p for p in PublishedIndicator.objects.all()}
    computed = computed_codes()
    codes = computed + sorted(set(published) - set(computed))
    return [
        Choice(
            code,
            plan[code].name if code in plan else code,
            published.get(code),
            computed=code in computed,
        )
        for code in codes
    ]


def published() -> QuerySet[PublishedIndicator]:
    return PublishedIndicator.objects.all()


def _kinds() -> dict[str, str]:
    definitions = definitions_current()
    return {i.code: i.kind for i in definitions.indicators} if definitions else {}


def _area_parents() -> tuple[dict[str, str | None], dict[str, str]]:
    """code → parent code (gemeente → region, wijk → gemeente), and code → name."""
    parents: dict[str, str | None] = {}
    names: dict[str, str] = {}
    levels = MONITOR_LEVELS_STORED
    for code, name, parent in (
        Area.objects.filter(level__in=levels)
        .order_by("vintage")
        .values_list("code", "name", "parent__code")
    ):
        parents[code] = parent
        names[code] = name
    return parents, names


def _column(row: IndicatorValue, column: str) -> float | None:
    if column == "complement":
        if row.numerator is None or row.denominator is None:
            return None
        return row.denominator - row.numerator
    number: float | None = getattr(row, column)
    return number


def _regate(
    rows: list[IndicatorValue], kind: str, parents: dict[str, str | None], threshold: int
) -> set[str]:
    """Area codes of one indicator × year to hide: the stored suppression, and whatever else
    a shown total would give away (per gated column, until no column hides more)."""
    hidden = {row.area_code for row in rows if row.suppressed}
    by_code = {row.area_code: row for row in rows}
    keys: list[Key] = [(code,) for code in by_code]

    def parent_of(code: Hashable) -> Hashable | None:
        return parents.get(str(code))

    relations = relations_from_hierarchies(keys, {0: parent_of})
    changed = True
    while changed:
        changed = False
        for column in GATED.get(kind, ("numerator", "denominator")):
            shown: dict[Key, float | None] = {}
            for code, row in by_code.items():
                number = _column(row, column)
                shown[(code,)] = (
                    None if code in hidden else float(math.ceil(number)) if number else 0.0
                )
            again = gate_shown(shown, relations, threshold=threshold)
            newly = {key[0] for key, number in again.items() if number is None} - hidden
            if newly:
                hidden |= {str(code) for code in newly}
                changed = True
    return hidden


def published_cells(codes: Iterable[str] | None = None) -> list[PublishedCell]:
    """Every published value (of `codes`, when given, that are published), gated again; in
    indicator, period, level and area order. Never a value of an unpublished indicator."""
    run = publication_run()
    allowed = set(PublishedIndicator.objects.values_list("indicator_code", flat=True))
    if codes is not None:
        allowed &= set(codes)
    if run is None or not allowed:
        return []
    years = [p for p in run.periods if period_parse(p).type is PeriodType.YEAR]
    rows = IndicatorValue.objects.filter(
        run=run,
        indicator_code__in=allowed,
        breakdown="",
        area_level__in=LEVELS,
        period__in=years,
    ).order_by("indicator_code", "period", "area_level", "area_code")
    kinds = _kinds()
    parents, names = _area_parents()
    tables: dict[tuple[str, str], list[IndicatorValue]] = {}
    for row in rows:
        tables.setdefault((row.indicator_code, row.period), []).append(row)
    order = {level: i for i, level in enumerate(LEVELS)}
    cells: list[PublishedCell] = []
    for (code, _period), table in tables.items():
        kind = kinds.get(code, "")
        hidden = _regate(table, kind, parents, run.threshold)
        for row in sorted(table, key=lambda r: (order[r.area_level], r.area_code)):
            if row.area_code in hidden or row.suppressed:
                cells.append(_cell(row, names, None, None, None, SUPPRESSED))
                continue
            parts = kind in WITH_PARTS
            cells.append(
                _cell(
                    row,
                    names,
                    row.value,
                    row.numerator if parts else None,
                    row.denominator if parts else None,
                    NO_VALUE if row.value is None else SHOWN,
                )
            )
    return cells


def _cell(
    row: IndicatorValue,
    names: dict[str, str],
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    status: str,
) -> PublishedCell:
    return PublishedCell(
        indicator_code=row.indicator_code,
        period=row.period,
        area_level=row.area_level,
        area_code=row.area_code,
        area_name=names.get(row.area_code, row.area_code),
        value=value,
        numerator=numerator,
        denominator=denominator,
        status=status,
    )


def published_details(code: str | None = None) -> list[PublishedIndicatorDetail]:
    """The published indicators (or the one `code`, when published) with their values per
    year for the region, each gemeente and each wijk; in plan order."""
    publications = {p.indicator_code: p for p in PublishedIndicator.objects.all()}
    if code is not None:
        publications = {c: p for c, p in publications.items() if c == code}
    if not publications:
        return []
    plan = _plan_indicators()
    kinds = _kinds()
    cells = published_cells(publications)
    ordered = [c for c in plan if c in publications] + sorted(set(publications) - set(plan))
    details = []
    for indicator_code in ordered:
        indicator = plan.get(indicator_code)
        goal = indicator.operational_goal if indicator else None
        mine = [c for c in cells if c.indicator_code == indicator_code]
        years = sorted({c.period for c in mine})
        detail = PublishedIndicatorDetail(
            code=indicator_code,
            name=indicator.name if indicator else indicator_code,
            description=indicator.description if indicator else "",
            unit=indicator.unit if indicator else "",
            kind=kinds.get(indicator_code, ""),
            goal=f"{goal.code}: {goal.statement}" if goal else "",
            note=publications[indicator_code].note,
            published=publications[indicator_code],
            years=years,
        )
        for level, target in (
            ("region", detail.region),
            ("gemeente", detail.gemeenten),
            ("wijk", detail.wijken),
        ):
            by_area: dict[str, dict[str, PublishedCell]] = {}
            for cell in mine:
                if cell.area_level == level:
                    by_area.setdefault(cell.area_code, {})[cell.period] = cell
            rows = [
                AreaRow(
                    next(iter(per_year.values())).area_name,
                    area,
                    [per_year.get(y) for y in years],
                )
                for area, per_year in by_area.items()
            ]
            target.extend(sorted(rows, key=lambda r: r.name if level != "wijk" else r.code))
        details.append(detail)
    return details
