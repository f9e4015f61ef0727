"""The closed vocabularies of a definitions file, and the fact tables it may count from.

The fact tables, their columns, dates and breakdowns derive from `register.schema`; the
compiler reads each fact type's `<table>_current` view (the rows not superseded).
"""

from dataclasses import dataclass, field
from typing import Final

from doorbraak.core.area_levels import BREAKDOWN_LEVELS
from doorbraak.monitor.definitions.model import IndicatorComputation
from doorbraak.register import schema

SCHEMA_VERSIONS: Final = (1,)
KINDS: Final = (
    "count", "count_distinct", "share", "ratio", "median", "mean_difference", "reference_share",
)  # fmt: skip
UNITS: Final = ("household", "person", "fact")
# what an indicator's counts are about (ADR 0033): organisations' counts are not suppressed
COUNTS: Final = ("persons", "organisations")
WINDOWS: Final = ("flow", "stock", "cumulative", "latest")
PERSONS: Final = ("fact", "members")
OPS: Final = ("eq", "ne", "in", "present", "absent", "gt", "gte", "lt", "lte")
AREA_LEVELS: Final = tuple(level.api for level in BREAKDOWN_LEVELS)  # region always
BREAKDOWNS: Final = (
    "gemeente", "wijk", "age_group", "capital", "partner", "programme_line", "signal_source",
    "category", "dorp", "experiment",
)  # fmt: skip
AGE_GROUPS: Final = (("kind", 0, 17), ("jongere", 18, 26), ("volwassene", 27, None))
PROGRAMME_START: Final = "2023-01-01"
# Which of numerator and denominator are counts of units that the gate must protect.
GATED: Final = {
    "count": ("numerator",),
    "count_distinct": ("numerator",),
    "share": ("numerator", "denominator", "complement"),  # complement: not in the numerator
    "ratio": ("numerator", "denominator"),
    "median": ("numerator",),  # the number of observations
    "mean_difference": ("denominator",),  # the number of observations
    "reference_share": ("numerator",),  # the denominator is a published estimate (CBS)
}
# Denominators that come from published reference figures (`areas.AreaStatistic`), not from
# the register: name -> (Dutch description, the CBS measures multiplied: households x share %).
REFERENCES: Final = {
    "cbs_huishoudens_rond_sociaal_minimum": (
        "geschat aantal huishoudens onder of rond het sociaal minimum (CBS)",
        ("HuishoudensTotaal", "HuishOnderOfRondSociaalMinimum"),
    ),
}

# The plan's measure and temporality for each kind and window (the cross-check).
PLAN_MEASURE: Final = {kind: kind for kind in KINDS} | {"reference_share": "share"}
PLAN_TEMPORALITY: Final = {
    "flow": "flow", "stock": "stock", "cumulative": "cumulative", "latest": "latest_in_window",
}  # fmt: skip


@dataclass(frozen=True)
class FactTable:
    name: str
    db_table: str
    household: str | None  # column; None: not about a household (no area attribution)
    person: str | None
    dates: tuple[str, ...]
    interval: tuple[str, str] | None  # (start, end): end exclusive
    columns: dict[str, str] = field(default_factory=dict)  # name in the file -> SQL column
    breakdowns: dict[str, str] = field(default_factory=dict)  # breakdown -> column
    key: str = "id"  # what `unit: fact` counts distinct: the row, or an organisation, a form
    # False: the rows count activities or organisations, no person or household; the gate has
    # nothing to protect in such a count (ADR 0036)
    persons: bool = True


def _fact_table(fact: schema.FactType) -> FactTable:
    """A register fact type as the compiler reads it: its current rows, the dates, codes and
    numbers it may count or filter on (no pseudonyms or other text), and its breakdowns."""
    dates = (fact.point, *(d for d in fact.dates if d != fact.point)) if fact.point else fact.dates
    columns = {f.name: f.column for f in fact.fields if not f.is_reference and f.type != "text"} | {
        f.name: f.column for f in fact.fields if f.type == "experiment"
    }
    breakdowns = {b: fact.field(name).column for b, name in fact.breakdowns.items()}
    if fact.partner_column:
        breakdowns["partner"] = fact.partner_column
    return FactTable(
        fact.name, fact.current, fact.household_column, fact.person_column, dates,
        fact.interval, columns, breakdowns,
    )  # fmt: skip


def _activity(
    name: str, model: str, date: str, columns: tuple[str, ...] = (), **more: object
) -> FactTable:
    """A table of the learning network's register (`learning.models`): about no household,
    counted for the region as a whole by its date."""
    return FactTable(
        name, f"learning_{model}", None, None, (date,), None,
        {c: c for c in (date, *columns)}, **more,  # type: ignore[arg-type]
    )  # fmt: skip


