"""Build definitions from the file's nodes, reporting every problem with its line.

Builders are lenient like the plan's: what cannot be read is reported and left out, so that
one run finds every problem. Definitions built with problems are never handed out.
"""

from dataclasses import replace
from gettext import gettext as _
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from doorbraak.core.definitions.fields import Fields, Shape, fields_of, read_choice
from doorbraak.core.definitions.nodes import (
    BOOL_TAG,
    INT_TAG,
    STR_TAG,
    as_integer,
    as_sequence,
    as_text,
    is_null,
    line_of,
    wrong_type,
)
from doorbraak.core.definitions.problems import N_, ProblemLog, did_you_mean, quoted_list
from doorbraak.monitor.definitions import vocabulary as v
from doorbraak.monitor.definitions.checks import filter_problems, indicator_problems
from doorbraak.monitor.definitions.model import (
    Filter,
    IndicatorComputation,
    IndicatorDefinitions,
    Population,
    Scalar,
    Source,
    ValueExpression,
    WaitingIndicator,
)

ROOT = Shape(
    N_("het definitiebestand"),
    required=("schema_version", "indicators"),
    optional=("populations", "waiting"),
)
POPULATION = Shape(N_("deze groep"), required=("code", "description", "any_of"))
SOURCE_KEYS = ("facts", "population", "date", "filters", "latest_per", "persons", "measure")
SOURCE = Shape(N_("deze bron"), required=(), optional=SOURCE_KEYS)
INDICATOR = Shape(
    N_("deze indicator"),
    required=("code", "kind", "unit", "window"),
    optional=(
        *SOURCE_KEYS,
        "numerator",
        "denominator",
        "value",
        "breakdowns",
        "note",
        "disclosure",
        "reference",
    ),
)
DISCLOSURE = Shape(
    N_("het blok disclosure"),
    required=(),
    optional=("equal_categories", "same_numerator", "counts"),
)
WAITING = Shape(N_("deze wachtende indicator"), required=("code", "waits_for"))
FILTERS = {
    "column": Shape(N_("dit filter"), required=("column", "op"), optional=("value",)),
    "population": Shape(N_("dit filter"), required=("population",), optional=("window",)),
    "age": Shape(N_("dit filter"), required=("age",)),
    "outcome": Shape(N_("dit filter"), required=("outcome",)),
    "intervention": Shape(N_("dit filter"), required=("intervention",)),
    "member_aged": Shape(N_("dit filter"), required=("member_aged",)),
    "active": Shape(N_("dit filter"), required=("active", "count")),
    "preceded": Shape(N_("dit filter"), required=("preceded",)),
    "repeated": Shape(N_("dit filter"), required=("repeated", "per")),
    "days_between": Shape(N_("dit filter"), required=("days_between", "op", "value")),
    "in_years": Shape(N_("dit filter"), required=("in_years", "years")),
    "not_in_years": Shape(N_("dit filter"), required=("not_in_years", "years")),
    "grew_up_in": Shape(N_("dit filter"), required=("grew_up_in", "ages")),
    "not_grew_up_in": Shape(N_("dit filter"), required=("not_grew_up_in", "ages")),
}
YEAR_FILTERS = ("in_years", "not_in_years", "grew_up_in", "not_grew_up_in")
VALUES = ("days_between", "change_since_first")


