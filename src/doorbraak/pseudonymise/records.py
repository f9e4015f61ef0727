"""Replace the identifying fields of one row by keyed pseudonyms and encodings.

Names come as given name and surname (with or without its prefix in its own column), or as
one "Achternaam, Voornaam" column (`name_line`), split here. Initials ("A.B.", an `initials`
column or the part after a name_line's comma when that is initials) are never encoded as a
given name: linkage compares given names by their bigrams, in which "J." is unlike "Jan" and
like every other "J.", so such a row has an unknown given name and is linked on the other
fields. A given_name column is encoded as it is, an occasional initial included (measured on
the synthetic region: treating those as unknown too linked slightly worse). The version 2
name encodings (`core.encodings`, ADR 0016) do take initials: there they are one initial
token that the linkage model compares on its own level.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from doorbraak.core.encodings import encode_record, normalise_house_number, normalise_postcode
from doorbraak.core.pseudonyms import keyed_pseudonym
from doorbraak.pseudonymise.bsn import BsnResult, bsn_normalise

IDENTIFYING = frozenset(
    {
        "bsn",
        "client_id",
        "given_name",
        "initials",
        "name_line",
        "surname",
        "surname_prefix",
        "full_surname",
        "birth_date",
        "street",
        "house_number",
        "house_number_suffix",
        "address_line",
        "postcode",
        "city",
    }
)
ADDRESS_LINE = re.compile(
    r"^\s*(?P<street>.*?)\s+(?P<number>\d+)\s*(?P<suffix>[A-Za-z0-9\-/ ]*)\s*$"
)
DATE_PARTS = re.compile(r"(\d{1,4})\D?(\d{1,2})\D?(\d{1,4})")
# "A.B.", "A. B.", "Th.J.", "A.B" or a single letter: initials, not a given name
INITIALS = re.compile(r"(?:(?:chr|ch|th|ph|ij|sj|[^\W\d_])\.\s*)+[^\W\d_]?|[^\W\d_]", re.I)
# the words of a Dutch surname prefix ("van den", "in 't"), which may follow the surname
# ("Berg van den, Jan") or the given names ("Berg, Jan van den") in a name_line
PREFIX_WORDS = frozenset(
    {
        "van", "de", "der", "den", "het", "'t", "t", "ten", "ter", "te", "in", "op", "aan",
        "uit", "bij", "onder", "voor", "over", "'s", "la", "le", "du", "da", "di", "del",
        "della", "dos", "von", "vom", "zu", "zur", "auf",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Pseudonymised:
    values: dict[str, str]  # new columns, by name
    bsn: BsnResult


def address_split(fields: dict[str, str]) -> tuple[str, str, str]:
    if "address_line" not in fields:
        return (
            fields.get("street", ""),
            fields.get("house_number", ""),
            fields.get("house_number_suffix", ""),
        )
    match = ADDRESS_LINE.match(fields["address_line"])
    if not match:
        return fields["address_line"], "", ""
    return match["street"], match["number"], match["suffix"].strip()


def iso_date(raw: str, date_format: str) -> str:
    """Best-effort ISO date for encoding; an unparseable date is encoded as written."""
    text = raw.strip()
    match = DATE_PARTS.fullmatch(text)
    if not match:
        return text
    a, b, c = match.groups()
    if date_format.startswith("%d") and len(c) == 4:
        return f"{c}-{int(b):02d}-{int(a):02d}"
    if len(a) == 4:
        return f"{a}-{int(b):02d}-{int(c):02d}"
    return text


def surname_full(fields: dict[str, str]) -> str:
    if "full_surname" in fields:
        return fields["full_surname"].strip()
    return " ".join(
        p
        for p in (fields.get("surname_prefix", "").strip(), fields.get("surname", "").strip())
        if p
    )


def is_initials(text: str) -> bool:
    return bool(INITIALS.fullmatch(text.strip()))


def name_line_split(text: str) -> tuple[str, str]:
    """("Achternaam, Voornaam") -> (surname with its prefix in front, given names or
    initials): "Vos-Jansen, A.B." -> ("Vos-Jansen", "A.B."), "Berg van den, Jan" and "Berg,
    Jan van den" -> ("van den Berg", "Jan"). Without a comma it is all surname."""
    surname_part, _comma, given_part = text.partition(",")
    surname, given = surname_part.split(), given_part.split()
    prefix: list[str] = []
    while given and given[-1].casefold() in PREFIX_WORDS:
        prefix.insert(0, given.pop())
    while len(surname) > 1 and surname[-1].casefold() in PREFIX_WORDS:
        prefix.insert(0, surname.pop())
    return " ".join([*prefix, *surname]), " ".join(given)


def name_parts(fields: dict[str, str]) -> tuple[str, str, str]:
    """(surname with prefix, given name, initials) of a row; after a name_line's comma,
    initials are initials."""
    initials = fields.get("initials", "").strip()
    if "name_line" not in fields:
        return surname_full(fields), fields.get("given_name", "").strip(), initials
    surname, given = name_line_split(fields["name_line"])
    if is_initials(given):
        return surname, "", given
    return surname, given, initials


BuurtOf = Mapping[str, str]  # address_key(postcode, number+suffix) -> CBS buurt code


def address_key(postcode: str, number_and_suffix: str) -> str:
    return normalise_postcode(postcode) + normalise_house_number(number_and_suffix)


def buurt_lookup(buurt_of: BuurtOf, postcode: str, number: str, suffix: str) -> str:
    """The buurt of an address; without a match on the suffix, the number without it."""
    return buurt_of.get(address_key(postcode, f"{number}{suffix}")) or buurt_of.get(
        address_key(postcode, number), ""
    )


def record_pseudonymise(
    key: bytes,
    fields: dict[str, str],
    *,
    partner: str,
    date_format: str,
    buurt_of: BuurtOf | None = None,
) -> Pseudonymised:
    bsn = bsn_normalise(fields.get("bsn", ""))
    street, number, suffix = address_split(fields)
    postcode = normalise_postcode(fields.get("postcode", ""))
    dob = iso_date(fields.get("birth_date", ""), date_format)
    surname, given_name, initials = name_parts(fields)  # initials: version 2 only (docstring)
    values = {
        "bsn_pseudonym": keyed_pseudonym(key, "bsn", bsn.bsn) if bsn.bsn else "",
        "bsn_status": bsn.status,
        "address_pseudonym": _address_pseudonym(key, postcode, number, suffix),
    }
    if "client_id" in fields:
        values["client_pseudonym"] = keyed_pseudonym(key, f"client:{partner}", fields["client_id"])
    values["birth_year"] = dob[:4] if re.match(r"\d{4}-", dob) else ""
    values["postcode4"] = postcode[:4] if re.match(r"\d{4}", postcode) else ""
    if buurt_of is not None:
        values["buurt_code"] = buurt_lookup(buurt_of, postcode, number, suffix)
    encoded = encode_record(
        key,
        given_name=given_name,
        surname=surname,
        date_of_birth=dob,
        street=street,
        house_number=f"{number}{suffix}",
        postcode=postcode,
        city=fields.get("city", ""),
        initials=initials,
    )
    values.update(encoded)
    return Pseudonymised(values=values, bsn=bsn)


def _address_pseudonym(key: bytes, postcode: str, number: str, suffix: str) -> str:
    if not postcode or not number:
        return ""
    return keyed_pseudonym(key, "adres", postcode + normalise_house_number(f"{number}{suffix}"))
