"""Indicator computation definitions as immutable values: what a valid definitions file says."""

from dataclasses import dataclass

Scalar = str | int | bool


@dataclass(frozen=True)
class Filter:
    """One condition on a fact row. `type` says which of the other fields count:

    - column: `column` `op` `value` (ops in vocabulary.OPS; present/absent take no value)
    - population: the row's household belongs to population `name` in `window`
    - age: the row's person is `low`..`high` years old on the counting date (`high` None: no
      upper bound)
    - outcome: the row's person's latest outcome `name` on or before the counting date is true
    - intervention: the enrolment is in intervention `name`
    - member_aged: the household has a member aged `low`..`high` on the counting date
    - active: the household has exactly `count` facts of table `name` active on the counting date
    - preceded: the fact takes over from an earlier one of the household in the same table:
      for facts with an end, an earlier one ended on its first day or at most
      `compiler.HANDOVER_DAYS` before (a second, concurrent contact person is no change)
    - repeated: at least `count` facts in the same table with equal `per` columns, up to the end
      of the window
    - days_between: the days from `columns[0]` to `columns[1]` `op` `value`
    - in_years: the row's person has a fact of table `name` overlapping each of the periods
      `low`..`high` years from the indicator's period (0: the period itself; -3: three years
      before): "four years in a row" is [-3, 0]
    - not_in_years: ... in none of those periods
    - grew_up_in: the row's person has a fact of table `name` (up to the end of the period) in a
      year in which they were `low`..`high` years old (the fact's year minus the birth year)
    - not_grew_up_in: ... in no such year
    """

    type: str
    line: int
    column: str = ""
    op: str = ""
    value: Scalar | tuple[Scalar, ...] | None = None
    name: str = ""
    window: str = "flow"
    low: int = 0
    high: int | None = None
    count: int = 0
    per: tuple[str, ...] = ()
    columns: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Source:
    """The rows counted: a fact table (or a population of households) with filters."""

    facts: str  # a fact table, or "" when `population` is the base
    population: str
    date: str  # the counting date column; "" for facts counted by their interval
    filters: tuple[Filter, ...]
    latest_per: tuple[str, ...]  # keep only the latest row per these columns
    persons: str  # "fact" (the row's person) or "members" (the household's members)
    measure: str  # "units" (count distinct units), "years" or "sum"
    sum_column: str
    line: int


@dataclass(frozen=True)
class ValueExpression:
    """What a median or mean is taken of: days between two dates, or change since the first."""

    type: str  # "days_between" or "change_since_first"
    columns: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorComputation:
    code: str
    kind: str
    unit: str
    window: str
    source: Source  # the denominator for shares; the numerator's source for ratios
    numerator: tuple[Filter, ...]  # a share of `source`: the rows that also meet these
    numerator_source: Source | None  # ratios and shares of two sums: counted on its own
    value: ValueExpression | None
    breakdowns: tuple[str, ...]
    note: str
    line: int
    lines: tuple[tuple[str, int], ...] = ()  # (field, line) for messages about one field
    # What the disclosure gate must know (ADR 0012): breakdowns whose categories are equal
    # (every unit counts once in each), and indicators whose numerator equals this one's.
    equal_categories: tuple[str, ...] = ()
    same_numerator: tuple[str, ...] = ()
    # what a count counts (ADR 0033): "persons" (households, people: small counts are
    # suppressed) or "organisations" (partners' deliveries: no small-number suppression)
    counts: str = "persons"
    # reference_share: the published figure divided by (`vocabulary.REFERENCES`)
    reference: str = ""

    def line_of(self, field: str) -> int:
        return dict(self.lines).get(field, self.line)


@dataclass(frozen=True)
class Population:
    code: str
    description: str
    any_of: tuple[Source, ...]
    line: int


@dataclass(frozen=True)
class WaitingIndicator:
    code: str
    waits_for: str
    line: int


@dataclass(frozen=True)
class IndicatorDefinitions:
    populations: tuple[Population, ...]
    indicators: tuple[IndicatorComputation, ...]
    waiting: tuple[WaitingIndicator, ...]

    def get(self, code: str) -> IndicatorComputation | None:
        return next((i for i in self.indicators if i.code == code), None)

    def population(self, code: str) -> Population | None:
        return next((p for p in self.populations if p.code == code), None)