class Builder:
    def __init__(self, log: ProblemLog) -> None:
        self.log = log
        self.population_codes: set[str] = set()

    def problem(self, line: int, code: str, message: str) -> None:
        self.log.add(line, code, message)

    # --- the file ----------------------------------------------------------------------------

    def definitions(self, root: Node) -> IndicatorDefinitions | None:
        fields = fields_of(root, ROOT, self.log)
        if fields is None:
            return None
        version = fields.read("schema_version", as_integer)
        if version is not None and version.value not in v.SCHEMA_VERSIONS:
            message = _("Onbekende schema_version {value}. Deze versie van doorbraak kent: 1.")
            self.problem(
                version.line, "onbekende-schemaversie", message.format(value=version.value)
            )
        populations = [self.population(node) for node in fields.items("populations")]
        self.population_codes = {p.code for p in populations if p is not None}
        indicators = [self.indicator(node) for node in fields.items("indicators")]
        waiting = [self.waiting(node) for node in fields.items("waiting")]
        return IndicatorDefinitions(
            populations=tuple(p for p in populations if p is not None),
            indicators=tuple(i for i in indicators if i is not None),
            waiting=tuple(w for w in waiting if w is not None),
        )

    def population(self, node: Node) -> Population | None:
        fields = fields_of(node, POPULATION, self.log)
        if fields is None:
            return None
        code, description = fields.read("code", as_text), fields.read("description", as_text)
        sources = []
        for item in fields.items("any_of", _("Noem ten minste één feitentabel.")):
            source = self.source_block(item, allow_population=False)
            if source is not None:
                table = v.TABLES.get(source.facts)
                if table is not None and (table.interval is None or table.household is None):
                    message = _(
                        "Een groep bestaat uit huishoudens met feiten die een begin en een einde "
                        "hebben; '{facts}' heeft dat niet."
                    )
                    self.problem(
                        source.line, "groep-zonder-looptijd", message.format(facts=table.name)
                    )
                for f in source.filters:
                    if f.type != "column":
                        message = _(
                            "Een groep filtert alleen op kolommen ({column: ..., op: ...})."
                        )
                        self.problem(f.line, "filter-past-niet", message)
                sources.append(source)
        return Population(
            code=code.value if code else "",
            description=description.value if description else "",
            any_of=tuple(sources),
            line=fields.line,
        )

    def waiting(self, node: Node) -> WaitingIndicator | None:
        fields = fields_of(node, WAITING, self.log)
        if fields is None:
            return None
        code, text = fields.read("code", as_text), fields.read("waits_for", as_text)
        if code is None:
            return None
        return WaitingIndicator(code.value, text.value if text else "", fields.line)

    # --- an indicator ------------------------------------------------------------------------

    def indicator(self, node: Node) -> IndicatorComputation | None:
        fields = fields_of(node, INDICATOR, self.log)
        if fields is None:
            return None
        code = fields.read("code", as_text)
        kind, unit = fields.choice("kind", v.KINDS), fields.choice("unit", v.UNITS)
        window = fields.choice("window", v.WINDOWS)
        parts = self._parts(fields, kind.value if kind else "")
        if code is None or kind is None or unit is None or window is None or parts is None:
            return None
        source, numerator, numerator_source = parts
        indicator = IndicatorComputation(
            code=code.value,
            kind=kind.value,
            unit=unit.value,
            window=window.value,
            source=source,
            numerator=numerator,
            numerator_source=numerator_source,
            value=self.value(fields),
            breakdowns=self.breakdowns(fields),
            note=self._text(fields.node("note")),
            line=fields.line,
            lines=_field_lines(
                fields, ("kind", "window", "unit", "breakdowns", "disclosure", "reference")
            ),
            reference=self._reference(fields.node("reference")),
            **self.disclosure(fields),
        )
        for problem in indicator_problems(indicator):
            self.problem(*problem)
        return indicator

    def _reference(self, node: Node | None) -> str:
        name = self._text(node)
        if name and name not in v.REFERENCES:
            self._unknown(node, "onbekende-referentie", name, list(v.REFERENCES))
            return ""
        return name

    def _parts(
        self, fields: Fields, kind: str
    ) -> tuple[Source, tuple[Filter, ...], Source | None] | None:
        """The base source and the numerator: a list of extra filters or a source of its own."""
        numerator = fields.node("numerator")
        denominator = fields.node("denominator")
        own_source = any(fields.node(key) is not None for key in ("facts", "population"))
        if isinstance(numerator, MappingNode) or denominator is not None:
            if own_source:
                message = _(
                    "Een indicator met een eigen teller en noemer heeft geen 'facts' of "
                    "'population' op het hoogste niveau: zet die in de teller en de noemer."
                )
                self.problem(fields.line, "dubbele-bron", message)
            if numerator is None or denominator is None:
                missing = "numerator" if numerator is None else "denominator"
                message = _("Het blok '{key}' ontbreekt: teller en noemer horen bij elkaar.")
                self.problem(fields.line, "teller-noemer-onvolledig", message.format(key=missing))
                return None
            top = self.source_block(denominator)
            bottom = self.source_block(numerator)
            return None if top is None or bottom is None else (top, (), bottom)
        base = self.source(_nodes(fields), fields.line)
        filters = () if numerator is None else self.filters(numerator, base)
        if kind in ("share", "ratio") and numerator is None:
            message = _("Een indicator van soort '{kind}' heeft een 'numerator' nodig.")
            self.problem(fields.line, "teller-ontbreekt", message.format(kind=kind))
        elif kind not in ("share", "ratio") and numerator is not None:
            message = _("Alleen een aandeel (share) of verhouding (ratio) heeft een teller.")
            self.problem(line_of(numerator), "teller-niet-nodig", message)
        if kind == "ratio" and numerator is not None:
            message = _("Een verhouding (ratio) heeft een teller en een noemer als eigen blok.")
            self.problem(line_of(numerator), "teller-noemer-onvolledig", message)
        return None if base is None else (base, filters, None)

    def source_block(self, node: Node, allow_population: bool = True) -> Source | None:
        fields = fields_of(node, SOURCE, self.log)
        return (
            None if fields is None else self.source(_nodes(fields), fields.line, allow_population)
        )

    def source(
        self, nodes: dict[str, Node], line: int, allow_population: bool = True
    ) -> Source | None:
        """A source from the source fields of a block or of an indicator."""
        facts = self._text(nodes.get("facts"))
        population = self._text(nodes.get("population"))
        if facts and facts not in v.TABLES:
            self._unknown(nodes["facts"], "onbekende-feitentabel", facts, list(v.TABLES))
            return None
        if population and not allow_population:
            message = _("Een groep kan niet uit een andere groep bestaan.")
            self.problem(line_of(nodes["population"]), "groep-in-groep", message)
            return None
        if population and population not in self.population_codes:
            self._unknown(nodes["population"], "onbekende-groep", population, self.population_codes)
            return None
        if bool(facts) == bool(population):
            message = _(
                "Geef precies één van 'facts' (een feitentabel) of 'population' (een groep)."
            )
            self.problem(line, "bron-ontbreekt" if not facts else "dubbele-bron", message)
            return None
        table = v.TABLES[facts] if facts else v.POPULATION_TABLE
        date = self._date(nodes.get("date"), table)
        persons = self._choice(nodes.get("persons"), "persons", v.PERSONS) or "fact"
        source = Source(
            facts=facts,
            population=population,
            date=date,
            filters=(),
            latest_per=self._latest_per(nodes.get("latest_per"), table),
            persons=persons,
            measure="units",
            sum_column="",
            line=line,
        )
        measure, sum_column = self._measure(nodes.get("measure"), table, source)
        filters = self.filters(nodes["filters"], source) if "filters" in nodes else ()
        return replace(source, filters=filters, measure=measure, sum_column=sum_column)

    def _date(self, node: Node | None, table: v.FactTable) -> str:
        if node is None:
            return table.dates[0] if table.interval is None else ""
        date = self._text(node)
        if date and date not in table.dates:
            self._unknown(node, "onbekende-datum", date, table.dates)
            return table.dates[0] if table.dates else ""
        return date

    def _latest_per(self, node: Node | None, table: v.FactTable) -> tuple[str, ...]:
        if node is None:
            return ()
        allowed = [name for name in ("person", "household") if getattr(table, name)]
        return tuple(self._names(node, [*allowed, *table.columns], "latest_per"))

    def _measure(self, node: Node | None, table: v.FactTable, source: Source) -> tuple[str, str]:
        if node is None:
            return "units", ""
        if isinstance(node, MappingNode):
            fields = fields_of(node, Shape(N_("deze maat"), required=("sum",)), self.log)
            column = self._text(fields.node("sum")) if fields else ""
            if column and column not in table.columns:
                self._unknown(
                    fields.node("sum") if fields else None, "onbekende-kolom", column, table.columns
                )
            return "sum", table.columns.get(column, "")
        measure = self._choice(node, "measure", ("units", "years"))
        if measure == "years" and (table.interval is None or source.date):
            message = _(
                "Huishoudjaren ('years') tellen de looptijd van feiten met een begin en een "
                "einde, zonder teldatum."
            )
            self.problem(line_of(node), "jaren-zonder-looptijd", message)
        return measure or "units", ""

    # --- filters -----------------------------------------------------------------------------

    def filters(self, node: Node, source: Source | None) -> tuple[Filter, ...]:
        items = as_sequence(node, self.log)
        built = [self.filter(item, source) for item in (items.value if items else [])]
        return tuple(f for f in built if f is not None)

    def filter(self, node: Node, source: Source | None) -> Filter | None:
        if not isinstance(node, MappingNode):
            wrong_type(
                node, _("een filter (een blok, bijvoorbeeld {column: kind, op: eq})"), self.log
            )
            return None
        keys = [k.value for k, _value in node.value if isinstance(k, ScalarNode)]
        kind = next((key for key in FILTERS if key in keys), None)
        if kind is None:
            message = _("Onbekend filter. Een filter begint met een van: {keys}.")
            self.problem(
                line_of(node), "onbekend-filter", message.format(keys=quoted_list(FILTERS))
            )
            return None
        fields = Fields(node, FILTERS[kind], self.log)
        built = _FilterReader(self, fields, kind, node).read()
        population = fields.node("population")
        if built and population and built.name and built.name not in self.population_codes:
            self._unknown(population, "onbekende-groep", built.name, self.population_codes)
        if built is not None and source is not None:
            for problem in filter_problems(built, source):
                self.problem(*problem)
        return built

    # --- value and breakdowns ----------------------------------------------------------------

    def value(self, fields: Fields) -> ValueExpression | None:
        node = fields.node("value")
        if node is None:
            return None
        value_fields = fields_of(node, Shape(N_("deze waarde"), (), VALUES), self.log)
        if value_fields is None:
            return None
        found = [key for key in VALUES if value_fields.node(key) is not None]
        if len(found) != 1:
            message = _("Geef precies één van {keys}.").format(keys=quoted_list(VALUES))
            self.problem(line_of(node), "ongeldige-waarde", message)
            return None
        inner = value_fields.node(found[0])
        assert inner is not None  # noqa: S101 - found above
        columns = (
            tuple(self._names(inner, (), "days_between", free=True))
            if isinstance(inner, SequenceNode)
            else (self._text(inner),)
        )
        return ValueExpression(found[0], columns)

    def disclosure(self, fields: Fields) -> dict[str, Any]:
        """What the disclosure gate must know (ADR 0012): `equal_categories`, breakdowns whose
        categories are always equal; `same_numerator`, indicators with the same numerator;
        `counts: organisations` for counts of partners' deliveries (ADR 0033: not gated)."""
        node = fields.node("disclosure")
        block = None if node is None else fields_of(node, DISCLOSURE, self.log)
        if block is None:
            return {}
        equal = block.node("equal_categories")
        same = block.node("same_numerator")
        counts = block.choice("counts", v.COUNTS)
        return {
            "counts": counts.value if counts else "persons",
            "equal_categories": tuple(
                self._names(equal, v.BREAKDOWNS, "equal_categories") if equal else ()
            ),
            "same_numerator": tuple(
                self._names(same, (), "same_numerator", free=True) if same else ()
            ),
        }

    def breakdowns(self, fields: Fields) -> tuple[str, ...]:
        node = fields.node("breakdowns")
        return () if node is None else tuple(self._names(node, v.BREAKDOWNS, "breakdowns"))

    # --- small readers -----------------------------------------------------------------------

    def _text(self, node: Node | None) -> str:
        read = None if node is None else as_text(node, self.log)
        return read.value if read else ""

    def _choice(self, node: Node | None, key: str, allowed: tuple[str, ...]) -> str:
        read = None if node is None else read_choice(node, key, allowed, self.log)
        return read.value if read else ""

    def _names(self, node: Node | None, allowed: Any, key: str, free: bool = False) -> list[str]:
        items = None if node is None else as_sequence(node, self.log)
        names: list[str] = []
        for item in items.value if items else []:
            name = self._text(item) if free else self._choice(item, key, tuple(allowed))
            if name in names:
                message = _("'{value}' staat twee keer in de lijst. Verwijder er één.")
                self.problem(line_of(item), "dubbele-waarde", message.format(value=name))
            elif name:
                names.append(name)
        return names

    def _unknown(self, node: Node | None, code: str, word: str, known: Any) -> None:
        labels = {
            "onbekende-feitentabel": _("Onbekende feitentabel '{word}'."),
            "onbekende-groep": _("Onbekende groep '{word}'."),
            "onbekende-datum": _("'{word}' is geen datumkolom van deze feitentabel."),
            "onbekende-kolom": _("Onbekende kolom '{word}' voor deze feitentabel."),
            "onbekende-referentie": _("Onbekend gepubliceerd cijfer '{word}'."),
        }
        hint = did_you_mean(word, known) or " " + _("Kies uit: {options}.").format(
            options=quoted_list(sorted(known))
        )
        line = 1 if node is None else line_of(node)
        self.problem(line, code, labels[code].format(word=word) + hint)


