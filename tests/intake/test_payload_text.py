"""The payload's JSON text put together from pieces is, byte for byte, what the encoder writes:
the digest that tells an unchanged record from a changed one is taken of it."""

import datetime as dt
import string

from hypothesis import given
from hypothesis import strategies as st

from doorbraak.intake.payload_text import ENCODER, PayloadText, value_text

key = st.text(min_size=1, max_size=8)
# strings as pseudonymise writes them (hex, base64), and anything else too
plain = st.text(alphabet=string.ascii_letters + string.digits + "+/=-_ .:", max_size=40)
anything = st.text(max_size=20)
# what the encoder escapes: quotes, backslashes, control characters, DEL, non-ASCII, surrogates
tricky = st.text(alphabet='"\\\x00\x1f\x7f\x80\u00e9\u2028\ud800 a%{}', max_size=10)
value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    plain,
    anything,
    tricky,
    st.dates(),
    st.lists(st.integers(), max_size=3),
)


@given(
    strings=st.dictionaries(key, st.one_of(plain, anything, tricky), max_size=12),
    others=st.dictionaries(key, value, max_size=12),
)
def test_the_text_is_the_encoders(strings: dict[str, str], others: dict[str, object]) -> None:
    others = {k: v for k, v in others.items() if k not in strings}
    text = PayloadText(list(strings), list(others)).text(
        list(strings.values()), [value_text(v) for v in others.values()]
    )
    assert text == ENCODER.encode(strings | others)


def test_keys_that_look_like_templates_are_only_keys() -> None:
    strings, others = {"%s": "a%sb", "{0}": "{}"}, {"%%": None, "}{": dt.date(2025, 1, 2)}
    text = PayloadText(list(strings), list(others)).text(
        list(strings.values()), [value_text(v) for v in others.values()]
    )
    assert text == ENCODER.encode(strings | others)


def test_no_keys_and_one_key() -> None:
    assert PayloadText([], []).text([], []) == "{}"
    assert PayloadText(["a"], []).text(["\u00e9"], []) == ENCODER.encode({"a": "\u00e9"})
    assert PayloadText([], ["b"]).text([], ["2"]) == '{"b": 2}'
