"""The closed vocabularies of a definitions file, and the fact tables it may count from.

Table and column names are the register's (Django's default `<app>_<model>` table names,
`<field>_id` for foreign keys); `tests/monitor` checks them against the models.
"""

from dataclasses import dataclass, field
from typing import Final

SCHEMA_VERSIONS: Final = (1,)
KINDS: Final = ("count", "count_distinct", "share", "ratio", "median", "mean_difference")
UNITS: Final = ("household", "person", "fact")
WINDOWS: Final = ("flow", "stock", "cumulative", "latest")
PERSONS: Final = ("fact", "members")
OPS: Final = ("eq", "ne", "in", "present", "absent", "gt", "gte", "lt", "lte")
AREA_LEVELS: Final = ("gemeente", "wijk")  # breakdowns that are area levels; region always
BREAKDOWNS: Final = (
    "gemeente", "wijk", "age_group", "capital", "partner", "programme_line", "signal_source",
    "category",
)  # fmt: skip
AGE_GROUPS: Final = (("kind", 0, 17), ("jongere", 18, 26), ("volwassene", 27, None))
PROGRAMME_START: Final = "2023-01-01"

# The plan's measure and temporality for each kind and window (the cross-check).
PLAN_MEASURE: Final = {kind: kind for kind in KINDS}
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


def _same(*names: str) -> dict[str, str]:
    return {name: name for name in names}


TABLES: Final = {
    table.name: table
    for table in (
        FactTable(
            "signals", "register_signal", "household_id", "person_id",
            ("signal_date", "first_attempt_on", "reached_on", "closed_on", "origin_date"), None,
            _same("source_kind", "end_result", "crisis", "amount", "attempt_method",
                  "signal_date", "first_attempt_on", "reached_on", "closed_on", "origin_date"),
            {"signal_source": "source_kind", "category": "end_result",
             "partner": "source_partner_id"},
        ),
        FactTable(
            "plans", "register_supportplan", "household_id", None,
            ("started_on", "ended_on"), ("started_on", "ended_on"),
            _same("status", "route", "started_on", "ended_on"),
            {"partner": "source_partner_id", "category": "status"},
        ),
        FactTable(
            "contact_assignments", "register_contactassignment", "household_id", None,
            ("valid_from", "valid_to"), ("valid_from", "valid_to"),
            _same("valid_from", "valid_to"),
            {"partner": "partner_id"},
        ),
        FactTable(
            "enrolments", "register_enrolment", "household_id", "person_id",
            ("started_on", "ended_on"), ("started_on", "ended_on"),
            {"experiment": "experiment_id"} | _same("end_reason", "started_on", "ended_on"),
            {"partner": "source_partner_id", "category": "end_reason"},
        ),
        FactTable(
            "assessments", "register_capitalassessment", "household_id", "person_id",
            ("assessed_on",), None,
            _same("capital", "level", "assessed_on"),
            {"capital": "capital", "partner": "source_partner_id"},
        ),
        FactTable(
            "outcomes", "register_outcome", "household_id", "person_id",
            ("observed_on",), None,
            _same("kind", "value", "observed_on"),
            {"category": "kind", "partner": "source_partner_id"},
        ),
        FactTable(
            "memberships", "register_membership", "household_id", "person_id",
            ("valid_from", "valid_to"), ("valid_from", "valid_to"),
            _same("role", "valid_from", "valid_to"),
            {"category": "role"},
        ),
        FactTable(
            "deliveries", "intake_importbatch", None, None,
            ("started_at",), None,
            _same("status", "dry_run", "dataset", "read", "accepted", "rejected", "started_at"),
            {"partner": "partner_id", "category": "dataset"},
        ),
    )
}  # fmt: skip

# A population is a union of household facts with an interval; as a base it has these columns.
POPULATION_TABLE: Final = FactTable(
    "population", "", "household_id", None, (), ("valid_from", "valid_to")
)

# Other register tables the compiler reads.
RESIDENCE: Final = "register_residence"
PERSON: Final = "register_person"
MEMBERSHIP: Final = "register_membership"
OUTCOME: Final = "register_outcome"
INTERVENTION: Final = "register_intervention"
AREA: Final = "areas_area"
PARTNER: Final = "partners_partner"


def extract_columns() -> dict[str, tuple[str, ...]]:
    """Per register table, the columns the compiler can read: the columnar extract holds these
    and nothing else (no pseudonyms, no free text)."""
    columns: dict[str, set[str]] = {
        RESIDENCE: {"id", "household_id", "buurt_id", "valid_from", "valid_to"},
        PERSON: {"id", "birth_year", "birth_month"},
        INTERVENTION: {"id", "code"},
        AREA: {"id", "code", "level", "parent_id"},
        PARTNER: {"id", "code"},
    }
    for table in TABLES.values():
        own = columns.setdefault(table.db_table, {"id"})
        own.update(c for c in (table.household, table.person) if c)
        own.update(table.dates, table.columns.values(), table.breakdowns.values())
        own.update(table.interval or ())
    columns["register_enrolment"].add("intervention_id")
    return {name: tuple(sorted(names)) for name, names in sorted(columns.items())}
