"""Keyed per-field Bloom-filter encodings of identifying fields (pure: no Django).

Each field (given name, surname, date of birth, street + house number, postcode, city) is
encoded on its own: never one record-level filter, which a benchmark found far less accurate.
A field's value is normalised, split into tokens (padded bigrams for text; date tokens, see
`date_tokens`) and every token sets `HASHES_PER_TOKEN` bits in a filter of `FILTER_BITS` bits.
Similarity of two encodings of one field is their Dice coefficient (`dice`).

Hardening against frequency attacks: **keyed random hashing with a per-field key**. The bit
positions of a token are drawn from HMAC-SHA256 under a key derived from the partners' secret
key and the field name (`HMAC(key, "doorbraak-linkage-v1/<field>")`), a fresh pseudo-random
choice per token, not the double hashing (h1 + i*h2) that the published pattern-mining attacks
on Bloom filters exploit (Niedermeyer et al. 2014, Kroll & Steinmetzer 2015). Without the key
nobody can encode a guessed name to compare, a bigram's positions cannot be learned from one
field and reused on another, and positions carry no structure across tokens. The residual
risk is whole-filter frequency alignment (the most frequent surname filter is probably the
most frequent surname); it is bounded by keeping the key at the partners and the encodings in
the monitor zone under access control, and it is weighed in the ADR.

Date of birth is encoded so that a day/month swap or a one-digit typo keeps a high Dice
(about 0.83-0.88); an unrelated date in the same year scores about 0.55.

Missing values encode to the empty string; `dice` with an empty side is 0.0 and the linkage
model treats the field as missing.

Names, version 2 (`enc_given_name_v2`, `enc_surname_v2`, ADR 0016): normalised at the partner
before encoding, and both encoded under ONE key (`NAMES_V2`), so that the linkage model can
compare a given name with a surname and see two swapped fields. The surname loses its
tussenvoegsels ("van der Berg", "Berg, van der", "v.d. Berg" all encode as "berg"); the parts
of a double surname ("Jansen-de Vries") are encoded as separate tokens; the given name is the
first given name, plus a token for its initial, and initials alone ("J.", "J.P.") encode as
that initial token only (`given_name_tokens`). The version 1 columns stay as they were, so a
record pseudonymised before version 2 still links on them (`linkage.model` compares version 2
where both records have it, else version 1).
"""

import base64
import binascii
import hashlib
import hmac
import re
import unicodedata
from functools import lru_cache

FILTER_BITS = 1000
HASHES_PER_TOKEN = 15
DOMAIN = "doorbraak-linkage-v1"

ENCODED_FIELDS = (
    "enc_given_name",
    "enc_surname",
    "enc_dob",
    "enc_address",
    "enc_postcode",
    "enc_city",
    "enc_given_name_v2",
    "enc_surname_v2",
)
NAMES_V1 = ("enc_given_name", "enc_surname")
NAMES_V2 = ("enc_given_name_v2", "enc_surname_v2")
NAMES_V2_KEY = "names-v2"  # one key for both version 2 name fields: comparable crosswise
# Dutch surname prefixes (tussenvoegsels) and their abbreviations ("v.d." -> "v", "d")
NAME_PREFIXES = frozenset(
    {
        "van", "de", "der", "den", "het", "t", "ten", "ter", "te", "in", "op", "aan", "uit",
        "bij", "onder", "voor", "over", "s", "la", "le", "du", "da", "di", "del", "della", "dos",
        "von", "vom", "zu", "zur", "auf", "v", "d", "vd", "vde", "vden", "vder", "v/d",
    }
)  # fmt: skip
_NOT_LETTERS = re.compile(r"[^a-z]+")
_SPACES = re.compile(r"\s+")
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
_INITIALS = re.compile(r"(?:(?:chr|ch|th|ph|ij|sj|[a-z])\.\s*)+[a-z]?|[a-z]")

_DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
    re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})$"),
)


def normalise_name(value: str) -> str:
    """Lower case, no accents, letters and single spaces only ('Ö-zdemir ' → 'o zdemir')."""
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(_NOT_LETTERS.sub(" ", text).split())


