"""The programme plan as immutable values: what a valid plan file describes.

Enumerated fields hold one of the values listed in `vocabulary`; codes that refer to
another part of the plan (an indicator's `capital`, `precondition`) hold that part's code.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class MilestoneDef:
    """An intermediate target value to reach in `year`."""

    year: int
    value: Decimal


@dataclass(frozen=True)
class TargetDef:
    """The target (streefwaarde) of an indicator; `value` None means not yet set."""

    value: Decimal | None
    horizon: int
    baseline: Decimal | None
    baseline_year: int | None
    milestones: tuple[MilestoneDef, ...]
    note: str

    @property
    def is_set(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class IndicatorDef:
    """How one goal (or one process question) is measured: a definition, never a number."""

    code: str
    name: str
    description: str
    kind: str
    measure: str
    temporality: str
    unit: str
    direction: str
    source: str
    breakdowns: tuple[str, ...]
    capital: str | None
    precondition: str | None
    target: TargetDef


@dataclass(frozen=True)
class OperationalGoalDef:
    code: str
    statement: str
    capital: str | None
    indicators: tuple[IndicatorDef, ...]


@dataclass(frozen=True)
class StrategicGoalDef:
    code: str
    statement: str
    operational_goals: tuple[OperationalGoalDef, ...]


@dataclass(frozen=True)
class ProgrammeLineDef:
    code: str
    name: str
    description: str
    strategic_goals: tuple[StrategicGoalDef, ...]


@dataclass(frozen=True)
class CapitalDef:
    """A form of capital (kapitaalvorm): economic, social, cultural, pedagogical, mental."""

    code: str
    name: str
    description: str


@dataclass(frozen=True)
class PreconditionDef:
    """A precondition (randvoorwaarde) for maatwerk."""

    code: str
    name: str
    description: str


@dataclass(frozen=True)
class PhaseDef:
    """A phase of the programme; `end` None means open-ended."""

    code: str
    name: str
    start: date
    end: date | None
    description: str


@dataclass(frozen=True)
class PlanDefinition:
    """One version of the programme plan, as read from a plan file."""

    schema_version: int
    code: str
    name: str
    mission: str
    ambition: str
    poverty_definition: str
    poverty_definition_source: str
    start_year: int
    horizon_year: int
    capitals: tuple[CapitalDef, ...]
    preconditions: tuple[PreconditionDef, ...]
    phases: tuple[PhaseDef, ...]
    programme_lines: tuple[ProgrammeLineDef, ...]
    process_indicators: tuple[IndicatorDef, ...]
    # the ambition measured (issue 20): poverty that lasts and poverty passed on
    ambition_indicators: tuple[IndicatorDef, ...] = ()

    def strategic_goals(self) -> tuple[StrategicGoalDef, ...]:
        """All strategic goals, in plan order."""
        return tuple(goal for line in self.programme_lines for goal in line.strategic_goals)

    def operational_goals(self) -> tuple[OperationalGoalDef, ...]:
        """All operational goals, in plan order."""
        return tuple(
            goal for strategic in self.strategic_goals() for goal in strategic.operational_goals
        )

    def indicators(self) -> tuple[IndicatorDef, ...]:
        """All indicators: the ambition's, those of the operational goals, then the process
        indicators."""
        return self.ambition_indicators + tuple(self._goal_indicators()) + self.process_indicators

    def _goal_indicators(self) -> Iterator[IndicatorDef]:
        for goal in self.operational_goals():
            yield from goal.indicators
