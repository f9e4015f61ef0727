"""What the builders share while turning nodes into a plan."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from yaml.nodes import Node

from doorbraak.core.definitions.nodes import Read
from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.core.definitions.sourcemap import SourceMap

T = TypeVar("T")


@dataclass
class BuildContext:
    """The problem log, the source map and the plan's horizon (the default target horizon).

    Builders are lenient: a field that cannot be read is reported and replaced by a
    placeholder, so that reading continues and every problem is found in one run. A plan
    built with problems is never handed out.
    """

    log: ProblemLog
    source: SourceMap
    default_horizon: int = 0


def value_of(read: Read[T] | None, placeholder: T) -> T:
    """The value read, or `placeholder` when the field was absent or unreadable."""
    return placeholder if read is None else read.value


def build_each(
    nodes: list[Node], build: Callable[[Node, BuildContext], T | None], context: BuildContext
) -> tuple[T, ...]:
    """Build every item of a list; items that are not even blocks are left out."""
    built = (build(node, context) for node in nodes)
    return tuple(item for item in built if item is not None)