def normalise_postcode(value: str) -> str:
    """'9641 ab' → '9641AB'; anything else is kept upper case without spaces."""
    return _SPACES.sub("", value or "").upper()


def normalise_house_number(value: str) -> str:
    """'12 A', '12-a', '12a' → '12a'."""
    return _NOT_ALPHANUMERIC.sub("", (value or "").lower())


@lru_cache(maxsize=100_000)
def normalise_date(value: str) -> str:
    """YYYY-MM-DD, YYYYMMDD or dd-mm-jjjj → 'YYYY-MM-DD'; '' when empty or unreadable.

    A calendar-impossible day such as 31-06 is kept: as a typo it still carries information.
    """
    text = (value or "").strip().split(" ")[0].split("T")[0]
    for pattern in _DATE_PATTERNS:
        found = pattern.match(text)
        if found:
            day, month = int(found["d"]), int(found["m"])
            if 1 <= day <= 31 and 1 <= month <= 12:
                return f"{found['y']}-{month:02d}-{day:02d}"
    return ""


def surname_tokens(value: str) -> set[str]:
    """Bigrams of a surname's parts without tussenvoegsels ('Berg, van der' -> 'berg').

    A comma puts the part after it in front ("Berg, van der" is "van der Berg"); every word
    that is a prefix or its abbreviation is dropped as long as another word remains; each
    remaining part (a double surname has two) gives its own padded bigrams.
    """
    before, _comma, after = (value or "").partition(",")
    words = normalise_name(f"{after} {before}").split()
    kept = [w for w in words if w not in NAME_PREFIXES] or words[-1:]
    found: set[str] = set()
    for word in kept:
        found |= bigrams(word)
    return found


def given_name_tokens(value: str) -> set[str]:
    """The first given name's bigrams and its initial ('Jan Pieter' -> _j ja an n_ i:j);
    initials alone ('J.', 'J.P.') are only the first initial."""
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().strip()
    if not text:
        return set()
    if _INITIALS.fullmatch(text):
        return {f"i:{text[0]}"}
    words = normalise_name(text).split()
    if not words:
        return set()
    return bigrams(words[0]) | {f"i:{words[0][0]}"}


def bigrams(text: str) -> set[str]:
    """Padded bigrams of a normalised value without spaces ('jan' → _j ja an n_)."""
    if not text:
        return set()
    padded = f"_{text.replace(' ', '')}_"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def date_tokens(iso_date: str) -> set[str]:
    """Tokens of a normalised date: swap- and typo-tolerant (see the module docstring)."""
    if not iso_date:
        return set()
    year, month, day = iso_date.split("-")
    tokens = {f"y:{year}", f"yd:{year[:3]}", f"d:{day}", f"m:{month}"}
    tokens |= {f"y{i}:{digit}" for i, digit in enumerate(year)}
    for part in (day, month):  # unordered: the same tokens after a day/month swap
        tokens |= {f"dm:{part}", f"dv0:{part[0]}", f"dv1:{part[1]}"}
    return tokens


@lru_cache(maxsize=256)
def field_key(key: bytes, field: str) -> bytes:
    return hmac.new(key, f"{DOMAIN}/{field}".encode(), hashlib.sha256).digest()


def _positions(fkey: bytes, token: str) -> tuple[int, ...]:
    """HASHES_PER_TOKEN pseudo-random bit positions of a token (keyed random hashing)."""
    found: list[int] = []
    counter = 0
    while len(found) < HASHES_PER_TOKEN:
        block = hmac.new(fkey, f"{counter}\x1f{token}".encode(), hashlib.sha256).digest()
        found += [int.from_bytes(block[i : i + 4], "big") % FILTER_BITS for i in range(0, 32, 4)]
        counter += 1
    return tuple(found[:HASHES_PER_TOKEN])


def _mask(fkey: bytes, token: str) -> int:
    """The token's bits as one integer (the filter is the OR of its tokens' masks)."""
    mask = 0
    for position in _positions(fkey, token):
        mask |= 1 << position
    return mask


