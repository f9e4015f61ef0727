"""Reading YAML nodes into typed values, reporting every problem with its line.

The plan file is composed, not loaded: PyYAML's node graph keeps the line of every key and
value, and duplicate keys, which a loaded dict would silently drop.

A reference to an anchor (`*naam`) is refused while composing: one small file of nested
references ("billion laughs") expands to billions of values in every walk over the graph,
and no definitions file needs them. Syntax errors are reported in Dutch with their line and
column only; PyYAML's English text never reaches the user.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from gettext import gettext as _
from typing import Any, Generic, NamedTuple, TypeVar

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from doorbraak.core.definitions.problems import ProblemLog

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Read(Generic[T_co]):
    """A value read from the file, with the line it stands on."""

    value: T_co
    line: int


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


class _AliasError(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader that stops at the first reference to an anchor (`*naam`)."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            raise _AliasError(int(self.peek_event().start_mark.line) + 1)
        return super().compose_node(parent, index)


def compose(text: str, log: ProblemLog) -> Node | None:
    """The document's root node, or None (with a problem) when there is no usable document."""
    try:
        root = yaml.compose(text, Loader=_NoAliasLoader)
    except _AliasError as found:
        message = _(
            "Verwijzingen naar een anker (*naam, en &naam ervoor) zijn niet toegestaan; schrijf "
            "de waarde voluit."
        )
        log.add(found.line, "yaml-verwijzing", message)
        return None
    except yaml.MarkedYAMLError as error:
        log.add(*_syntax_problem(error))
        return None
    except yaml.YAMLError:
        log.add(1, "yaml-syntax", _syntax_message(1, 1))
        return None
    except RecursionError:  # PyYAML composes nested lists and blocks recursively
        log.add(1, "yaml-te-diep", _("Het bestand is te diep genest om te lezen."))
        return None
    if root is None or is_null(root):
        log.add(1, "leeg-bestand", _("Het bestand is leeg. Begin met 'schema_version: 1'."))
        return None
    return root


class Document(NamedTuple):
    root: Node
    data: Any  # what yaml.safe_load gives


def document(text: str, log: ProblemLog) -> Document | None:
    """The root node and the values it holds (as `yaml.safe_load` makes them), or None with
    a problem on its line: no usable document, or a value that cannot be made (an unknown
    tag such as !!python/object, a key that is a list, 2024-02-30 or `!!int` before a word).
    For a file read as data; a file read node by node (`as_date`, ...) needs only `compose`."""
    root = compose(text, log)
    if root is None:
        return None
    try:
        return Document(root, yaml.SafeLoader("").construct_document(root))
    except yaml.MarkedYAMLError as error:
        log.add(*_syntax_problem(error))
    except Exception:  # PyYAML's constructors fail on odd values in many ways (!!timestamp x)
        node = _unmakeable(root)
        log.add(line_of(node), "yaml-waarde", _unmakeable_message(node))
    return None


def _unmakeable_message(node: Node) -> str:
    value = str(node.value)[:80] if isinstance(node, ScalarNode) else ""
    if node.tag == TIMESTAMP_TAG:
        return _(
            "'{value}' is geen bestaande datum; corrigeer de datum of zet de waarde tussen "
            "aanhalingstekens."
        ).format(value=value)
    return _(
        "De waarde '{value}' past niet bij het label {tag} ervoor; haal het label weg of "
        "corrigeer de waarde."
    ).format(value=value, tag=node.tag.replace("tag:yaml.org,2002:", "!!"))


def _unmakeable(root: Node) -> Node:
    """The first value node that cannot be made on its own (the root when none is)."""
    todo, seen = [root], set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node)
            except Exception:
                return node
        elif isinstance(node, MappingNode):
            todo += [n for pair in reversed(node.value) for n in reversed(pair)]
        elif isinstance(node, SequenceNode):
            todo += reversed(node.value)
    return root


def _syntax_problem(error: yaml.MarkedYAMLError) -> tuple[int, str, str]:
    """Line, code and message for a syntax error, naming the line and column of the fault and
    the line where its part began; PyYAML's own (English) text is left out."""
    mark = error.problem_mark or error.context_mark
    line = int(mark.line) + 1 if mark is not None else 1
    column = int(mark.column) + 1 if mark is not None else 1
    message = _syntax_message(line, column)
    began = int(error.context_mark.line) + 1 if error.context_mark is not None else line
    if began != line:
        message += " " + _("Het onderdeel met de fout begint op regel {line}.").format(line=began)
    return line, "yaml-syntax", message


