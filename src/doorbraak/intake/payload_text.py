"""A staged record's payload as JSON text, exactly as `json.JSONEncoder(sort_keys=True)` writes
it, put together from pieces instead of encoded value by value: the text of a checked value is
worked out once per distinct cell (`RowChecker` keeps it), and a row's free strings go into a
template between quotes as they are when none of them holds a character to escape.

The digest that tells a changed record from an unchanged one is taken of this text: it must not
differ by a byte from the encoder's (tests/intake/test_payload_text.py). Pure: no Django.
"""

import json
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring_ascii
from operator import itemgetter
from typing import Any

# sorted keys; `default=str` for anything JSON has no type for
ENCODER = json.JSONEncoder(sort_keys=True, default=str, check_circular=False)
# what the encoder writes as it is (ASCII from ' ' to '~' but '"' and '\'): the rest it escapes
AS_IS = bytes(c for c in range(0x20, 0x7F) if c not in b'"\\')


def value_text(value: Any) -> str:
    """One value as the encoder writes it inside an object."""
    return encode_basestring_ascii(value) if value.__class__ is str else ENCODER.encode(value)


class PayloadText:
    """The JSON text of payloads with the keys `strings` (values that are strings) and `others`
    (values whose JSON text is given), keys sorted, `", "` and `": "` between, as the encoder
    writes them."""

    def __init__(self, strings: Sequence[str], others: Sequence[str]) -> None:
        keys = [*strings, *others]
        if len(set(keys)) != len(keys):
            raise ValueError("a payload's keys are unique")
        order = sorted(range(len(keys)), key=keys.__getitem__)
        self.pick = _picker(order)
        quote = ['"' if i < len(strings) else "" for i in range(len(keys))]
        pieces = [f"{_literal(keys[i])}: {quote[i]}%s{quote[i]}" for i in order]
        self.template = "{" + ", ".join(pieces) + "}"

    def text(self, strings: list[str], others: list[str]) -> str:
        joined = "".join(strings).encode("utf-8", "surrogatepass")
        if joined.translate(None, AS_IS):  # something to escape: as the encoder does
            strings = [encode_basestring_ascii(s)[1:-1] for s in strings]
        return self.template % self.pick(strings + others)


def _picker(order: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    if len(order) > 1:
        return itemgetter(*order)
    return lambda values: tuple(values)  # one value or none: as given


def _literal(key: str) -> str:
    """The key as the encoder writes it, as a literal in a %-template."""
    return encode_basestring_ascii(key).replace("%", "%%")