_MASKS: dict[bytes, dict[str, int]] = {}  # field key -> token -> mask (tokens are few: bigrams)
_MASK_KEYS = 64  # field keys remembered; more (many fresh keys in one process) starts afresh


def _masks_of(fkey: bytes) -> dict[str, int]:
    masks = _MASKS.get(fkey)
    if masks is None:
        if len(_MASKS) >= _MASK_KEYS:
            _MASKS.clear()
        masks = _MASKS[fkey] = {}
    return masks


def bloom_encode(fkey: bytes, tokens: set[str]) -> str:
    """Base64 of the filter's bits; '' for no tokens (a missing value)."""
    if not tokens:
        return ""
    masks, bits = _masks_of(fkey), 0
    for token in tokens:
        mask = masks.get(token)
        if mask is None:
            mask = masks[token] = _mask(fkey, token)
        bits |= mask
    return binascii.b2a_base64(bits.to_bytes(FILTER_BITS // 8, "big"), newline=False).decode()


def encoding_bits(encoding: str) -> int:
    return int.from_bytes(base64.b64decode(encoding), "big") if encoding else 0


def dice(a: str, b: str) -> float:
    """Dice coefficient of two encodings of one field; 0.0 when either is missing."""
    bits_a, bits_b = encoding_bits(a), encoding_bits(b)
    total = bits_a.bit_count() + bits_b.bit_count()
    return 2 * (bits_a & bits_b).bit_count() / total if total else 0.0


def encode_record(
    key: bytes,
    *,
    given_name: str,
    surname: str,
    date_of_birth: str,
    street: str,
    house_number: str,
    postcode: str,
    city: str,
    initials: str = "",
    version_1_names: bool = True,
) -> dict[str, str]:
    """Per-field keyed encodings of one person record, plus birth year in clear.

    `birth_year` ('' when unknown) is non-identifying context for review and blocking.
    `version_1_names=False` leaves the version 1 name columns empty (a fresh key, as in
    `doorbraak link`, has no older deliveries to link with). `initials` stand in for a
    missing given name in version 2 only.
    """
    dob = normalise_date(date_of_birth)
    encoded = {
        "enc_given_name": _encoded(key, "enc_given_name", given_name if version_1_names else ""),
        "enc_surname": _encoded(key, "enc_surname", surname if version_1_names else ""),
        "enc_dob": _encoded(key, "enc_dob", dob),
        "enc_address": _encoded(key, "enc_address", f"{street}\x1f{house_number}"),
        "enc_postcode": _encoded(key, "enc_postcode", postcode),
        "enc_city": _encoded(key, "enc_city", city),
        "enc_given_name_v2": _encoded(key, "enc_given_name_v2", given_name or initials),
        "enc_surname_v2": _encoded(key, "enc_surname_v2", surname),
    }
    encoded["birth_year"] = dob[:4]
    return encoded


def _tokens(field: str, value: str) -> set[str]:
    """The tokens of one field's raw value (normalised here)."""
    if field in ("enc_given_name", "enc_surname", "enc_city"):
        return bigrams(normalise_name(value))
    if field == "enc_dob":
        return date_tokens(value)
    if field == "enc_address":
        street, _sep, house_number = value.partition("\x1f")
        number = normalise_house_number(house_number)
        text = f"{normalise_name(street)} {number}".strip()
        return bigrams(text) | ({f"#{number}"} if number else set())
    if field == "enc_postcode":
        return bigrams(normalise_postcode(value))
    if field == "enc_given_name_v2":
        return given_name_tokens(value)
    return surname_tokens(value)


@lru_cache(maxsize=300_000)
def _encoded(key: bytes, field: str, value: str) -> str:
    """One field's encoding, cached per raw value: a partner's export repeats its clients, and
    names, streets, postcodes and places repeat between clients."""
    fkey = field_key(key, NAMES_V2_KEY if field in NAMES_V2 else field)
    return bloom_encode(fkey, _tokens(field, value))
