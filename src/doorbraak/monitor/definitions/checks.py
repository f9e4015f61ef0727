"""What cannot be computed: checks of a built filter or indicator against its fact table.

Each check returns (line, code, Dutch message) triples; the builder logs them. One function
per rule; the rule tables below fix the order in which problems are reported.
"""

from collections.abc import Iterator
from gettext import gettext as _
from typing import Final, Protocol

from doorbraak.core.definitions.problems import did_you_mean
from doorbraak.monitor.definitions import vocabulary as v
from doorbraak.monitor.definitions.model import Filter, IndicatorComputation, Source

Found = list[tuple[int, str, str]]
FilterProblems = Iterator[tuple[str, str]]  # (code, Dutch message), on the filter's line
IndicatorProblems = Iterator[tuple[str, str, str]]  # (field, code, Dutch message): field's line

_VALUE_KINDS: Final = ("median", "mean_difference")  # the kinds that take a 'value'


class _FilterRule(Protocol):
    def __call__(self, *, f: Filter, source: Source, table: v.FactTable) -> FilterProblems: ...


class _SourceRule(Protocol):
    def __call__(
        self, *, i: IndicatorComputation, source: Source, table: v.FactTable
    ) -> IndicatorProblems: ...


class _IndicatorRule(Protocol):
    def __call__(self, *, i: IndicatorComputation) -> IndicatorProblems: ...


def row_person(source: Source) -> bool:
    table = v.TABLES.get(source.facts)
    return source.persons == "members" or bool(table and table.person)


def filter_problems(f: Filter, source: Source) -> Found:
    """What cannot be computed for this filter on this source."""
    table = _table(source)
    return [
        (f.line, code, message)
        for rule in _FILTER_RULES
        for code, message in rule(f=f, source=source, table=table)
    ]


def indicator_problems(i: IndicatorComputation) -> Found:
    """What cannot be computed for this indicator: the rules on each source (the base, then
    the numerator's own), then the rules on the indicator as a whole."""
    sources = [i.source] + ([i.numerator_source] if i.numerator_source else [])
    problems = [
        problem
        for source in sources
        for rule in _SOURCE_RULES
        for problem in rule(i=i, source=source, table=_table(source))
    ]
    problems += [problem for rule in _INDICATOR_RULES for problem in rule(i=i)]
    return [(i.line_of(field), code, message) for field, code, message in problems]


def _table(source: Source) -> v.FactTable:
    return v.TABLES.get(source.facts, v.POPULATION_TABLE)


# --- filters -------------------------------------------------------------------------------


def _filter_column_known(*, f: Filter, source: Source, table: v.FactTable) -> FilterProblems:
    if f.type == "column" and f.column and f.column not in table.columns:
        message = _("Onbekende kolom '{column}' voor '{facts}'.")
        message += did_you_mean(f.column, table.columns)
        yield "onbekende-kolom", message.format(column=f.column, facts=table.name)


def _filter_on_person(*, f: Filter, source: Source, table: v.FactTable) -> FilterProblems:
    if f.type in ("age", "outcome", *YEAR_FILTERS) and not row_person(source):
        message = _("Dit filter gaat over een persoon; '{facts}' heeft geen persoon.")
        yield "geen-persoon", message.format(facts=table.name)


def _filter_on_household(*, f: Filter, source: Source, table: v.FactTable) -> FilterProblems:
    if f.type in ("population", "member_aged", "active", "preceded") and not table.household:
        message = _("Dit filter gaat over een huishouden; '{facts}' heeft er geen.")
        yield "geen-huishouden", message.format(facts=table.name)


def _filter_on_enrolments(*, f: Filter, source: Source, table: v.FactTable) -> FilterProblems:
    if f.type == "intervention" and table.name != "enrolments":
        yield "filter-past-niet", _("Een filter op interventie kan alleen op 'enrolments'.")


def _filter_on_facts(*, f: Filter, source: Source, table: v.FactTable) -> FilterProblems:
    if f.type in ("preceded", "repeated") and not source.facts:
        message = _("Dit filter kan alleen op een feitentabel, niet op een groep.")
        yield "filter-past-niet", message


def _filter_per_known(*, f: Filter, source: Source, table: v.FactTable) -> FilterProblems:
    if f.type != "repeated":
        return
    allowed = {"person", "household", *table.columns}
    for name in f.per:
        if name not in allowed:
            message = _("Onbekende kolom '{column}' in 'per'.")
            yield "onbekende-kolom", message.format(column=name)


YEAR_FILTERS = ("in_years", "not_in_years", "grew_up_in", "not_grew_up_in")


