"""Compile an indicator definition for a sequence of periods into one SQL statement (pure)
that yields its table in every period: every requested area level (region, gemeente, wijk) ×
every breakdown, each row labelled by its period (`compile_periods`, ADR 0044); a single
period is a sequence of one (`compile_table`, `compile_indicator`: without the label).

The SQL is meant to be read: one CTE per step, as ADR 0003 describes.

0. `periods`: a row per period, every day the rule needs as a column (first day, the day
   after, last day, the window's low end, the last day's year × 12 + month, the reference
   year, and the days some years on that `in_years` filters look at). The facts are read once
   for all periods: each step below joins `periods AS pd` and compares with its columns.
1. `units`: the counted rows: one per (period, unit, buurt, breakdown categories) with the
   numerator's `hit` or the value `x`; one column `by_<breakdown>` per breakdown. A
   household's buurt is its `Residence` on the counting date (the event date for flows, the
   period's last day for stocks; for a fact with a begin and an end, every buurt the household
   lived in while the fact overlapped the window).
2. `placed`: each row with its buurt's wijk, gemeente and region codes. Facts about no
   household (deliveries) count for the region as a whole.
3. the result, one SELECT per (area level, breakdown) joined by UNION ALL (or one GROUPING
   SETS pass for counts on PostgreSQL and DuckDB), each over the distinct (period, area,
   category, unit) of `placed`, so a household that moved within the period counts once in
   its gemeente: `[period,] area_level, area_code, breakdown, category, numerator,
   denominator, value`. The units are computed once for the whole table (ADR 0007).

Dialects: `sqlite`, `postgresql` and `duckdb` (over a columnar extract, `monitor.extract`);
they differ only in dates, day arithmetic, integer division and greatest/least. Literals come
from the definitions file and the periods, never from a request; text literals are quoted.
"""

# ruff: noqa: S608 - building SQL text is this module's job; see the docstring

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from gettext import gettext as _

from doorbraak.core.area_levels import MONITOR_LEVEL_NAMES, MONITOR_LEVELS, AreaGrouping
from doorbraak.core.errors import UserError
from doorbraak.core.periods import Period
from doorbraak.monitor.definitions import vocabulary as v
from doorbraak.monitor.definitions.model import (
    Filter,
    IndicatorComputation,
    IndicatorDefinitions,
    Population,
    Scalar,
    Source,
)

DIALECTS = ("sqlite", "postgresql", "duckdb")
LEVELS = MONITOR_LEVEL_NAMES
PERCENT_KINDS = ("share", "reference_share")
DAYS_PER_YEAR = 365.25
# A contact person (or other fact with an end) starting at most this many days after an
# earlier one of the household ended takes over from it (`preceded`, ADR 0017): a proposal,
# like P2's 14 days; after a longer gap it is a new start, not a change.
HANDOVER_DAYS = 60
_OPS = {"eq": "=", "ne": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}


# The last step per kind: counts over `placed` grouped by area and category; the others over
# `picked`, the distinct (area_code, category, unit, x) of one area level and breakdown.
_AGGREGATES = {
    "count": (
        "COUNT(DISTINCT unit) AS numerator",
        "NULL AS denominator",
        "COUNT(DISTINCT unit) AS value",
    ),
    "share": (
        "COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator",
        "COUNT(DISTINCT unit) AS denominator",
        "100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value",
    ),
    "mean_difference": (
        "SUM(x) AS numerator",
        "COUNT(*) AS denominator",
        "1.0 * SUM(x) / COUNT(*) AS value",
    ),
}
_AGGREGATES["count_distinct"] = _AGGREGATES["count"]
# The middle value, or the mean of the two middle values.
_MEDIAN = """\
SELECT
    {head},
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        period_id,
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY period_id, area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY period_id, area_code, category) AS observations
    FROM ({picked}) AS picked
) AS ranked
WHERE position IN ({middle})
GROUP BY period_id, area_code, category"""
# DuckDB: the same middle value (or mean of the two middle values) by its aggregate, without
# ranking every row.
_MEDIAN_AGGREGATE = """\
SELECT
    {head},
    COUNT(*) AS numerator,
    NULL AS denominator,
    1.0 * quantile_cont(x, 0.5) AS value
FROM ({picked}) AS picked
GROUP BY period_id, area_code, category"""
# Ratios, and shares of two sums: numerator and denominator each counted on their own.
_TWO_PARTS = """\
SELECT
    {head},
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN {scale} * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT period_id, area_code, category, {top} AS numerator, 0 AS denominator
    FROM ({numerator}) AS picked GROUP BY period_id, area_code, category
    UNION ALL
    SELECT period_id, area_code, category, 0 AS numerator, {bottom} AS denominator
    FROM ({denominator}) AS picked GROUP BY period_id, area_code, category
) AS parts
GROUP BY period_id, area_code, category"""
_ORDER = "ORDER BY area_level, area_code, breakdown, category"
# A published figure per area (reference_share): households x share / 100, from the latest
# year up to the period's (`reference_year` of `periods`) for which CBS published both for the
# area (neither kept secret); the region adds its gemeenten up, and only when every gemeente
# has one. `year` is the CBS year used (the region's: its gemeenten's oldest). The area page
# shows the same figure (`reference_estimates_sql`): computed here only.
_REFERENCE_AREAS = """\
SELECT pd.period_id, area.level AS area_level, area.code AS area_code,
    area.parent_id AS parent_id, ROUND(total.value * share.value / 100.0) AS households,
    total.year AS year
FROM periods AS pd
CROSS JOIN {stat} AS total
JOIN {stat} AS share ON share.area_id = total.area_id AND share.year = total.year
JOIN {area} AS area ON area.id = total.area_id
WHERE total.measure = {total} AND share.measure = {share}
    AND total.value IS NOT NULL AND share.value IS NOT NULL
    AND total.year = (
        SELECT MAX(t.year) FROM {stat} AS t
        JOIN {stat} AS s ON s.area_id = t.area_id AND s.year = t.year
        WHERE t.area_id = total.area_id AND t.measure = {total} AND s.measure = {share}
            AND t.value IS NOT NULL AND s.value IS NOT NULL AND t.year <= pd.reference_year
    )"""
