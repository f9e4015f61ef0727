"""A survey definition as the items of an accessible page (pure: no Django): groups open and
close as fieldsets; each question carries its choices, the value given and its error."""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from doorbraak.surveys.answering import Raw
from doorbraak.surveys.expressions import parse
from doorbraak.surveys.xlsform import Choice, Definition, Question


class _Form(Protocol):
    def get(self, key: str, default: str) -> str: ...
    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class Item:
    kind: str  # open, close, note, question
    question: Question | None = None
    choices: list[Choice] = field(default_factory=list)
    value: Raw = None
    error: str = ""

    @property
    def selected(self) -> list[str]:
        if isinstance(self.value, list):
            return self.value
        return [self.value] if self.value else []

    @property
    def relevance(self) -> str:
        """The `relevant` expression as a JSON tree for the page's script; "" when none."""
        if self.question is None or not self.question.relevant:
            return ""
        return json.dumps(_plain(parse(self.question.relevant).tree))

    @property
    def input_type(self) -> str:
        kind = self.question.type if self.question else ""
        return {"integer": "text", "decimal": "text", "date": "date"}.get(kind, "text")

    @property
    def input_mode(self) -> str:
        kind = self.question.type if self.question else ""
        return {"integer": "numeric", "decimal": "decimal"}.get(kind, "")


def raw_answers(definition: Definition, form: _Form) -> dict[str, Raw]:
    answers: dict[str, Raw] = {}
    for question in definition.questions:
        if question.type == "select_multiple":
            answers[question.name] = form.getlist(question.name)
        elif question.type not in ("group", "note"):
            answers[question.name] = form.get(question.name, "")
    return answers


def page_items(
    definition: Definition, raw: Mapping[str, Raw], errors: Mapping[str, str]
) -> list[Item]:
    items: list[Item] = []
    depth = 0
    for question in definition.questions:
        while depth > question.depth:
            items.append(Item("close"))
            depth -= 1
        if question.type == "group":
            items.append(Item("open", question))
            depth += 1
        elif question.type == "note":
            items.append(Item("note", question))
        else:
            items.append(
                Item(
                    "question",
                    question,
                    definition.choices_of(question.list_name),
                    raw.get(question.name),
                    errors.get(question.name, ""),
                )
            )
    items.extend(Item("close") for _ in range(depth))
    return items


def _plain(node: object) -> object:
    """An expression tree as JSON can hold it: tuples as lists, numbers as numbers."""
    if isinstance(node, tuple):
        return [_plain(part) for part in node]
    if isinstance(node, Decimal):
        return float(node)
    return node
