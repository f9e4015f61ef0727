"""What cannot be computed: checks of a built filter or indicator against its fact table.

Each check returns (line, code, Dutch message) triples; the builder logs them.
"""

from gettext import gettext as _

from doorbraak.core.definitions.problems import did_you_mean
from doorbraak.monitor.definitions import vocabulary as v
from doorbraak.monitor.definitions.model import Filter, IndicatorComputation, Source

Found = list[tuple[int, str, str]]


def row_person(source: Source) -> bool:
    table = v.TABLES.get(source.facts)
    return source.persons == "members" or bool(table and table.person)


def filter_problems(f: Filter, source: Source) -> Found:
    """What cannot be computed for this filter on this source."""
    table = v.TABLES.get(source.facts, v.POPULATION_TABLE)
    found: Found = []

    def add(code: str, message: str, **values: object) -> None:
        found.append((f.line, code, message.format(**values)))

    if f.type == "column" and f.column and f.column not in table.columns:
        hint = did_you_mean(f.column, table.columns)
        add(
            "onbekende-kolom",
            _("Onbekende kolom '{column}' voor '{facts}'.") + hint,
            column=f.column,
            facts=table.name,
        )
    if f.type in ("age", "outcome") and not row_person(source):
        add(
            "geen-persoon",
            _("Dit filter gaat over een persoon; '{facts}' heeft geen persoon."),
            facts=table.name,
        )
    if f.type in ("population", "member_aged", "active", "preceded") and not table.household:
        add(
            "geen-huishouden",
            _("Dit filter gaat over een huishouden; '{facts}' heeft er geen."),
            facts=table.name,
        )
    if f.type == "intervention" and table.name != "enrolments":
        add("filter-past-niet", _("Een filter op interventie kan alleen op 'enrolments'."))
    if f.type in ("preceded", "repeated") and not source.facts:
        add("filter-past-niet", _("Dit filter kan alleen op een feitentabel, niet op een groep."))
    if f.type == "repeated":
        allowed = {"person", "household", *table.columns}
        for name in f.per:
            if name not in allowed:
                add("onbekende-kolom", _("Onbekende kolom '{column}' in 'per'."), column=name)
    if f.type == "days_between":
        for name in f.columns:
            if name not in table.dates:
                add(
                    "onbekende-datum",
                    _("'{column}' is geen datumkolom van '{facts}'."),
                    column=name,
                    facts=table.name,
                )
    return found


def indicator_problems(i: IndicatorComputation) -> Found:
    found: Found = []
    sources = [i.source] + ([i.numerator_source] if i.numerator_source else [])

    def add(code: str, message: str, field: str = "", **values: object) -> None:
        found.append((i.line_of(field), code, message.format(**values)))

    for source in sources:
        table = v.TABLES.get(source.facts, v.POPULATION_TABLE)
        if i.unit == "person" and not row_person(source):
            add(
                "geen-persoon",
                _(
                    "Eenheid 'person', maar '{facts}' heeft geen persoon. Gebruik "
                    "'persons: members' om de leden van het huishouden te tellen."
                ),
                "unit",
                facts=table.name,
            )
        if i.unit != "fact" and not table.household:
            add(
                "geen-huishouden",
                _(
                    "Eenheid '{unit}', maar '{facts}' gaat niet over een "
                    "huishouden. Gebruik 'unit: fact'."
                ),
                "unit",
                unit=i.unit,
                facts=table.name,
            )
        if i.unit == "fact" and not source.facts:
            add(
                "eenheid-past-niet", _("Een groep huishoudens telt huishoudens: 'unit: household'.")
            )
        if source.persons == "members" and not (
            table.household and (source.date or i.window == "stock")
        ):
            add(
                "leden-zonder-teldatum",
                _(
                    "'persons: members' telt de leden op de teldatum; geef "
                    "een 'date' of gebruik 'window: stock'."
                ),
            )
        if i.window == "latest" and not source.date:
            add(
                "venster-past-niet", _("'window: latest' kiest de laatste meting: geef een 'date'.")
            )
        if (i.window == "latest") != bool(source.latest_per) and i.window == "latest":
            add(
                "laatste-per-ontbreekt",
                _(
                    "Geef met 'latest_per' aan per wat de laatste meting "
                    "telt, bijvoorbeeld [person, capital]."
                ),
            )
        for breakdown in i.breakdowns:
            reason = _breakdown_problem(breakdown, source, table)
            if reason:
                add(
                    "uitsplitsing-niet-mogelijk",
                    reason,
                    "breakdowns",
                    breakdown=breakdown,
                    facts=table.name,
                )
    if i.kind in ("median", "mean_difference") and i.value is None:
        add("waarde-ontbreekt", _("Een '{kind}' heeft een 'value' nodig."), kind=i.kind)
    if i.kind not in ("median", "mean_difference") and i.value is not None:
        add("waarde-niet-nodig", _("Alleen een mediaan of gemiddeld verschil heeft een 'value'."))
    if i.value is not None and i.kind == "median" and i.value.type != "days_between":
        add("waarde-past-niet", _("Een mediaan wordt genomen van 'days_between'."))
    if i.value is not None and i.kind == "mean_difference" and i.value.type != "change_since_first":
        add("waarde-past-niet", _("Een gemiddeld verschil wordt genomen van 'change_since_first'."))
    if i.value is not None and i.value.type == "change_since_first" and not i.source.latest_per:
        add("laatste-per-ontbreekt", _("'change_since_first' vergelijkt per 'latest_per'."))
    if i.value is not None and i.value.type == "days_between":
        table = v.TABLES.get(i.source.facts, v.POPULATION_TABLE)
        for name in i.value.columns:
            if name not in table.dates:
                add(
                    "onbekende-datum",
                    _("'{column}' is geen datumkolom van '{facts}'."),
                    column=name,
                    facts=table.name,
                )
    if i.value is not None and i.value.type == "change_since_first":
        table = v.TABLES.get(i.source.facts, v.POPULATION_TABLE)
        if i.value.columns[0] not in table.columns:
            add(
                "onbekende-kolom",
                _("Onbekende kolom '{column}' voor '{facts}'."),
                column=i.value.columns[0],
                facts=table.name,
            )
    if i.kind == "ratio" and i.numerator_source is None:
        add(
            "teller-noemer-onvolledig",
            _("Een verhouding (ratio) heeft een teller en een noemer als eigen blok."),
        )
    return found


def _breakdown_problem(breakdown: str, source: Source, table: v.FactTable) -> str:
    if breakdown in v.AREA_LEVELS:
        return "" if table.household else _("'{facts}' heeft geen gebied: alleen de regio telt.")
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
