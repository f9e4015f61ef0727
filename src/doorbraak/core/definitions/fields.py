"""The fields of one block (YAML mapping): unknown, missing and duplicate keys, typed reads."""

from collections.abc import Sequence
from dataclasses import dataclass
from gettext import gettext as _
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode

from doorbraak.core.definitions.nodes import (
    STR_TAG,
    Read,
    Reader,
    as_sequence,
    as_text,
    line_of,
    wrong_type,
)
from doorbraak.core.definitions.problems import ProblemLog, closest, did_you_mean, quoted_list

T = TypeVar("T")


@dataclass(frozen=True)
class Shape:
    """The keys a block must and may have; `label` names the block in Dutch messages."""

    label: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return self.required + self.optional


def fields_of(node: Node, shape: Shape, log: ProblemLog) -> "Fields | None":
    """The block's fields, or None (with a problem) when the node is not a block."""
    if not isinstance(node, MappingNode):
        wrong_type(
            node,
            _("een blok met velden (naam: waarde) voor {label}").format(label=_(shape.label)),
            log,
        )
        return None
    return Fields(node, shape, log)


class Fields:
    """The values of one block by key, after reporting keys that do not belong there."""

    def __init__(self, node: MappingNode, shape: Shape, log: ProblemLog) -> None:
        self.line = line_of(node)
        self._log = log
        self._nodes: dict[str, Node] = {}
        self._key_lines: dict[str, int] = {}
        self._suggested: set[str] = set()
        for key_node, value_node in node.value:
            self._add(key_node, value_node, shape)
        self._report_missing(shape)

    def _add(self, key_node: Node, value_node: Node, shape: Shape) -> None:
        if not (isinstance(key_node, ScalarNode) and key_node.tag == STR_TAG):
            wrong_type(key_node, _("een veldnaam"), self._log)
            return
        key, line = key_node.value, line_of(key_node)
        if key not in shape.keys:
            self._report_unknown(key, line, shape)
        elif key in self._nodes:
            self._report_duplicate(key, line)
        else:
            self._nodes[key] = value_node
            self._key_lines[key] = line

    def _report_unknown(self, key: str, line: int, shape: Shape) -> None:
        message = _("Onbekend veld '{key}' in {label}.").format(key=key, label=_(shape.label))
        hint = did_you_mean(key, shape.keys)
        self._suggested.update(closest(key, shape.keys))
        if not hint:
            hint = " " + _("Toegestane velden: {keys}.").format(keys=quoted_list(shape.keys))
        self._log.add(line, "onbekend-veld", message + hint)

    def _report_duplicate(self, key: str, line: int) -> None:
        message = _(
            "Het veld '{key}' staat twee keer in hetzelfde blok (eerst op regel {first}). "
            "Houd er één over."
        )
        self._log.add(line, "dubbel-veld", message.format(key=key, first=self._key_lines[key]))

    def _report_missing(self, shape: Shape) -> None:
        """Report absent required keys, except one already offered for a misspelt key."""
        message = _("Het verplichte veld '{key}' ontbreekt in {label}. Voeg het toe.")
        for key in shape.required:
            if key not in self._nodes and key not in self._suggested:
                self._log.add(
                    self.line, "ontbrekend-veld", message.format(key=key, label=_(shape.label))
                )

    def node(self, key: str) -> Node | None:
        return self._nodes.get(key)

    def read(self, key: str, reader: Reader[T]) -> Read[T] | None:
        """The value under `key` read by `reader`; None when absent or unreadable."""
        node = self._nodes.get(key)
        return None if node is None else reader(node, self._log)

    def choice(self, key: str, allowed: Sequence[str]) -> Read[str] | None:
        """A text that must be one of `allowed`."""
        node = self._nodes.get(key)
        return None if node is None else read_choice(node, key, allowed, self._log)

    def items(self, key: str, empty_message: str = "") -> list[Node]:
        """The items of the list under `key`; an empty list is a problem if a message is given."""
        read = self.read(key, as_sequence)
        if read is None:
            return []
        if not read.value and empty_message:
            self._log.add(read.line, "lege-lijst", empty_message)
        return read.value


def read_choice(node: Node, key: str, allowed: Sequence[str], log: ProblemLog) -> Read[str] | None:
    text = as_text(node, log)
    if text is None or text.value in allowed:
        return text
    message = _("Ongeldige waarde '{value}' voor '{key}'.").format(value=text.value, key=key)
    hint = did_you_mean(text.value, allowed)
    options = " " + _("Kies uit: {options}.").format(options=quoted_list(allowed))
    log.add(text.line, "ongeldige-waarde", message + hint + options)
    return None
