"""Read a definitions file: compose the YAML, build, run the rules, report every problem."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.definitions.nodes import compose
from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.core.problems import Problem
from doorbraak.monitor.definitions.build import Builder
from doorbraak.monitor.definitions.model import IndicatorDefinitions
from doorbraak.monitor.definitions.rules import check_definitions
from doorbraak.programme.definition import IndicatorDef

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "indicators.yaml"


@dataclass(frozen=True)
class DefinitionsResult:
    """The definitions, when the file has no problems; otherwise the problems, by line."""

    definitions: IndicatorDefinitions | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_definitions_text(
    text: str, plan: Sequence[IndicatorDef] | None = None, filename: str = "<tekst>"
) -> DefinitionsResult:
    """The definitions in `text`, checked against the plan's indicators when given."""
    log = ProblemLog(filename)
    root = compose(text, log)
    definitions = None if root is None else Builder(log).definitions(root)
    if definitions is not None:
        check_definitions(definitions, plan, log)
    return DefinitionsResult(None if log else definitions, log.sorted())


def parse_definitions_file(
    path: str | Path = DEFAULT_FILE, plan: Sequence[IndicatorDef] | None = None
) -> DefinitionsResult:
    log = ProblemLog(str(path))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        message = _("Het bestand {path} bestaat niet. Controleer het pad.")
        log.add(1, "bestand-ontbreekt", message.format(path=path))
    except (UnicodeDecodeError, OSError) as error:
        message = _("Het bestand kan niet worden gelezen als UTF-8 ({reason}).")
        log.add(1, "bestand-onleesbaar", message.format(reason=error))
    else:
        return parse_definitions_text(text, plan, filename=str(path))
    return DefinitionsResult(None, log.sorted())
