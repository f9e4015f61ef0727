"""The closed vocabularies a plan file may use for an indicator's enumerated fields."""

from typing import Final

SCHEMA_VERSIONS: Final = (1,)

KINDS: Final = ("process", "effect")

MEASURES: Final = (
    "count",
    "count_distinct",
    "sum",
    "ratio",
    "share",
    "median",
    "mean_difference",
)

TEMPORALITIES: Final = ("flow", "stock", "cumulative", "latest_in_window")

DIRECTIONS: Final = ("higher", "lower")

SOURCES: Final = (
    "enrolments",
    "signals",
    "outcomes",
    "resident_survey",
    "professional_survey",
    "aggregate_reports",
    "assessments",
    "plans_assignments",
    "activity_register",
    "reports",
    "evaluations",
    "experiments",
    "trainings",
    "publications",
    "casework",
    "intake",
    "income_status",  # the gemeenten' income support and debt counselling (issue 20)
)

BREAKDOWNS: Final = (
    "gemeente",
    "wijk",
    "age_group",
    "capital",
    "partner",
    "programme_line",
    "precondition",
    "signal_source",
    "category",
    "dorp",  # a named set of buurten (areas.AreaGroup), as the plan's local experiments use
    "experiment",  # the buurten of a local experiment (areas.AreaGroup, ADR 0036)
)

PERCENT_UNIT: Final = "%"
"""Values of an indicator with this unit are percentages and must lie in 0..100."""

CODE_PATTERN: Final = r"[A-Za-z0-9][A-Za-z0-9._-]*"
"""A code is a short identifier: letters, digits, '.', '_' and '-', no spaces."""