def _filter_years_table(*, f: Filter, source: Source, table: v.FactTable) -> FilterProblems:
    """in_years, not_in_years and grew_up_in read a person table with a begin and an end (and
    a `year` for grew_up_in); years are a closed range of offsets."""
    if f.type not in YEAR_FILTERS or f.name not in v.TABLES:
        return
    other = v.TABLES[f.name]
    if other.person is None or other.interval is None:
        message = _("'{facts}' heeft geen persoon met een begin en een einde.")
        yield "filter-past-niet", message.format(facts=f.name)
    if f.type.endswith("grew_up_in") and "year" not in other.columns:
        yield "filter-past-niet", _("'{facts}' heeft geen jaar.").format(facts=f.name)
    if f.type.endswith("in_years") and f.high is None:
        yield "ongeldige-waarde", _("Geef de jaren als [van, tot en met], bijvoorbeeld [-3, 0].")


def _filter_dates_known(*, f: Filter, source: Source, table: v.FactTable) -> FilterProblems:
    if f.type == "days_between":
        yield from _dates_unknown(columns=f.columns, table=table)


def _dates_unknown(*, columns: tuple[str, ...], table: v.FactTable) -> FilterProblems:
    for name in columns:
        if name not in table.dates:
            message = _("'{column}' is geen datumkolom van '{facts}'.")
            yield "onbekende-datum", message.format(column=name, facts=table.name)


_FILTER_RULES: tuple[_FilterRule, ...] = (
    _filter_column_known,
    _filter_on_person,
    _filter_on_household,
    _filter_on_enrolments,
    _filter_on_facts,
    _filter_per_known,
    _filter_years_table,
    _filter_dates_known,
)


# --- indicators: each source ---------------------------------------------------------------


def _source_unit(
    *, i: IndicatorComputation, source: Source, table: v.FactTable
) -> IndicatorProblems:
    """The unit counted must be on the rows: a person, a household, or a fact."""
    if i.unit == "person" and not row_person(source):
        message = _(
            "Eenheid 'person', maar '{facts}' heeft geen persoon. Gebruik "
            "'persons: members' om de leden van het huishouden te tellen."
        )
        yield "unit", "geen-persoon", message.format(facts=table.name)
    if i.unit != "fact" and not table.household:
        message = _(
            "Eenheid '{unit}', maar '{facts}' gaat niet over een huishouden. Gebruik 'unit: fact'."
        )
        yield "unit", "geen-huishouden", message.format(unit=i.unit, facts=table.name)
    if i.unit == "fact" and not source.facts:
        message = _("Een groep huishoudens telt huishoudens: 'unit: household'.")
        yield "", "eenheid-past-niet", message


def _source_members(
    *, i: IndicatorComputation, source: Source, table: v.FactTable
) -> IndicatorProblems:
    if source.persons == "members" and not (
        table.household and (source.date or i.window == "stock")
    ):
        message = _(
            "'persons: members' telt de leden op de teldatum; geef "
            "een 'date' of gebruik 'window: stock'."
        )
        yield "", "leden-zonder-teldatum", message


def _source_latest(
    *, i: IndicatorComputation, source: Source, table: v.FactTable
) -> IndicatorProblems:
    """'window: latest' needs the date of a reading and what it is the latest per."""
    if i.window != "latest":
        return
    if not source.date:
        message = _("'window: latest' kiest de laatste meting: geef een 'date'.")
        yield "", "venster-past-niet", message
    if not source.latest_per:
        message = _(
            "Geef met 'latest_per' aan per wat de laatste meting "
            "telt, bijvoorbeeld [person, capital]."
        )
        yield "", "laatste-per-ontbreekt", message


def _source_breakdowns(
    *, i: IndicatorComputation, source: Source, table: v.FactTable
) -> IndicatorProblems:
    for breakdown in i.breakdowns:
        reason = _breakdown_problem(breakdown, source, table)
        if reason:
            message = reason.format(breakdown=breakdown, facts=table.name)
            yield "breakdowns", "uitsplitsing-niet-mogelijk", message


def _breakdown_problem(breakdown: str, source: Source, table: v.FactTable) -> str:
    if breakdown in v.AREA_LEVELS:
        return "" if table.household else _("'{facts}' heeft geen gebied: alleen de regio telt.")
    if breakdown == "dorp":
        return "" if table.household else _("'{facts}' heeft geen gebied: geen dorp.")
    if breakdown == "experiment":
        return "" if table.household else _("'{facts}' heeft geen gebied: geen experimentgebied.")
    if breakdown == "age_group":
        return "" if row_person(source) else _("'{facts}' heeft geen persoon voor 'age_group'.")
    if breakdown == "programme_line":
        return _(
            "Registerfeiten horen niet bij een programmalijn; uitsplitsen naar programmalijn "
            "kan alleen over indicatoren heen, op het dashboard."
        )
    if breakdown not in table.breakdowns:
        return _("'{facts}' kan niet worden uitgesplitst naar '{breakdown}'.")
    return ""


