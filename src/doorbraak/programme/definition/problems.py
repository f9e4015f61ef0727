"""The result of reading a plan file: the plan, or every problem found (`core.problems`)."""

from dataclasses import dataclass, field

from doorbraak.core.problems import Problem
from doorbraak.programme.definition.model import PlanDefinition


@dataclass(frozen=True)
class ParseResult:
    """The plan, when the file has no problems; otherwise the problems, sorted by line."""

    plan: PlanDefinition | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems
