"""Read a plan file: compose the YAML, build the plan, run the rules, report every problem."""

from gettext import gettext as _
from pathlib import Path

from doorbraak.core.definitions.nodes import compose
from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.core.definitions.sourcemap import SourceMap
from doorbraak.programme.definition.build_context import BuildContext
from doorbraak.programme.definition.build_plan import build_plan
from doorbraak.programme.definition.problems import ParseResult
from doorbraak.programme.definition.rules import check_plan


def parse_plan_text(text: str, filename: str = "<tekst>") -> ParseResult:
    """The plan in `text`; never raises: every problem is in the result, sorted by line."""
    log = ProblemLog(filename)
    root = compose(text, log)
    context = BuildContext(log, SourceMap())
    plan = None if root is None else build_plan(root, context)
    if plan is not None:
        check_plan(plan, context.source, log)
    return ParseResult(plan=None if log else plan, problems=log.sorted())


def parse_plan_file(path: str | Path) -> ParseResult:
    """The plan in the UTF-8 file at `path`; an unreadable file is a problem, not an error."""
    log = ProblemLog(str(path))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        message = _("Het bestand {path} bestaat niet. Controleer het pad.")
        log.add(1, "bestand-ontbreekt", message.format(path=path))
    except UnicodeDecodeError as error:
        message = _("Het bestand is geen UTF-8 (byte {position}). Sla het op als UTF-8.")
        log.add(1, "geen-utf8", message.format(position=error.start))
    except OSError as error:
        message = _("Het bestand kan niet worden gelezen ({reason}). Controleer pad en rechten.")
        log.add(1, "bestand-onleesbaar", message.format(reason=error.strerror or error))
    else:
        return parse_plan_text(text, filename=str(path))
    return ParseResult(plan=None, problems=log.sorted())
