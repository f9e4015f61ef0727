"""Reads for open data: the published indicators and their values, gated once more.

Values come only from the monitor's latest finished run with yearly values, through the
monitor's one gate for stored values (`monitor.gated.values_shown`, as a published part: a
suppressed cell has no numbers), only for published indicators, only the totals per area
(region, gemeente, wijk; no breakdowns). Before anything leaves, that gate checks each
indicator × year again from what it shows (`core.disclosure_gate.gate_shown`, strict): a
published total may not give away that the hidden areas under it add up to a count below the
threshold. That only ever hides more than the monitor's pages do. A year the run's data do not
cover to its end is running and labelled so ("lopend jaar, t/m 30 juni 2026", ADR 0018).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from doorbraak.areas.models import Area
from doorbraak.core.area_levels import MONITOR_LEVEL_NAMES, MONITOR_LEVELS, MONITOR_LEVELS_STORED
from doorbraak.core.periods import PeriodType, period_parse, period_running, running_label
from doorbraak.monitor.gated import ShownValue, StoredCells, codes_stored, values_shown
from doorbraak.monitor.kept_pages import PUBLIC, kept
from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.selectors import definitions_current
from doorbraak.opendata.models import PublishedIndicator
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current

LEVELS = MONITOR_LEVEL_NAMES  # as the monitor stores them
LEVEL_NAMES = {level.api: level.stored for level in MONITOR_LEVELS}  # as published
SHOWN, SUPPRESSED, NO_VALUE = "getoond", "afgeschermd", "geen waarde"
WITH_PARTS = ("share", "ratio", "reference_share")  # numerator and denominator published


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
    until: dt.date | None = None  # the data's last day when the year is running (ADR 0018)

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
    running: dict[str, str] = field(default_factory=dict)  # running year -> its label
    region: list[AreaRow] = field(default_factory=list)
    gemeenten: list[AreaRow] = field(default_factory=list)
    wijken: list[AreaRow] = field(default_factory=list)

    @property
    def year_heads(self) -> list[tuple[str, str]]:
        """(year, running label or '') per year, for the table headers."""
        return [(year, self.running.get(year, "")) for year in self.years]

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


def running_years(run: MonitorRun | None) -> dict[str, str]:
    """The run's years that its data do not cover to their end, with their labels ('lopend
    jaar, t/m 30 juni 2026'); the date is the run's, from the register (ADR 0018)."""
    if run is None or run.data_until is None:
        return {}
    years = [period_parse(p) for p in run.periods]
    return {
        year.identifier: running_label(year, run.data_until)
        for year in years
        if year.type is PeriodType.YEAR and period_running(year, run.data_until)
    }


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
    codes = codes_stored(run)
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


def _area_names() -> dict[str, str]:
    """Area code → name (the newest vintage's)."""
    areas = Area.objects.filter(level__in=MONITOR_LEVELS_STORED).order_by("vintage")
    return dict(areas.values_list("code", "name"))


def published_cells(codes: Iterable[str] | None = None) -> list[PublishedCell]:
    """Every published value (of `codes`, when given, that are published), gated again; in
    indicator, period, level and area order. Never a value of an unpublished indicator."""
    run = publication_run()
    allowed = set(PublishedIndicator.objects.values_list("indicator_code", flat=True))
    if codes is not None:
        allowed &= set(codes)
    if run is None or not allowed:
        return []
    years = tuple(p for p in run.periods if period_parse(p).type is PeriodType.YEAR)
    part = StoredCells(codes=tuple(sorted(allowed)), periods=years, levels=LEVELS, breakdown="")
    order = {level: i for i, level in enumerate(LEVELS)}
    shown = sorted(
        values_shown(run, part, published=True),
        key=lambda v: (v.indicator_code, v.period, order[v.area_level], v.area_code),
    )
    kinds = _kinds()
    names = _area_names()
    return [_cell(value, kinds.get(value.indicator_code, ""), names) for value in shown]


def _cell(shown: ShownValue, kind: str, names: dict[str, str]) -> PublishedCell:
    """A published cell: numerator and denominator of shares and ratios only (a suppressed
    cell has none)."""
    parts = kind in WITH_PARTS
    status = SUPPRESSED if shown.suppressed else NO_VALUE if shown.value is None else SHOWN
    return PublishedCell(
        indicator_code=shown.indicator_code,
        period=shown.period,
        area_level=shown.area_level,
        area_code=shown.area_code,
        area_name=names.get(shown.area_code, shown.area_code),
        value=shown.value,
        numerator=shown.numerator if parts else None,
        denominator=shown.denominator if parts else None,
        status=status,
        until=shown.until,
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
    running = running_years(publication_run())
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
            running={y: running[y] for y in years if y in running},
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


@dataclass(frozen=True)
class HeadlineFigure:
    """A published ambition indicator's latest complete year for the region (issue 20)."""

    code: str
    name: str
    unit: str
    period: str
    cell: PublishedCell


def ambition_codes() -> set[str]:
    """The plan's ambition indicators: effect indicators under no operational goal."""
    return {
        code
        for code, indicator in _plan_indicators().items()
        if indicator.operational_goal_id is None and indicator.kind == pm.IndicatorKind.EFFECT
    }


def headline_figures() -> list[HeadlineFigure]:
    """Every published indicator, in plan order, with the region's latest complete year that
    shows a value. Only published, gated values."""
    figures = []
    for detail in published_details():
        if not detail.region:
            continue
        complete = [
            (year, cell)
            for year, cell in zip(detail.years, detail.region[0].cells, strict=True)
            if cell is not None and cell.until is None and _has_value(cell)
        ]
        if complete:
            year, cell = complete[-1]
            figures.append(HeadlineFigure(detail.code, detail.name, detail.unit, year, cell))
    return figures


def ambition_figures() -> list[HeadlineFigure]:
    """The published indicators of the plan's ambition, in plan order, each with the region's
    latest complete year that shows a value: what the public page leads with."""
    codes = ambition_codes()
    return [figure for figure in headline_figures() if figure.code in codes]


def headline_figures_kept() -> list[HeadlineFigure]:
    """`headline_figures`, computed once per publication (which indicators are published, and
    since when) and per state of the monitor's inputs (`monitor.kept_pages.kept`): the public
    home page is the busiest page and reads the same figures until either changes."""
    published = PublishedIndicator.objects.order_by("indicator_code").values_list(
        "indicator_code", "published_since"
    )
    signature = ";".join(f"{code}@{since.isoformat()}" for code, since in published)
    return kept("headline-figures", signature, headline_figures, viewer=PUBLIC)
