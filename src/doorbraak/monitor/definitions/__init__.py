"""Indicator computation definitions as data: a pure reader and validator (no Django).

`parse_definitions_file` reads `monitor/data/indicators.yaml` (or another file) into immutable
definitions keyed by the plan's indicator codes, and reports every problem at once, each with
its line, a stable code and a Dutch message; given the plan's indicators it also checks that
every plan indicator is computed or honestly waits for data, and that kinds, windows and
breakdowns agree with the plan. Imports the standard library, PyYAML, the definition toolkit
(`core.definitions`, `core.problems`) and the plan's pure reader (`programme.definition`) for
the plan's indicators.
"""

from doorbraak.monitor.definitions.model import (
    Filter,
    IndicatorComputation,
    IndicatorDefinitions,
    Population,
    Source,
    ValueExpression,
    WaitingIndicator,
)
from doorbraak.monitor.definitions.parser import (
    DEFAULT_FILE,
    DefinitionsResult,
    parse_definitions_file,
    parse_definitions_text,
)

__all__ = [
    "DEFAULT_FILE",
    "DefinitionsResult",
    "Filter",
    "IndicatorComputation",
    "IndicatorDefinitions",
    "Population",
    "Source",
    "ValueExpression",
    "WaitingIndicator",
    "parse_definitions_file",
    "parse_definitions_text",
]