_REFERENCE = """\
SELECT period_id, area_level, area_code, households, year FROM reference_areas
UNION ALL
SELECT r.period_id, {region_level} AS area_level, region.code AS area_code,
    SUM(r.households) AS households, MIN(r.year) AS year
FROM {area} AS region
JOIN reference_areas AS r ON r.parent_id = region.id AND r.area_level = {gemeente_level}
WHERE region.level = {region_level}
GROUP BY r.period_id, region.id, region.code
HAVING COUNT(*) = (
    SELECT COUNT(*) FROM {area} AS g WHERE g.parent_id = region.id AND g.level = {gemeente_level}
)"""
_REFERENCE_RESULT = """\
SELECT {period_r}{level} AS area_level, r.area_code, '' AS breakdown, {null} AS category,
    COALESCE(c.units, 0) AS numerator, r.households AS denominator,
    CASE WHEN r.households > 0 THEN 100.0 * COALESCE(c.units, 0) / r.households END AS value
FROM reference AS r
LEFT JOIN ({counted}) AS c ON c.period_id = r.period_id AND c.area_code = r.area_code
WHERE r.area_level = {stored}
UNION ALL
SELECT {period_c}{level} AS area_level, c.area_code, '' AS breakdown, {null} AS category,
    c.units AS numerator, NULL AS denominator, NULL AS value
FROM ({counted}) AS c
WHERE NOT EXISTS (
    SELECT 1 FROM reference AS r
    WHERE r.period_id = c.period_id AND r.area_level = {stored} AND r.area_code = c.area_code
)"""


def _reference_ctes(reference: str) -> list[str]:
    """`reference_areas` and `reference` for every period of the CTE `periods`."""
    total, share = v.REFERENCES[reference][1]
    stored = {level.api: literal(level.stored) for level in MONITOR_LEVELS}
    areas = _REFERENCE_AREAS.format(
        stat=v.AREA_STATISTIC, area=v.AREA, total=literal(total), share=literal(share)
    )
    combined = _REFERENCE.format(
        area=v.AREA, region_level=stored["region"], gemeente_level=stored["gemeente"]
    )
    return [f"reference_areas AS (\n{areas}\n)", f"reference AS (\n{combined}\n)"]


def reference_estimates_sql(reference: str, year: int) -> str:
    """The published figure a reference_share divides by for a period in `year`, per area:
    `area_level, area_code, households, year` (the CBS year used). The same CTEs as the
    compiled indicator (over a `periods` of one row), so the area page shows the very
    denominator the monitor uses; for SQLite and PostgreSQL (the operational database)."""
    periods = f"periods AS (\nSELECT '' AS period_id, {int(year)} AS reference_year\n)"
    ctes = ",\n".join([periods, *_reference_ctes(reference)])
    return f"WITH {ctes}\nSELECT area_level, area_code, households, year FROM reference"


@dataclass(frozen=True)
class Dialect:
    name: str

    def date(self, day: dt.date) -> str:
        text = f"'{day.isoformat()}'"
        return text if self.name == "sqlite" else f"DATE {text}"

    def days(self, later: str, earlier: str) -> str:
        if self.name == "sqlite":
            return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
        return f"({later} - {earlier})"

    def months(self, day: str) -> str:
        """Year * 12 + month of a date expression."""
        if self.name == "sqlite":
            return (
                f"(CAST(strftime('%Y', {day}) AS INTEGER) * 12"
                f" + CAST(strftime('%m', {day}) AS INTEGER))"
            )
        return (
            f"(CAST(EXTRACT(YEAR FROM {day}) AS INTEGER) * 12"
            f" + CAST(EXTRACT(MONTH FROM {day}) AS INTEGER))"
        )

    def quotient(self, dividend: str, divisor: str) -> str:
        """Integer division (DuckDB's `/` divides as a fraction)."""
        operator = "//" if self.name == "duckdb" else "/"
        return f"(({dividend}) {operator} {divisor})"

    def greatest(self, *values: str) -> str:
        return f"{'MAX' if self.name == 'sqlite' else 'GREATEST'}({', '.join(values)})"

    def least(self, *values: str) -> str:
        return f"{'MIN' if self.name == 'sqlite' else 'LEAST'}({', '.join(values)})"

    @property
    def null_text(self) -> str:
        return "NULL" if self.name == "sqlite" else "CAST(NULL AS text)"


def literal(value: Scalar) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"


def compile_periods(
    indicator: IndicatorComputation,
    *,
    definitions: IndicatorDefinitions,
    periods: Sequence[Period],
    levels: Sequence[str] = ("region",),
    breakdowns: Sequence[str | None] = (None,),
    dialect: str = "sqlite",
) -> str:
    """One statement for the indicator's tables in every period: every level × breakdown (None
    is the total), each row labelled by its period's identifier in a first column `period`; a
    UserError when a level or breakdown is not allowed."""
    return _compile(indicator, definitions, periods, levels, breakdowns, dialect, label=True)


