"""Properties of the keyed per-field Bloom-filter encodings."""

from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.core.encodings import (
    ENCODED_FIELDS,
    dice,
    encode_record,
    normalise_date,
    normalise_name,
    normalise_postcode,
)

KEY = b"k" * 32
OTHER_KEY = b"o" * 32
PERSON = {
    "given_name": "Johannes",
    "surname": "Jansen",
    "date_of_birth": "1980-03-12",
    "street": "Hoofdstraat",
    "house_number": "12",
    "postcode": "9641 AB",
    "city": "Veendam",
}


def encode(key: bytes = KEY, **changes: str) -> dict[str, str]:
    return encode_record(key, **{**PERSON, **changes})


def test_same_value_same_key_gives_the_same_encoding() -> None:
    assert encode() == encode()


def test_another_key_gives_unrelated_encodings() -> None:
    mine, theirs = encode(), encode(OTHER_KEY)
    for field in ENCODED_FIELDS:
        assert dice(mine[field], theirs[field]) < 0.35


def test_fields_use_their_own_keys() -> None:
    same_text = encode(given_name="Jansen")
    assert dice(same_text["enc_given_name"], same_text["enc_surname"]) < 0.35


def test_typo_keeps_a_high_dice_and_another_name_a_low_one() -> None:
    assert dice(encode()["enc_surname"], encode(surname="Janssen")["enc_surname"]) > 0.85
    assert dice(encode()["enc_surname"], encode(surname="Bakker")["enc_surname"]) < 0.3


def test_date_formats_agree_and_swaps_and_typos_stay_similar() -> None:
    iso = encode()["enc_dob"]
    assert encode(date_of_birth="12-03-1980")["enc_dob"] == iso
    assert encode(date_of_birth="19800312")["enc_dob"] == iso
    for variant in ("1980-12-03", "1981-03-12", "1980-03-13"):
        assert dice(iso, encode(date_of_birth=variant)["enc_dob"]) > 0.8
    assert dice(iso, encode(date_of_birth="1955-07-25")["enc_dob"]) < 0.4


def test_missing_values_encode_empty_and_score_zero() -> None:
    empty = encode(given_name="", date_of_birth="onbekend")
    assert empty["enc_given_name"] == ""
    assert empty["enc_dob"] == ""
    assert empty["birth_year"] == ""
    assert dice("", encode()["enc_given_name"]) == 0.0


def test_normalisers() -> None:
    assert normalise_name(" Özdemir-Van  Dijk ") == "ozdemir van dijk"
    assert normalise_postcode("9641 ab") == "9641AB"
    assert normalise_date("31-06-2025") == "2025-06-31"
    assert normalise_date("") == ""


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=15))
def test_dice_of_a_value_with_itself_is_one(name: str) -> None:
    encoded = encode(surname=name)["enc_surname"]
    assert dice(encoded, encoded) == 1.0
    assert 0.0 <= dice(encoded, encode()["enc_surname"]) <= 1.0
