"""A small, safe evaluator for XLSForm's `relevant` and `constraint` expressions (pure: no Django).

The supported subset: `${field}` references, `.` (the answer itself, in a constraint), string
and number literals, comparisons (`=`, `!=`, `<`, `<=`, `>`, `>=`), `and`, `or`, `not(...)`,
parentheses and `selected(${field}, 'code')`. Anything else is refused with a Dutch message when
the form is checked; nothing is ever handed to Python's `eval`. An expression is parsed once
into a tree of tuples and evaluated against the answers given so far.

An unanswered field is empty: a comparison with an empty side is false (as in XPath, where an
empty node-set compares false), so `${a} = 'ja'` holds only once `a` is answered `ja`.
"""

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Final

Value = str | Decimal | date | list[str] | None
Node = tuple[object, ...]

_TOKEN: Final = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{(?P<name>[A-Za-z_][A-Za-z0-9_.-]*)\})
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<number>-?\d+(?:\.\d+)?)
      | (?P<op><=|>=|!=|=|<|>)
      | (?P<punct>[(),])
      | (?P<dot>\.(?![0-9A-Za-z_]))
      | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
    )""",
    re.VERBOSE,
)
_KINDS: Final = ("ref", "string", "number", "op", "punct", "dot", "word")
COMPARISONS: Final = ("=", "!=", "<", "<=", ">", ">=")
_ORDERED: Final[dict[str, Callable[[Any, Any], bool]]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


class ExpressionError(ValueError):
    """An expression outside the supported subset; the message is Dutch."""


@dataclass(frozen=True)
class Expression:
    text: str
    tree: Node

    @property
    def references(self) -> frozenset[str]:
        return frozenset(_references(self.tree))

    @property
    def uses_self(self) -> bool:
        return _uses_self(self.tree)

    def holds(self, answers: Mapping[str, Value], own: Value = None) -> bool:
        return bool(_evaluate(self.tree, answers, own))


def parse(text: str) -> Expression:
    """The expression as a tree, or ExpressionError saying what is not supported."""
    tokens = _tokens(text)
    parser = _Parser(tokens)
    tree = parser.expression()
    if parser.position != len(tokens):
        raise ExpressionError(f"onverwacht '{tokens[parser.position][1]}' in '{text}'")
    return Expression(text, tree)


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            rest = text[position:].strip()[:20]
            raise ExpressionError(f"niet ondersteund: '{rest}' (in '{text}')")
        kind = next(k for k in _KINDS if match.group(k))
        value = match.group("name") if kind == "ref" else match.group(kind)
        tokens.append((kind, value))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent: or → and → not → comparison → operand."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else ("end", "")

    def take(self, kind: str, value: str | None = None) -> str:
        found_kind, found = self.peek()
        if found_kind != kind or (value is not None and found != value):
            expected = value or kind
            raise ExpressionError(f"verwacht '{expected}', gevonden '{found or 'einde'}'")
        self.position += 1
        return found

    def expression(self) -> Node:
        node = self.conjunction()
        while self.peek() == ("word", "or"):
            self.position += 1
            node = ("or", node, self.conjunction())
        return node

    def conjunction(self) -> Node:
        node = self.negation()
        while self.peek() == ("word", "and"):
            self.position += 1
            node = ("and", node, self.negation())
        return node

    def negation(self) -> Node:
        if self.peek() == ("word", "not"):
            self.position += 1
            self.take("punct", "(")
            inner = self.expression()
            self.take("punct", ")")
            return ("not", inner)
        return self.comparison()

    def comparison(self) -> Node:
        left = self.operand()
        if self.peek()[0] == "op":
            operator = self.take("op")
            return ("compare", operator, left, self.operand())
        return left

    def operand(self) -> Node:
        kind, value = self.peek()
        if kind in ("ref", "string", "number", "dot"):
            self.position += 1
            return _leaf(kind, value)
        if (kind, value) == ("punct", "("):
            self.position += 1
            inner = self.expression()
            self.take("punct", ")")
            return inner
        if kind == "word":
            return self.function(value)
        raise ExpressionError(f"verwacht een waarde, gevonden '{value or 'einde'}'")

    def function(self, name: str) -> Node:
        self.position += 1
        if name in ("true", "false"):
            self.take("punct", "(")
            self.take("punct", ")")
            return ("literal", name == "true")
        if name != "selected":
            raise ExpressionError(f"de functie of het woord '{name}' wordt niet ondersteund")
        self.take("punct", "(")
        field = self.operand()
        self.take("punct", ",")
        code = self.operand()
        self.take("punct", ")")
        if field[0] not in ("ref", "self") or code[0] != "literal":
            raise ExpressionError(
                "selected() verwacht een veld en een code: selected(${veld}, 'code')"
            )
        return ("selected", field, code)


def _leaf(kind: str, value: str) -> Node:
    if kind == "ref":
        return ("ref", value)
    if kind == "dot":
        return ("self",)
    if kind == "number":
        return ("literal", Decimal(value))
    return ("literal", value[1:-1])


def _references(node: Node) -> list[str]:
    if node[0] == "ref":
        return [str(node[1])]
    return [name for child in node[1:] if isinstance(child, tuple) for name in _references(child)]


def _uses_self(node: Node) -> bool:
    return node[0] == "self" or any(isinstance(c, tuple) and _uses_self(c) for c in node[1:])


def _evaluate(node: Node, answers: Mapping[str, Value], own: Value) -> object:
    head = node[0]
    if head in ("or", "and", "not"):
        values = (_truth(_evaluate(_node(child), answers, own)) for child in node[1:])
        if head == "not":
            return not next(values)
        return any(values) if head == "or" else all(values)
    if head == "compare":
        left, right = (_evaluate(_node(child), answers, own) for child in node[2:])
        return _compare(str(node[1]), left, right)
    if head == "selected":
        chosen = _evaluate(_node(node[1]), answers, own)
        return str(_node(node[2])[1]) in _as_list(chosen)
    if head == "ref":
        return answers.get(str(node[1]))
    if head == "self":
        return own
    return node[1]  # a literal


def _node(child: object) -> Node:
    if not isinstance(child, tuple):
        raise ExpressionError(f"onverwacht deel van een expressie: {child!r}")
    return child


def _truth(value: object) -> bool:
    if isinstance(value, list):
        return bool(value)
    return value not in (None, "", False, Decimal(0))


def _as_list(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).split() if value not in (None, "") else []


def _compare(op: str, left: object, right: object) -> bool:
    if _empty(left) or _empty(right):
        return op == "!=" and not (_empty(left) and _empty(right))
    a, b = _comparable(left), _comparable(right)
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return _ORDERED[op](a, b)
    return _ORDERED[op](str(a), str(b))


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def _comparable(value: object) -> Decimal | str:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return " ".join(value)
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return str(value)