def compile_table(
    indicator: IndicatorComputation,
    *,
    definitions: IndicatorDefinitions,
    period: Period,
    levels: Sequence[str] = ("region",),
    breakdowns: Sequence[str | None] = (None,),
    dialect: str = "sqlite",
) -> str:
    """The statement of `compile_periods` for one period, without the `period` column."""
    return _compile(indicator, definitions, [period], levels, breakdowns, dialect, label=False)


def _compile(
    indicator: IndicatorComputation,
    definitions: IndicatorDefinitions,
    periods: Sequence[Period],
    levels: Sequence[str],
    breakdowns: Sequence[str | None],
    dialect: str,
    *,
    label: bool,
) -> str:
    if not periods or len({p.identifier for p in periods}) != len(periods):
        raise ValueError("periods: at least one, each once")
    if dialect not in DIALECTS:
        message = _("Onbekend SQL-dialect '{name}'. Kies uit: {options}.")
        raise UserError(
            "onbekend-dialect", message.format(name=dialect, options=", ".join(DIALECTS))
        )
    allowed_levels = ["region", *[b for b in indicator.breakdowns if b in v.AREA_LEVELS]]
    for level in levels:
        if level not in allowed_levels:
            message = _("Indicator {code} kan niet per '{level}'. Kies uit: {levels}.")
            raise UserError(
                "niveau-niet-toegestaan",
                message.format(code=indicator.code, level=level, levels=", ".join(allowed_levels)),
            )
    for breakdown in breakdowns:
        if breakdown is not None and (
            breakdown in v.AREA_LEVELS or breakdown not in indicator.breakdowns
        ):
            others = [b for b in indicator.breakdowns if b not in v.AREA_LEVELS]
            message = _(
                "Indicator {code} kan niet worden uitgesplitst naar '{breakdown}'. "
                "Kies uit: {options}."
            )
            raise UserError(
                "uitsplitsing-niet-toegestaan",
                message.format(
                    code=indicator.code, breakdown=breakdown, options=", ".join(others) or "-"
                ),
            )
    populations = {p.code: p for p in definitions.populations}
    ordered_levels = [level for level in LEVELS if level in levels]
    ordered_breakdowns = list(dict.fromkeys(breakdowns))
    return _Compiler(
        indicator,
        populations,
        list(periods),
        ordered_levels,
        ordered_breakdowns,
        Dialect(dialect),
        label=label,
    ).sql()


def compile_indicator(
    indicator: IndicatorComputation,
    *,
    definitions: IndicatorDefinitions,
    period: Period,
    level: str = "region",
    breakdown: str | None = None,
    dialect: str = "sqlite",
) -> str:
    """The statement for one area level and one breakdown (or the total)."""
    return compile_table(
        indicator,
        definitions=definitions,
        period=period,
        levels=(level,),
        breakdowns=(breakdown,),
        dialect=dialect,
    )


def _shifted(name: str, years: int) -> str:
    """The column of `periods` holding the day `name` `years` on."""
    return f"{name}_{'plus' if years >= 0 else 'minus'}_{abs(years)}"