def _field_lines(fields: Fields, keys: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    nodes = {key: fields.node(key) for key in keys}
    return tuple((key, line_of(node)) for key, node in nodes.items() if node is not None)


def _nodes(fields: Fields) -> dict[str, Node]:
    """The source fields present in a block."""
    found = {key: fields.node(key) for key in SOURCE_KEYS}
    return {key: node for key, node in found.items() if node is not None}


class _FilterReader:
    """Reads one filter of a known type."""

    def __init__(self, builder: Builder, fields: Fields, kind: str, node: Node) -> None:
        self.b, self.fields, self.kind, self.line = builder, fields, kind, line_of(node)

    def read(self) -> Filter | None:
        f, b, kind = self.fields, self.b, self.kind
        if kind == "column":
            op = f.choice("op", v.OPS)
            column = b._text(f.node("column"))
            return self._with_value(Filter("column", self.line, column=column), op)
        if kind in ("population", "outcome", "intervention"):
            name = b._text(f.node(kind))
            window = b._choice(f.node("window"), "window", ("flow", "stock", "cumulative"))
            return Filter(kind, self.line, name=name, window=window or "flow")
        if kind in ("age", "member_aged"):
            bounds = self._bounds(f.node(kind))
            return (
                None if bounds is None else Filter(kind, self.line, low=bounds[0], high=bounds[1])
            )
        if kind == "active":
            count = f.read("count", as_integer)
            name = b._text(f.node("active"))
            if name and name not in v.TABLES:
                b._unknown(f.node("active"), "onbekende-feitentabel", name, list(v.TABLES))
            return Filter("active", self.line, name=name, count=count.value if count else 0)
        if kind in YEAR_FILTERS:
            return self._years(kind)
        if kind == "preceded":
            return Filter("preceded", self.line)
        if kind == "repeated":
            count = f.read("repeated", as_integer)
            per = b._names(f.node("per"), (), "per", free=True)
            return Filter("repeated", self.line, count=count.value if count else 0, per=tuple(per))
        columns = b._names(f.node("days_between"), (), "days_between", free=True)
        if len(columns) != 2:
            message = _("Noem precies twee datumkolommen: [van, tot].")
            b.problem(self.line, "ongeldige-waarde", message)
            return None
        built = Filter("days_between", self.line, columns=(columns[0], columns[1]))
        return self._with_value(built, f.choice("op", v.OPS))

    def _years(self, kind: str) -> Filter | None:
        """in_years, not_in_years (`years`: offsets from the period, in years), grew_up_in and
        not_grew_up_in (`ages`): a fact of another person table in those years or at those
        ages."""
        f, b = self.fields, self.b
        name = b._text(f.node(kind))
        if name and name not in v.TABLES:
            b._unknown(f.node(kind), "onbekende-feitentabel", name, list(v.TABLES))
        bounds = self._bounds(f.node("years" if kind.endswith("in_years") else "ages"))
        if bounds is None:
            return None
        return Filter(kind, self.line, name=name, low=bounds[0], high=bounds[1])

    def _with_value(self, built: Filter, op: Any) -> Filter | None:
        if op is None:
            return None
        node = self.fields.node("value")
        needs_value = op.value not in ("present", "absent")
        if needs_value and node is None:
            message = _("De bewerking '{op}' heeft een 'value' nodig.").format(op=op.value)
            self.b.problem(self.line, "waarde-ontbreekt", message)
            return None
        if not needs_value:
            if node is not None:
                message = _("De bewerking '{op}' heeft geen 'value'.").format(op=op.value)
                self.b.problem(line_of(node), "waarde-niet-nodig", message)
            return replace(built, op=op.value)
        if node is None:
            return None
        value = self._scalars(node, many=op.value == "in")
        return None if value is None else replace(built, op=op.value, value=value)

    def _scalars(self, node: Node, many: bool) -> Scalar | tuple[Scalar, ...] | None:
        if many:
            if not isinstance(node, SequenceNode) or not node.value:
                wrong_type(node, _("een lijst van waarden voor 'in'"), self.b.log)
                return None
            values = [self._scalar(item) for item in node.value]
            known = [x for x in values if x is not None]
            return tuple(known) if len(known) == len(values) else None
        return self._scalar(node)

    def _scalar(self, node: Node) -> Scalar | None:
        if isinstance(node, ScalarNode) and node.tag == STR_TAG:
            return str(node.value)
        if isinstance(node, ScalarNode) and node.tag == INT_TAG:
            return int(node.value)
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            return node.value.lower() in ("true", "yes", "on")
        wrong_type(node, _("een tekst, een heel getal of true/false"), self.b.log)
        return None

    def _bounds(self, node: Node | None) -> tuple[int, int | None] | None:
        pair = node.value if isinstance(node, SequenceNode) and len(node.value) == 2 else None
        low, high = pair if pair else (None, None)
        if not (
            isinstance(low, ScalarNode)
            and low.tag == INT_TAG
            and isinstance(high, ScalarNode)
            and (high.tag == INT_TAG or is_null(high))
        ):
            message = _(
                "Geef een leeftijd als [van, tot en met], bijvoorbeeld [18, 26] of [27, null]."
            )
            self.b.problem(self.line, "ongeldige-leeftijd", message)
            return None
        bounds = (int(low.value), None if is_null(high) else int(high.value))
        if bounds[1] is not None and bounds[1] < bounds[0]:
            message = _("De leeftijd 'tot en met' ({high}) is lager dan 'van' ({low}).")
            self.b.problem(
                self.line, "ongeldige-leeftijd", message.format(low=bounds[0], high=bounds[1])
            )
            return None
        return bounds