def _learning_tables() -> tuple[FactTable, ...]:
    """The learning network's records and the experiments, as the indicators count them."""
    partner = {"partner": "partner_id"}
    return (
        _activity("procurements", "procurement", "awarded_on",
                  ("poverty_conditions", "long_term"), breakdowns=partner, persons=False),
        _activity("learning_agendas", "learningagenda", "adopted_on", persons=False),
        _activity("sessions", "session", "held_on", persons=False),
        _activity("session_organisations", "sessionpartner", "held_on", breakdowns=partner,
                  key="partner_id", persons=False),
        _activity("session_experts", "sessionexpert", "held_on", key="expert_id"),
        _activity("session_knowledge", "sessionknowledge", "held_on", ("form",), key="form",
                  persons=False),
        _activity("conferences", "conference", "held_on", persons=False),
        _activity("publications", "publication", "published_on", ("kind",),
                  breakdowns={"category": "kind"}, persons=False),
        _activity("knowledge_supports", "knowledgesupport", "started_on", breakdowns=partner,
                  key="partner_id", persons=False),
        _activity("training_completions", "trainingcompletion", "completed_on",
                  ("bejegening",), breakdowns=partner),
        FactTable(
            "experiments", "learning_experiment", None, None, ("started_on", "ended_on"),
            ("started_on", "ended_on"),
            {c: c for c in ("started_on", "ended_on", "builds_on_knowledge", "status")},
            persons=False,
        ),
    )  # fmt: skip


# the learning network's tables: few rows, edited in place by the programme team, so a run's
# fingerprint holds a digest of their rows (`services._register_state`, ADR 0042)
LEARNING_TABLES: Final = frozenset(table.db_table for table in _learning_tables())

TABLES: Final = {
    name: _fact_table(fact)
    for name, fact in schema.FACT_TYPES.items()
    if fact.household_column and name != "residences"  # residences place the others
} | {
    "deliveries": FactTable(
        "deliveries", "intake_importbatch", None, None,
        ("started_at",), None,
        {c: c for c in ("status", "dry_run", "dataset", "read", "accepted", "rejected",
                        "started_at")},
        {"partner": "partner_id", "category": "dataset"},
    ),
    # survey answers of closed rounds (`surveys`, ADR 0035): no household, so the region only;
    # the partner and the sector (as category) come from the invitation, never a person
    "survey_answers": FactTable(
        "survey_answers", "surveys_answer_fact", None, None,
        ("counts_on",), None,
        {c: c for c in ("survey", "question", "score", "counts_on")},
        {"partner": "partner_id", "category": "sector"},
    ),
} | {
    table.name: table for table in _learning_tables()
} | {
    # the partners running an evaluated experiment's interventions when the programme took a
    # decision on its evaluation (`evaluation.DecisionPartner`, E5)
    "evaluation_partners": FactTable(
        "evaluation_partners", "evaluation_decisionpartner", None, None, ("decided_on",), None,
        {"decided_on": "decided_on"}, {"partner": "partner_id"}, key="partner_id", persons=False,
    ),
}  # fmt: skip

# A population is a union of household facts with an interval; as a base it has these columns.
POPULATION_TABLE: Final = FactTable(
    "population", "", "household_id", None, (), ("valid_from", "valid_to")
)

# Other tables the compiler reads: the register's (named by its schema), areas and partners.
RESIDENCE: Final = schema.FACT_TYPES["residences"].current
PERSON: Final = schema.ENTITIES["persons"].db_table
MEMBERSHIP: Final = schema.FACT_TYPES["memberships"].current
OUTCOME: Final = schema.FACT_TYPES["outcomes"].current
INTERVENTION: Final = schema.REFERENCES["intervention"]
AREA: Final = schema.REFERENCES["buurt"]
PARTNER: Final = schema.REFERENCES["partner"]
AREA_STATISTIC: Final = "areas_areastatistic"
# dorpen and experiment areas: named sets of buurten (the `dorp` and `experiment` breakdowns)
AREA_GROUP: Final = "areas_areagroup"
AREA_GROUP_MEMBER: Final = "areas_areagroup_members"


def extract_columns() -> dict[str, tuple[str, ...]]:
    """Per register table, the columns the compiler can read: the columnar extract holds these
    and nothing else (no pseudonyms, no free text)."""
    columns: dict[str, set[str]] = {
        RESIDENCE: {"id", "household_id", "buurt_id", "valid_from", "valid_to"},
        PERSON: {"id", "birth_year", "birth_month"},
        INTERVENTION: {"id", "code"},
        AREA: {"id", "code", "level", "parent_id"},
        PARTNER: {"id", "code"},
        AREA_STATISTIC: {"id", "area_id", "year", "measure", "value"},
        AREA_GROUP: {"id", "code", "kind"},
        AREA_GROUP_MEMBER: {"id", "areagroup_id", "area_id"},
    }
    for table in TABLES.values():
        own = columns.setdefault(table.db_table, {"id"})
        own.update(c for c in (table.household, table.person) if c)
        own.update(table.dates, table.columns.values(), table.breakdowns.values())
        own.update(table.interval or ())
        own.add(table.key)
    columns[schema.FACT_TYPES["enrolments"].current].add("intervention_id")
    return {name: tuple(sorted(names)) for name, names in sorted(columns.items())}


def counts_no_persons(indicator: IndicatorComputation) -> bool:
    """Every table the indicator reads counts activities or organisations, no person or
    household: the disclosure gate has nothing to protect in it (ADR 0036)."""
    sources = [s for s in (indicator.source, indicator.numerator_source) if s is not None]
    tables = [TABLES.get(source.facts) for source in sources]
    return all(table is not None and not table.persons for table in tables)