def _years_on(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (earlier when negative); periods start on the 1st."""
    return day.replace(year=day.year + years)


def _and(conditions: list[str], indent: str) -> str:
    return f"\n{indent}AND ".join(conditions) if conditions else "TRUE"


# The period's days as columns of the CTE `periods` (alias `pd` where the facts are read):
# `period_end` is the day after the period, `period_low` the first day a flow or cumulative
# window counts from, `period_last_months` the last day's year * 12 + month (ages on stock
# dates) and `reference_year` the year a published figure may be from at the latest.
_PERIOD_COLUMNS = (
    "period_start",
    "period_end",
    "period_last",
    "period_low",
    "period_last_months",
    "reference_year",
)


class _Compiler:
    def __init__(
        self,
        indicator: IndicatorComputation,
        populations: Mapping[str, Population],
        periods: list[Period],
        levels: list[str],
        breakdowns: list[str | None],
        dialect: Dialect,
        *,
        label: bool,
    ) -> None:
        self.i, self.populations, self.periods = indicator, populations, periods
        self.levels, self.breakdowns, self.d = levels, breakdowns, dialect
        self.label = label  # a first column `period` in the result
        self.by = [b for b in breakdowns if b is not None]  # the breakdown columns
        self.start, self.end, self.last = "pd.period_start", "pd.period_end", "pd.period_last"
        self.low = "pd.period_low"
        self.shifts: set[int] = set()  # the years on (`_years_on`) a filter looks at

    # --- the statement -----------------------------------------------------------------------

    def sql(self) -> str:
        i = self.i
        by = ", ".join(b or "total" for b in self.breakdowns)
        spans = ", ".join(
            f"{p.identifier} [{p.start.isoformat()}, {p.end.isoformat()})" for p in self.periods
        )
        header = (
            f"-- {i.code}: {i.kind} ({i.unit}, window {i.window}), "
            f"{'period' if len(self.periods) == 1 else 'periods'} {spans}, "
            f"by {', '.join(self.levels)} × {by}; {self.d.name}\n"
        )
        if i.kind == "reference_share":
            ctes = self._ctes("", i.source, ()) + _reference_ctes(i.reference)
            result = self._reference_result()
        elif i.numerator_source is not None:
            ctes = self._ctes("numerator_", i.numerator_source, ())
            ctes += self._ctes("denominator_", i.source, ())
            result = self._two_part_result()
        else:
            ctes = self._ctes("", i.source, i.numerator)
            result = self._result()
        # last: the other steps name the shifted days they need
        ctes.insert(0, f"periods AS (\n{self._periods()}\n)")
        return header + "WITH " + ",\n".join(ctes) + "\n" + result + ";\n"

    def _periods(self) -> str:
        """The periods as a relation: a row per period, each of its days a column."""
        programme_start = dt.date.fromisoformat(v.PROGRAMME_START)
        shifts = sorted(self.shifts)
        rows = []
        for p in self.periods:
            low = programme_start if self.i.window == "cumulative" else p.start
            last = p.last_day
            values = [
                self.d.date(p.start),
                self.d.date(p.end),
                self.d.date(last),
                self.d.date(low),
                str(last.year * 12 + last.month),
                str(p.start.year),
            ]
            for k in shifts:
                values += [
                    self.d.date(_years_on(p.start, k)),
                    self.d.date(_years_on(p.end, k)),
                ]
            names = [*_PERIOD_COLUMNS]
            for k in shifts:
                names += [_shifted("period_start", k), _shifted("period_end", k)]
            columns = ", ".join(
                f"{value} AS {name}" for value, name in zip(values, names, strict=True)
            )
            rows.append(f"    SELECT {literal(p.identifier)} AS period_id, {columns}")
        return "\n    UNION ALL\n".join(rows)

    def _period(self, alias: str = "") -> str:
        """The result's first column, when the statement is for a sequence of periods."""
        return f"{alias}period_id AS period, " if self.label else ""

    @property
    def _order(self) -> str:
        return _ORDER.replace("ORDER BY ", "ORDER BY period, ") if self.label else _ORDER

    def _ctes(self, prefix: str, source: Source, numerator: tuple[Filter, ...]) -> list[str]:
        ctes: list[str] = []
        if source.population:
            ctes.append(f"{prefix}facts AS (\n{self._population_facts(source.population)}\n)")
        elif source.latest_per:
            ctes.append(f"{prefix}facts AS (\n{self._latest_facts(source)}\n)")
        from_ = f"{prefix}facts" if ctes else self._table(source).db_table
        ctes.append(f"{prefix}units AS (\n{self._units(source, from_, numerator)}\n)")
        ctes.append(f"{prefix}placed AS (\n{self._placed(source, prefix)}\n)")
        return ctes

    def _groupings(self) -> list[tuple[str, str | None]]:
        return [(level, breakdown) for level in self.levels for breakdown in self.breakdowns]

    def _head(self, level: str, breakdown: str | None) -> str:
        name = literal(breakdown or "")
        return f"{self._period()}'{level}' AS area_level, area_code, {name} AS breakdown, category"

    def _picked(self, prefix: str, level: str, breakdown: str | None, carried: str) -> str:
        """The distinct (area, category, unit, ...) of one grouping; every row for sums."""
        source = self.i.numerator_source if prefix == "numerator_" else self.i.source
        assert source is not None  # noqa: S101 - a numerator prefix means a numerator source
        select = "SELECT" if source.measure in ("years", "sum") else "SELECT DISTINCT"
        category = f"by_{breakdown}" if breakdown else self.d.null_text
        return (
            f"{select} period_id, {level}_code AS area_code, {category} AS category, {carried} "
            f"FROM {prefix}placed"
        )

    def _result(self) -> str:
        kind = self.i.kind
        if kind in _AGGREGATES and kind != "mean_difference" and self.d.name != "sqlite":
            return self._grouping_sets()
        carried = "unit, hit" if kind == "share" else "unit"
        if kind in ("median", "mean_difference"):
            carried = "unit, x"
        selects = []
        for level, breakdown in self._groupings():
            picked = self._picked("", level, breakdown, carried)
            head = self._head(level, breakdown)
            if kind == "median" and self.d.name == "duckdb":
                selects.append(_MEDIAN_AGGREGATE.format(head=head, picked=picked))
                continue
            if kind == "median":
                middle = (
                    f"{self.d.quotient('observations + 1', '2')}, "
                    f"{self.d.quotient('observations + 2', '2')}"
                )
                selects.append(_MEDIAN.format(head=head, picked=picked, middle=middle))
                continue
            aggregates = ",\n    ".join(_AGGREGATES[kind])
            if kind == "mean_difference":
                selects.append(
                    f"SELECT\n    {head},\n    {aggregates}\nFROM ({picked}) AS picked\n"
                    "GROUP BY period_id, area_code, category"
                )
                continue
            # counts of distinct units need no distinct rows first
            group = ["period_id", f"{level}_code"] + ([f"by_{breakdown}"] if breakdown else [])
            category = f"by_{breakdown}" if breakdown else self.d.null_text
            selects.append(
                f"SELECT\n    {self._period()}'{level}' AS area_level, {level}_code AS area_code, "
                f"{literal(breakdown or '')} AS breakdown, {category} AS category,\n"
                f"    {aggregates}\nFROM placed\nGROUP BY {', '.join(group)}"
            )
        return "\nUNION ALL\n".join(selects) + "\n" + self._order

    def _grouping_sets(self) -> str:
        """Counts of distinct units in one pass over `placed` (PostgreSQL, DuckDB): the same
        rows as the UNION ALL form, labelled through GROUPING()."""
        table = self._table(self.i.source)
        levels = self.levels if table.household else ["region"]
        sets = [
            f"(period_id, {level}_code" + (f", by_{breakdown})" if breakdown else ")")
            for level in levels
            for breakdown in self.breakdowns
        ]
        level_case = " ".join(
            f"WHEN GROUPING({level}_code) = 0 THEN '{level}'" for level in levels[:-1]
        )
        area_level = (
            f"CASE {level_case} ELSE '{levels[-1]}' END" if level_case else (f"'{levels[-1]}'")
        )
        area_code = (
            f"COALESCE({', '.join(f'{level}_code' for level in levels)})"
            if len(levels) > 1
            else f"{levels[0]}_code"
        )
        if self.by:
            names = " ".join(f"WHEN GROUPING(by_{b}) = 0 THEN {literal(b)}" for b in self.by)
            values = " ".join(f"WHEN GROUPING(by_{b}) = 0 THEN by_{b}" for b in self.by)
            breakdown = f"CASE {names} ELSE '' END"
            category = f"CASE {values} END"
        else:
            breakdown, category = "''", self.d.null_text
        aggregates = ",\n    ".join(_AGGREGATES[self.i.kind])
        return (
            f"SELECT\n    {self._period()}{area_level} AS area_level,\n"
            f"    {area_code} AS area_code,\n"
            f"    {breakdown} AS breakdown,\n    {category} AS category,\n    {aggregates}\n"
            f"FROM placed\nGROUP BY GROUPING SETS ({', '.join(sets)})\n{self._order}"
        )

    def _two_part_result(self) -> str:
        i = self.i
        assert i.numerator_source is not None  # noqa: S101 - only called for two parts
        selects = []
        for level, breakdown in self._groupings():
            selects.append(
                _TWO_PARTS.format(
                    head=self._head(level, breakdown),
                    scale="100.0" if i.kind in PERCENT_KINDS else "1.0",
                    top=self._aggregate(i.numerator_source),
                    bottom=self._aggregate(i.source),
                    numerator=self._picked(
                        "numerator_", level, breakdown, self._carried(i.numerator_source)
                    ),
                    denominator=self._picked(
                        "denominator_", level, breakdown, self._carried(i.source)
                    ),
                )
            )
        return "\nUNION ALL\n".join(selects) + "\n" + self._order

    def _reference_result(self) -> str:
        stored = {level.api: level.stored for level in MONITOR_LEVELS}
        selects = [
            _REFERENCE_RESULT.format(
                period_r=self._period("r."),
                period_c=self._period("c."),
                level=literal(level),
                stored=literal(stored[level]),
                null=self.d.null_text,
                counted="SELECT period_id, "
                f"{level}_code AS area_code, COUNT(DISTINCT unit) AS units "
                f"FROM placed GROUP BY period_id, {level}_code",
            )
            for level in self.levels
        ]
        return "\nUNION ALL\n".join(selects) + "\n" + self._order

    @staticmethod
    def _carried(source: Source) -> str:
        return "unit" if source.measure == "units" else "unit, x"

    @staticmethod
    def _aggregate(source: Source) -> str:
        if source.measure == "years":
            return f"SUM(x) / {DAYS_PER_YEAR}"
        if source.measure == "sum":
            return "SUM(x)"
        return "COUNT(DISTINCT unit)"

    # --- step 1: the counted rows ------------------------------------------------------------

    def _table(self, source: Source) -> v.FactTable:
        return v.TABLES[source.facts] if source.facts else v.POPULATION_TABLE

    def _counting_date(self, source: Source) -> str:
        """The day a row is placed and a person's age is taken; the last day for intervals."""
        if self.i.window == "stock" or not source.date:
            return self.last
        return f"f.{source.date}"

    def _counting_months(self, source: Source) -> str:
        """Year * 12 + month of the counting date, for ages."""
        if self.i.window == "stock" or not source.date:
            return "pd.period_last_months"
        return self.d.months(f"f.{source.date}")

    def _window(self, source: Source, alias: str = "f") -> list[str]:
        table = self._table(source)
        if source.date:
            column = f"{alias}.{source.date}"
            if self.i.window == "stock":
                return [f"{column} < {self.end}"]
            return [f"{column} >= {self.low}", f"{column} < {self.end}"]
        begin, end = table.interval or ("", "")
        if self.i.window == "stock":
            return [
                f"{alias}.{begin} <= {self.last}",
                f"({alias}.{end} IS NULL OR {alias}.{end} > {self.last})",
            ]
        return [
            f"{alias}.{begin} < {self.end}",
            f"({alias}.{end} IS NULL OR {alias}.{end} > {self.low})",
        ]

    def _row_person(self, source: Source) -> str:
        if source.persons == "members":
            return "member.person_id"
        table = self._table(source)
        return f"f.{table.person}" if table.person else "NULL"

    def _needs_person(self, filters: tuple[Filter, ...], breakdown: bool) -> bool:
        return (breakdown and "age_group" in self.by) or any(f.type == "age" for f in filters)

    def _joins(self, source: Source, numerator: tuple[Filter, ...], residence: bool) -> list[str]:
        """Membership (for members), residence and person joins; without the residence, only
        what the source's own filters need (the latest-reading step)."""
        table, day = self._table(source), self._counting_date(source)
        joins = []
        if source.persons == "members":
            joins.append(
                f"JOIN {v.MEMBERSHIP} AS member\n"
                f"        ON member.household_id = f.household_id\n"
                f"        AND member.valid_from <= {day}\n"
                f"        AND (member.valid_to IS NULL OR member.valid_to > {day})"
            )
        if residence and table.household:
            joins.append(f"JOIN {v.RESIDENCE} AS res\n        ON {self._residence(source)}")
        filters = source.filters + numerator if residence else source.filters
        if self._needs_person(filters, breakdown=residence):
            joins.append(f"JOIN {v.PERSON} AS person ON person.id = {self._row_person(source)}")
        return joins

    def _residence(self, source: Source) -> str:
        if source.date or self.i.window == "stock":
            day = self._counting_date(source)
            conditions = [
                "res.household_id = f.household_id",
                f"res.valid_from <= {day}",
                f"(res.valid_to IS NULL OR res.valid_to > {day})",
            ]
        else:  # every residence while the fact overlapped the window
            begin, end = self._table(source).interval or ("", "")
            conditions = [
                "res.household_id = f.household_id",
                f"res.valid_from < {self.end}",
                f"res.valid_from < COALESCE(f.{end}, {self.end})",
                f"(res.valid_to IS NULL OR (res.valid_to > {self.low}"
                f" AND res.valid_to > f.{begin}))",
            ]
        return _and(conditions, "        ")

    def _latest_facts(self, source: Source) -> str:
        table = self._table(source)
        per = ", ".join(f"f.{self._per_column(table, name)}" for name in source.latest_per)
        conditions = self._window(source) + [self._filter(f, source) for f in source.filters]
        joins = "".join(f"\n    {join}" for join in self._joins(source, (), residence=False))
        return (
            f"    SELECT\n        f.*,\n        pd.period_id AS period_id,\n"
            f"        ROW_NUMBER() OVER (\n"
            f"            PARTITION BY pd.period_id, {per}\n"
            f"            ORDER BY f.{source.date} DESC, f.id DESC\n"
            f"        ) AS latest_rank\n"
            f"    FROM {table.db_table} AS f\n    CROSS JOIN periods AS pd{joins}\n"
            f"    WHERE {_and(conditions, '        ')}"
        )

    def _population_facts(self, code: str) -> str:
        """The population's facts as (household_id, valid_from, valid_to)."""
        parts = []
        for part in self.populations[code].any_of:
            table = self._table(part)
            begin, end = table.interval or ("", "")
            conditions = [self._filter(f, part) for f in part.filters]
            where = f"\n    WHERE {_and(conditions, '        ')}" if conditions else ""
            parts.append(
                f"    SELECT f.household_id, f.{begin} AS valid_from, f.{end} AS valid_to\n"
                f"    FROM {table.db_table} AS f{where}"
            )
        return "\n    UNION ALL\n".join(parts)

    def _units(self, source: Source, from_: str, numerator: tuple[Filter, ...]) -> str:
        table = self._table(source)
        columns = ["pd.period_id AS period_id", f"{self._unit(source)} AS unit"]
        columns.append("res.buurt_id AS buurt_id" if table.household else "NULL AS buurt_id")
        columns += [f"{self._breakdown(source, name)} AS by_{name}" for name in self.by]
        extra = self._extra(source, numerator)
        if extra:
            columns.append(extra)
        conditions: list[str] = []
        if source.latest_per:
            conditions.append("f.latest_rank = 1")
        else:
            conditions += self._window(source)
            conditions += [self._filter(f, source) for f in source.filters]
        conditions += self._value_conditions(source)
        additive = source.measure in ("years", "sum")
        select = "SELECT" if additive else "SELECT DISTINCT"
        joins = "".join(f"\n    {j}" for j in self._joins(source, numerator, residence=True))
        periods = (  # the latest readings are per period already
            "JOIN periods AS pd ON pd.period_id = f.period_id"
            if source.latest_per and not source.population
            else "CROSS JOIN periods AS pd"
        )
        return (
            f"    {select}\n        " + ",\n        ".join(columns) + "\n"
            f"    FROM {from_} AS f\n    {periods}{joins}\n"
            f"    WHERE {_and(conditions, '        ')}"
        )

    def _unit(self, source: Source) -> str:
        if self.i.unit == "household":
            return "f.household_id"
        if self.i.unit == "person":
            return self._row_person(source)
        return f"f.{self._table(source).key}"

    def _extra(self, source: Source, numerator: tuple[Filter, ...]) -> str:
        """The numerator's `hit`, or the value `x` a median, mean or sum is taken of."""
        if numerator:
            hit = _and([self._filter(f, source) for f in numerator], "        ")
            return f"CASE WHEN {hit} THEN 1 ELSE 0 END AS hit"
        if source.measure == "sum":
            return f"f.{source.sum_column} AS x"
        if source.measure == "years":
            return f"{self._years(source)} AS x"
        value = self.i.value
        if value is None or source is not self.i.source:
            return ""
        if value.type == "days_between":
            return f"{self.d.days(f'f.{value.columns[1]}', f'f.{value.columns[0]}')} AS x"
        return f"f.{value.columns[0]} - ({self._first_reading(source, value.columns[0])}) AS x"

    def _years(self, source: Source) -> str:
        """The days of this fact in the period and at this residence that no other fact of the
        household covers already: overlapping facts count once (a second, concurrent contact
        person adds no household-days). A fact starting later (or the same day with a higher
        id) counts from the latest end of those before it; those together cover every day
        from their first start to that end that this fact could add."""
        table = self._table(source)
        begin, end = table.interval or ("", "")
        until = self.d.least(
            f"COALESCE(f.{end}, {self.end})", f"COALESCE(res.valid_to, {self.end})", self.end
        )
        covered = (
            f"COALESCE((SELECT MAX(COALESCE(o.{end}, {self.end})) FROM {table.db_table} AS o"
            f" WHERE o.household_id = f.household_id AND (o.{begin} < f.{begin}"
            f" OR (o.{begin} = f.{begin} AND o.id < f.id))), f.{begin})"
        )
        since = self.d.greatest(f"f.{begin}", "res.valid_from", self.low, covered)
        return self.d.greatest(self.d.days(until, since), "0")

    def _first_reading(self, source: Source, column: str) -> str:
        table = self._table(source)
        return (
            f"SELECT first.{column} FROM {table.db_table} AS first "
            f"WHERE {self._same(table, source.latest_per, 'first')} "
            f"ORDER BY first.{source.date}, first.id LIMIT 1"
        )

    def _value_conditions(self, source: Source) -> list[str]:
        value = self.i.value
        if value is None or value.type != "change_since_first" or source is not self.i.source:
            return []
        table = self._table(source)
        return [
            f"EXISTS (SELECT 1 FROM {table.db_table} AS earlier "
            f"WHERE {self._same(table, source.latest_per, 'earlier')} "
            f"AND earlier.{source.date} < f.{source.date})"
        ]

    def _same(self, table: v.FactTable, names: tuple[str, ...], alias: str) -> str:
        columns = [self._per_column(table, name) for name in names]
        return " AND ".join(f"{alias}.{c} = f.{c}" for c in columns)

    @staticmethod
    def _per_column(table: v.FactTable, name: str) -> str:
        if name in ("person", "household"):
            return str(getattr(table, name))
        return table.columns[name]

    def _breakdown(self, source: Source, name: str) -> str:
        if name == "age_group":
            age = self._age("person", self._counting_months(source))
            cases = " ".join(
                f"WHEN {age} <= {high} THEN '{name}'" for name, _low, high in v.AGE_GROUPS if high
            )
            last = v.AGE_GROUPS[-1][0]
            return f"CASE WHEN person.birth_year IS NULL THEN 'onbekend' {cases} ELSE '{last}' END"
        grouping = AreaGrouping.from_breakdown(name)
        if grouping is not None:  # the dorp (experiment area) the household lived in on the
            # counting date; '' outside one; in two (overlapping experiments): the first code
            alias = grouping.breakdown
            return (
                f"(SELECT MIN({alias}.code) FROM {v.AREA_GROUP_MEMBER} AS member "
                f"JOIN {v.AREA_GROUP} AS {alias} ON {alias}.id = member.areagroup_id "
                f"WHERE member.area_id = res.buurt_id AND {alias}.kind = {literal(grouping.kind)})"
            )
        column = self._table(source).breakdowns[name]
        if name == "partner":
            return f"(SELECT code FROM {v.PARTNER} WHERE id = f.{column})"
        return f"f.{column}"

    def _age(self, person: str, months: str) -> str:
        """Age in whole years; a person born in an unknown month counts from January."""
        born = f"({person}.birth_year * 12 + COALESCE({person}.birth_month, 1))"
        return self.d.quotient(f"{months} - {born}", "12")

    # --- filters -----------------------------------------------------------------------------

    def _filter(self, f: Filter, source: Source) -> str:
        table, day = self._table(source), self._counting_date(source)
        if f.type == "column":
            return self._compare(f"f.{table.columns[f.column]}", f.op, f.value)
        if f.type == "population":
            return (
                f"(pd.period_id, f.household_id) IN (\n"
                f"{self._population(f.name, f.window)}\n        )"
            )
        if f.type == "age":
            return self._between(self._age("person", self._counting_months(source)), f.low, f.high)
        if f.type == "outcome":
            return (
                f"(SELECT o.value FROM {v.OUTCOME} AS o"
                f" WHERE o.person_id = {self._row_person(source)}"
                f" AND o.kind = {literal(f.name)} AND o.observed_on <= {day}"
                " ORDER BY o.observed_on DESC, o.id DESC LIMIT 1) = TRUE"
            )
        if f.type == "intervention":
            code = literal(f.name)
            return f"f.intervention_id IN (SELECT id FROM {v.INTERVENTION} WHERE code = {code})"
        if f.type == "member_aged":
            age = self._between(self._age("mp", self._counting_months(source)), f.low, f.high)
            return (
                f"EXISTS (SELECT 1 FROM {v.MEMBERSHIP} AS m"
                f" JOIN {v.PERSON} AS mp ON mp.id = m.person_id"
                f" WHERE m.household_id = f.household_id AND m.valid_from <= {day}"
                f" AND (m.valid_to IS NULL OR m.valid_to > {day}) AND {age})"
            )
        if f.type == "active":
            other = v.TABLES[f.name]
            begin, end = other.interval or (other.dates[0], other.dates[0])
            return (
                f"(SELECT COUNT(*) FROM {other.db_table} AS a WHERE a.household_id = f.household_id"
                f" AND a.{begin} <= {day} AND (a.{end} IS NULL OR a.{end} > {day})) = {f.count}"
            )
        other_fact = {
            "preceded": lambda: self._takes_over(source),
            "in_years": lambda: self._in_years(f, source),
            "not_in_years": lambda: self._in_years(f, source),
            "grew_up_in": lambda: self._grew_up_in(f, source),
            "not_grew_up_in": lambda: self._grew_up_in(f, source),
        }.get(f.type)
        if other_fact is not None:
            return other_fact()
        if f.type == "repeated":
            return (
                f"(SELECT COUNT(*) FROM {table.db_table} AS r WHERE {self._same(table, f.per, 'r')}"
                f" AND r.{source.date} < {self.end}) >= {f.count}"
            )
        days = self.d.days(f"f.{f.columns[1]}", f"f.{f.columns[0]}")
        return self._compare(days, f.op, f.value)

    def _overlaps(self, f: Filter, source: Source, years: int, alias: str) -> str:
        """A fact of table `f.name` of the row's person overlapping the period `years` on."""
        other = v.TABLES[f.name]
        begin, end = other.interval or ("", "")
        self.shifts.add(years)
        low, high = f"pd.{_shifted('period_start', years)}", f"pd.{_shifted('period_end', years)}"
        return (
            f"EXISTS (SELECT 1 FROM {other.db_table} AS {alias}"
            f" WHERE {alias}.{other.person} = {self._row_person(source)}"
            f" AND {alias}.{begin} < {high} AND ({alias}.{end} IS NULL OR {alias}.{end} > {low}))"
        )

    def _in_years(self, f: Filter, source: Source) -> str:
        """In each of the periods `low`..`high` years on (in_years), or in none (not_in_years)."""
        high = 0 if f.high is None else f.high
        offsets = range(f.low, high + 1)
        each = [self._overlaps(f, source, k, f"y{n}") for n, k in enumerate(offsets)]
        if f.type == "in_years":
            return "(" + " AND ".join(each) + ")"
        return "NOT (" + " OR ".join(each) + ")"

    def _grew_up_in(self, f: Filter, source: Source) -> str:
        """A fact of table `f.name` up to the end of the period, in a year in which the row's
        person was `low`..`high` years old (the fact's year minus the birth year); or none
        (not_grew_up_in)."""
        other = v.TABLES[f.name]
        person = self._row_person(source)
        begin = (other.interval or ("",))[0]
        born = f"(SELECT bp.birth_year FROM {v.PERSON} AS bp WHERE bp.id = {person})"
        age = self._between(f"g.{other.columns['year']} - {born}", f.low, f.high)
        negation = "NOT " if f.type == "not_grew_up_in" else ""
        return (
            f"{negation}EXISTS (SELECT 1 FROM {other.db_table} AS g"
            f" WHERE g.{other.person} = {person} AND g.{begin} < {self.end} AND {age})"
        )

    def _takes_over(self, source: Source) -> str:
        """The fact takes over from an earlier one of the household (ADR 0017): for facts with
        an end, an earlier one ended on its first day or at most `HANDOVER_DAYS` before it, so
        a second, concurrent fact is no change and a new start after a long gap neither; for
        facts without an end, any earlier one of the household."""
        table = self._table(source)
        begin = source.date or (table.interval or ("",))[0]
        earlier = (
            f"SELECT 1 FROM {table.db_table} AS earlier"
            f" WHERE earlier.household_id = f.household_id AND earlier.{begin} < f.{begin}"
        )
        if not table.interval:
            return f"EXISTS ({earlier})"
        end = table.interval[1]
        gap = self.d.days(f"f.{begin}", f"earlier.{end}")
        return f"EXISTS ({earlier} AND earlier.{end} <= f.{begin} AND {gap} <= {HANDOVER_DAYS})"

    def _compare(self, column: str, op: str, value: object) -> str:
        if op == "present":
            return f"{column} IS NOT NULL"
        if op == "absent":
            return f"{column} IS NULL"
        if op == "in" and isinstance(value, tuple):
            return f"{column} IN ({', '.join(literal(x) for x in value)})"
        assert isinstance(value, str | int | bool)  # noqa: S101 - the parser checked it
        return f"{column} {_OPS[op]} {literal(value)}"

    @staticmethod
    def _between(age: str, low: int, high: int | None) -> str:
        return f"{age} >= {low}" if high is None else f"{age} BETWEEN {low} AND {high}"

    def _population(self, code: str, window: str) -> str:
        """(period, household) of a population within each of the periods: its own `pd`, so
        the subquery is the same for every row (one hash table, not a lookup per row)."""
        selects = []
        for part in self.populations[code].any_of:
            table = self._table(part)
            begin, end = table.interval or ("", "")
            if window == "stock":
                bounds = [
                    f"p.{begin} <= {self.last}",
                    f"(p.{end} IS NULL OR p.{end} > {self.last})",
                ]
            else:
                since = (
                    self.low
                    if window == "flow"
                    else self.d.date(dt.date.fromisoformat(v.PROGRAMME_START))
                )
                bounds = [f"p.{begin} < {self.end}", f"(p.{end} IS NULL OR p.{end} > {since})"]
            own = [
                self._compare(f"p.{table.columns[f.column]}", f.op, f.value) for f in part.filters
            ]
            selects.append(
                f"            SELECT pd.period_id, p.household_id\n"
                f"            FROM periods AS pd CROSS JOIN {table.db_table} AS p\n"
                f"            WHERE {_and(own + bounds, '                ')}"
            )
        return "\n            UNION\n".join(selects)

    # --- step 2: areas -----------------------------------------------------------------------

    def _placed(self, source: Source, prefix: str) -> str:
        table = self._table(source)
        carried = ", ".join(
            ["units.period_id", "units.unit"]
            + [f"units.by_{name}" for name in self.by]
            + (["units.hit"] if self.i.kind == "share" and not self.i.numerator_source else [])
            + (
                ["units.x"]
                if self.i.kind in ("median", "mean_difference") or source.measure != "units"
                else []
            )
        )
        if not table.household:
            return (
                f"    SELECT region.code AS region_code, {carried}\n"
                f"    FROM {prefix}units AS units\n"
                f"    CROSS JOIN {v.AREA} AS region\n"
                f"    WHERE region.level = 'regio'"
            )
        codes = ", ".join(f"{level}.code AS {level}_code" for level in reversed(LEVELS))
        return (
            f"    SELECT {codes}, {carried}\n"
            f"    FROM {prefix}units AS units\n"
            f"    JOIN {v.AREA} AS buurt ON buurt.id = units.buurt_id\n"
            f"    JOIN {v.AREA} AS wijk ON wijk.id = buurt.parent_id\n"
            f"    JOIN {v.AREA} AS gemeente ON gemeente.id = wijk.parent_id\n"
            f"    JOIN {v.AREA} AS region ON region.id = gemeente.parent_id"
        )