def _syntax_message(line: int, column: int) -> str:
    return _(
        "Dit is geen geldige YAML (regel {line}, kolom {column}). Controleer op of vlak voor "
        "deze plek de inspringing, de dubbele punten en de aanhalingstekens."
    ).format(line=line, column=column)


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def describe(node: Node) -> str:
    """What the node holds, in Dutch, for a 'wrong type' message."""
    if isinstance(node, MappingNode):
        return _("een blok met velden")
    if isinstance(node, SequenceNode):
        return _("een lijst")
    names = {
        STR_TAG: _("een tekst"),
        INT_TAG: _("een heel getal"),
        FLOAT_TAG: _("een getal"),
        NULL_TAG: _("een lege waarde"),
        BOOL_TAG: _("een ja/nee-waarde"),
        TIMESTAMP_TAG: _("een datum"),
    }
    return names.get(node.tag, _("een waarde van een onbekend soort"))


def wrong_type(node: Node, expected: str, log: ProblemLog, hint: str = "") -> None:
    message = _("Verwacht {expected}, maar hier staat {found}.").format(
        expected=expected, found=describe(node)
    )
    log.add(line_of(node), "verkeerd-type", message + hint)


def as_text(node: Node, log: ProblemLog) -> Read[str] | None:
    if not (isinstance(node, ScalarNode) and node.tag == STR_TAG):
        hint = " " + _("Zet de waarde tussen aanhalingstekens.") if _is_scalar(node) else ""
        wrong_type(node, _("een tekst"), log, hint)
        return None
    if not node.value.strip():
        log.add(line_of(node), "lege-waarde", _("Dit veld is leeg. Vul een tekst in."))
        return None
    return Read(node.value.strip(), line_of(node))


def as_integer(node: Node, log: ProblemLog) -> Read[int] | None:
    if isinstance(node, ScalarNode) and node.tag == INT_TAG:
        try:
            return Read(int(node.value.replace("_", "")), line_of(node))
        except ValueError:
            pass
    wrong_type(node, _("een heel getal, bijvoorbeeld 2043"), log)
    return None


def as_number(node: Node, log: ProblemLog) -> Read[Decimal] | None:
    number = _decimal(node)
    if number is None:
        hint = " " + _("Gebruik een punt als decimaalteken, bijvoorbeeld 12.5.")
        wrong_type(node, _("een getal"), log, hint)
        return None
    return Read(number, line_of(node))


def as_number_or_null(node: Node, log: ProblemLog) -> Read[Decimal | None] | None:
    if is_null(node):
        return Read(None, line_of(node))
    number = _decimal(node)
    if number is None:
        hint = " " + _("Schrijf null als de waarde nog niet is vastgesteld (xx in het plan).")
        wrong_type(node, _("een getal of null"), log, hint)
        return None
    return Read(number, line_of(node))


def _decimal(node: Node) -> Decimal | None:
    if not (isinstance(node, ScalarNode) and node.tag in (INT_TAG, FLOAT_TAG)):
        return None
    try:
        number = Decimal(node.value.replace("_", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def as_date(node: Node, log: ProblemLog) -> Read[date] | None:
    text = node.value if isinstance(node, ScalarNode) else ""
    if _is_scalar(node) and _DATE.fullmatch(text):
        try:
            return Read(date.fromisoformat(text), line_of(node))
        except ValueError:
            pass
    message = _(
        "Ongeldige datum '{text}'. Schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2023-02-01."
    )
    log.add(line_of(node), "ongeldige-datum", message.format(text=text))
    return None


def as_sequence(node: Node, log: ProblemLog) -> Read[list[Node]] | None:
    if not isinstance(node, SequenceNode):
        wrong_type(node, _("een lijst (regels die beginnen met '- ')"), log)
        return None
    return Read(list(node.value), line_of(node))


def _is_scalar(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag != NULL_TAG


Reader = Callable[[Node, ProblemLog], Read[T] | None]


def or_null(reader: Reader[T]) -> Reader[T | None]:
    """`reader`, but a null value (`null`, `~` or nothing) is read as None."""

    def read(node: Node, log: ProblemLog) -> Read[T | None] | None:
        return Read(None, line_of(node)) if is_null(node) else reader(node, log)

    return read


as_text_or_null = or_null(as_text)
as_integer_or_null = or_null(as_integer)
as_date_or_null = or_null(as_date)