_SOURCE_RULES: tuple[_SourceRule, ...] = (
    _source_unit,
    _source_members,
    _source_latest,
    _source_breakdowns,
)


# --- indicators: as a whole ----------------------------------------------------------------


def _value_needed(*, i: IndicatorComputation) -> IndicatorProblems:
    """A median or mean difference has a 'value', other kinds have none."""
    if i.kind in _VALUE_KINDS and i.value is None:
        message = _("Een '{kind}' heeft een 'value' nodig.")
        yield "", "waarde-ontbreekt", message.format(kind=i.kind)
    if i.kind not in _VALUE_KINDS and i.value is not None:
        message = _("Alleen een mediaan of gemiddeld verschil heeft een 'value'.")
        yield "", "waarde-niet-nodig", message


def _value_fits_kind(*, i: IndicatorComputation) -> IndicatorProblems:
    if i.value is None:
        return
    if i.kind == "median" and i.value.type != "days_between":
        yield "", "waarde-past-niet", _("Een mediaan wordt genomen van 'days_between'.")
    if i.kind == "mean_difference" and i.value.type != "change_since_first":
        message = _("Een gemiddeld verschil wordt genomen van 'change_since_first'.")
        yield "", "waarde-past-niet", message


def _value_columns_known(*, i: IndicatorComputation) -> IndicatorProblems:
    """The value's columns are on the base source's table (and the change is per something)."""
    if i.value is None:
        return
    table = _table(i.source)
    if i.value.type == "change_since_first" and not i.source.latest_per:
        message = _("'change_since_first' vergelijkt per 'latest_per'.")
        yield "", "laatste-per-ontbreekt", message
    if i.value.type == "days_between":
        for code, message in _dates_unknown(columns=i.value.columns, table=table):
            yield "", code, message
    if i.value.type == "change_since_first" and i.value.columns[0] not in table.columns:
        message = _("Onbekende kolom '{column}' voor '{facts}'.")
        yield "", "onbekende-kolom", message.format(column=i.value.columns[0], facts=table.name)


def _ratio_parts(*, i: IndicatorComputation) -> IndicatorProblems:
    if i.kind == "ratio" and i.numerator_source is None:
        message = _("Een verhouding (ratio) heeft een teller en een noemer als eigen blok.")
        yield "", "teller-noemer-onvolledig", message


def _equal_categories_broken_down(*, i: IndicatorComputation) -> IndicatorProblems:
    """Equal categories are categories of one of the indicator's own (non-area) breakdowns."""
    for breakdown in i.equal_categories:
        if breakdown not in i.breakdowns or breakdown in v.AREA_LEVELS:
            message = _(
                "'{breakdown}' staat niet bij de uitsplitsingen van deze indicator (geen gebied): "
                "alleen de categorieën van een eigen uitsplitsing kunnen gelijk zijn."
            )
            yield "disclosure", "gelijke-categorieen-onbekend", message.format(breakdown=breakdown)


def _numerator_counted(*, i: IndicatorComputation) -> IndicatorProblems:
    """Only a count or a share has a numerator that counts units."""
    if i.same_numerator and i.kind not in _COUNTED_NUMERATOR:
        message = _(
            "Een '{kind}' heeft geen teller die eenheden telt; 'same_numerator' past hier niet."
        )
        yield "disclosure", "zelfde-teller-past-niet", message.format(kind=i.kind)


def _reference_parts(*, i: IndicatorComputation) -> IndicatorProblems:
    """A reference share divides the units it counts by a published figure per area: it has
    a 'reference', no breakdown other than areas, and no other kind has a reference."""
    if i.kind == "reference_share" and not i.reference:
        message = _(
            "Een aandeel van een gepubliceerd cijfer (reference_share) heeft een 'reference' "
            "nodig: {names}."
        )
        yield "", "referentie-ontbreekt", message.format(names=", ".join(v.REFERENCES))
    if i.kind != "reference_share" and i.reference:
        message = _(
            "Alleen een aandeel van een gepubliceerd cijfer (reference_share) heeft een "
            "'reference'."
        )
        yield "reference", "referentie-niet-nodig", message
    if i.kind == "reference_share" and any(b not in v.AREA_LEVELS for b in i.breakdowns):
        message = _(
            "Een gepubliceerd cijfer is er per gebied, niet per categorie: uitsplitsen kan "
            "alleen naar gemeente en wijk."
        )
        yield "breakdowns", "uitsplitsing-niet-mogelijk", message


_COUNTED_NUMERATOR = ("count", "count_distinct", "share", "ratio", "median", "reference_share")
_INDICATOR_RULES: tuple[_IndicatorRule, ...] = (
    _value_needed,
    _value_fits_kind,
    _value_columns_known,
    _ratio_parts,
    _equal_categories_broken_down,
    _numerator_counted,
    _reference_parts,
)
