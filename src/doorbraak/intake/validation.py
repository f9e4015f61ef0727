"""Check a delivered table against its mapping, row by row: types, code lists, keys.

Cells are parsed by `doorbraak.sources.values.value_parse`; every problem becomes a stable
intake code and a Dutch message that names the column, the row and what to do. Columns that
identify a person (BSN, name, birth date, street) refuse the whole file: they must be
pseudonymised at the partner first.
"""

import datetime as dt
import hashlib
import itertools
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorbraak.core.encodings import ENCODED_FIELDS
from doorbraak.core.errors import UserError
from doorbraak.core.problems import Problem
from doorbraak.intake.payload_text import ENCODER, PayloadText, value_text
from doorbraak.register.schema import IDENTITY_FIELDS, IDENTITY_KEPT, dataset_kinds
from doorbraak.sources.mapping import DatasetMapping, PartnerMapping
from doorbraak.sources.values import TOTAL_WORDS, value_parse

# identity fields: a column the mapping maps to one of these never reaches the platform
IDENTIFYING = frozenset(f.name for f in IDENTITY_FIELDS) - IDENTITY_KEPT
# what `doorbraak pseudonymise` writes besides the declared columns: the only undeclared
# columns kept; every other undeclared column is dropped before anything is written
PSEUDONYM_COLUMNS = frozenset(
    {
        "bsn_pseudonym",
        "bsn_status",
        "address_pseudonym",
        "client_pseudonym",
        "birth_year",
        "postcode4",
        "buurt_code",
        *ENCODED_FIELDS,
    }
)
DATE_HINT = {"%d-%m-%Y": "dd-mm-jjjj", "%Y-%m-%d": "jjjj-mm-dd"}
# value_parse's codes → the intake's stable codes (what stewards and their scripts see)
CODES = {
    "ongeldige-datum": "datum-ongeldig",
    "ongeldig-geheel-getal": "getal-ongeldig",
    "ongeldig-bedrag": "bedrag-ongeldig",
    "onbekende-code": "code-onbekend",
}
TYPED = ("date", "integer", "decimal")
# the columns `doorbraak pseudonymise` adds: the row number in the partner's own export, and
# the problem it found in the identifying columns only it sees ("code:Kolom")
ROW_COLUMN, PROBLEM_COLUMN = "_regel", "_probleem"
PSEUDONYMISE_WARNINGS = frozenset(
    {
        "bsn-hersteld", "bsn-ongeldig", "geboortedatum-ongeldig", "geboortedatum-onwaarschijnlijk",
        "naam-zonder-komma",
    }
)  # fmt: skip
# every code `doorbraak pseudonymise` writes: any other text in `_probleem` is not its own
PSEUDONYMISE_CODES = PSEUDONYMISE_WARNINGS | {
    "regel-totaal", "regel-te-weinig-velden", "regel-te-veel-velden", "regel-afgebroken",
    "regel-onleesbaar", "regel-te-lang",
}  # fmt: skip
MAX_ROW_NUMBER = 2_147_483_647  # `RowResult.row_number`
# A header that names a BSN, name, birth date or address, however the partner spells it
# (compared without case, spaces and punctuation).
IDENTIFYING_HEADERS = frozenset(
    {
        "bsn", "bsnnummer", "bsnnr", "burgerservicenummer", "burgerservicenr", "sofinummer",
        "sofinr", "naam", "klantnaam", "clientnaam", "cliëntnaam", "huurdernaam", "achternaam",
        "voornaam", "voornamen", "voorletters", "roepnaam", "tussenvoegsel", "voorvoegsel",
        "geslachtsnaam", "volledigenaam", "naamklant", "gebdatum", "gebdat", "geboortedatum",
        "geboortedat", "geborenop", "geboren", "adres", "woonadres", "straat", "straatnaam",
        "huisnummer", "huisnr", "toevoeging", "toev", "postcode", "postcodehuisnummer",
        "woonplaats", "plaats", "huurdernummer", "klantnummer", "clientnummer", "cliëntnummer",
        "leerlingnummer", "relatienummer", "debiteurnummer",
    }
)  # fmt: skip
NINE_DIGITS = re.compile(r"\d{9}")
POSTCODE_NUMBER = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\s*[-,]?\s*\d{1,5}\b")
DATE_LIKE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](19|20)\d{2}|(19|20)\d{2}-\d{2}-\d{2}")
EARLIEST = dt.date(1900, 1, 1)
OPEN_END = ("_end", "_to", "end_date")  # planned ends may lie ahead
_JSON = ENCODER  # sorted keys: the digest is taken of this text
CACHE_SIZE = 20_000  # distinct cells remembered per typed column (dates, levels, codes recur)
_MISSING = object()
_EMPTY = itertools.repeat("")  # every cell a row lacks: `map(row.get, keys, _EMPTY)`


class ParsedRow(NamedTuple):
    """One checked row: rejected (`problem`), or stored with its payload, given as a dict
    (`payload`) or, when every cell was one seen fine before, only as its JSON text
    (`encoded`: the import needs nothing else, and building the dict cost 2 µs a row)."""

    number: int
    key: str
    payload: dict[str, Any] | None
    problem: Problem | None
    warning: Problem | None = None  # a stored row that was repaired or looks doubtful
    encoded: str | None = None  # `text`, when the checker put it together already

    @property
    def text(self) -> str:
        """The payload as JSON, keys sorted: what the digest is taken of."""
        return _JSON.encode(self.payload) if self.encoded is None else self.encoded

    @property
    def data(self) -> dict[str, Any] | None:
        """The payload as a dict (None for a rejected row)."""
        if self.payload is None and self.encoded is not None:
            return json.loads(self.encoded)
        return self.payload

    @property
    def digest(self) -> str:
        return payload_digest(self.text)


def payload_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def identifying_columns(header: list[str], spec: dict[str, Any]) -> list[str]:
    columns: dict[str, str] = spec.get("columns") or {}
    named = {c.casefold() for c, field in columns.items() if field in IDENTIFYING}
    named |= set(IDENTIFYING)
    by_name = [c for c in header if c.casefold() in named]
    return by_name + [c for c in identifying_headers(header) if c not in by_name]


def table_check(header: list[str], spec: dict[str, Any]) -> None:
    """Refuse the file whole when it identifies persons or lacks a key column."""
    raw = identifying_columns(header, spec)
    if raw:
        raise UserError(
            "niet-gepseudonimiseerd",  # the header names a BSN, name, birth date or address
            _(
                "Het bestand bevat nog herleidbare kolommen (%s). Er is niets opgeslagen. Voer "
                "eerst 'doorbraak pseudonymise' uit op uw eigen computer en lever het resultaat "
                "aan."
            )
            % ", ".join(raw),
        )
    present = {h.casefold() for h in header}
    missing = [c for c in key_columns(spec) if c.casefold() not in present]
    if missing:
        raise UserError(
            "sleutelkolom-ontbreekt",
            _(
                "De kolom(men) %s ontbreken; daarmee wordt elke regel herkend. Lever de export "
                "aan met die kolommen."
            )
            % ", ".join(repr(c) for c in missing),
        )


def header_normal(header: str) -> str:
    return re.sub(r"[\W_]+", "", header.casefold())


def identifying_headers(header: list[str]) -> list[str]:
    return [h for h in header if header_normal(h) in IDENTIFYING_HEADERS]


def elfproef(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def identifying_value(text: str, *, dates: bool) -> str | None:
    """What a cell shows that identifies a person (a BSN, postcode and number, a date of birth
    when `dates`), or None. Never the value itself: that must not reach a log."""
    if NINE_DIGITS.fullmatch(text) and elfproef(text):
        return _("een burgerservicenummer")
    if POSTCODE_NUMBER.search(text):
        return _("een postcode met huisnummer")
    if dates and DATE_LIKE.fullmatch(text):
        return _("een (geboorte)datum")
    return None


def identifying_refuse(column: str, number: int, what: str) -> UserError:
    return UserError(
        "waarde-herleidbaar",
        _(
            "Kolom '%(column)s' (regel %(number)d) bevat %(what)s. Het hele bestand is "
            "geweigerd en er is niets opgeslagen. Pseudonimiseer de export eerst met "
            "'doorbraak pseudonymise' en lever alleen de kolommen uit de mapping aan."
        )
        % {"column": column, "number": number, "what": what},
    )


def key_columns(spec: dict[str, Any]) -> list[str]:
    by_field = {field: column for column, field in (spec.get("columns") or {}).items()}
    return [by_field.get(k, k) for k in spec.get("keys") or []]


@dataclass
class _Column:
    key: str  # the key of the cell in a row read by `doorbraak.sources`
    header: str
    declared: bool
    type_name: str | None
    codes: dict[str, Any] | None
    required: bool
    cache: dict[str, Any]
    non_negative: bool = False
    past: bool = False  # a date that cannot lie after the export

    @property
    def plain(self) -> bool:
        """Text as written: stripped, and None when empty."""
        return self.declared and not self.required and self.codes is None and not self.type_name


class RowChecker:
    """Parses the rows of one delivered table; the per-column rules are worked out once.

    A row is refused when its structure is wrong (a totals row, a row with only its key, a
    row whose fields ran together), when a key or a field the register requires is empty,
    when a value has the wrong type, is not in the code list
    or is implausible (negative where the field says so, a date after the export), or when
    `doorbraak pseudonymise` marked it. A value that identifies a person refuses the file.
    """

    def __init__(
        self,
        *,
        partner: PartnerMapping,
        dataset: DatasetMapping,
        headers: list[str],
        fields: list[str | None],
        export_date: dt.date | None = None,
    ) -> None:
        self.partner, self.keys = partner, dataset.keys
        self.export_date = export_date or dt.date.today()
        declared = set(dataset.fields) - IDENTIFYING  # never stored
        # a fixed value the file has no column for is a column of the reader's rows too
        pairs = [*zip(headers, fields, strict=False)]
        pairs += [(f, f) for f in dataset.fixed if f not in fields]
        kind = dataset_kinds().get(dataset.kind or "")
        required = {*dataset.keys, *(kind.required if kind else ())}
        columns = [
            _Column(
                key=key,
                header=header,
                declared=key in declared,
                type_name=dataset.types.get(key) if dataset.types.get(key) in TYPED else None,
                codes=dataset.codes.get(key),
                required=key in required,
                cache={},
                non_negative=bool(kind and (f := kind.field(key)) and f.non_negative),
                past=not key.endswith(OPEN_END),
            )
            for header, key in pairs
            if key is not None and key not in (ROW_COLUMN, PROBLEM_COLUMN)
        ]
        # three kinds, so that a row takes one pass per kind: pseudonymise's own columns
        # (pseudonyms, encodings) and declared free text are kept stripped; the rest is
        # checked, left to right, so the first problem is the leftmost one
        self.undeclared = [c.key for c in columns if not c.declared and c.key in PSEUDONYM_COLUMNS]
        self.dropped = [c for c in columns if not c.declared and c.key not in PSEUDONYM_COLUMNS]
        self.text = [c.key for c in columns if c.plain]
        self.checked = [c for c in columns if c.declared and not c.plain]
        self.data = [c for c in columns if c.declared and c.key not in dataset.fixed]
        self.headers = {c.key: c.header for c in columns}
        # the hot path's own lists: every stored (declared) column, text and checked, left to
        # right, its cells looked up by C-level maps a row at a time; and which of them are
        # the data columns the structure checks read
        self.stored = [c for c in columns if c.declared]
        self.stored_keys = [c.key for c in self.stored]
        self.caches = [c.cache for c in self.stored]
        data = {id(c) for c in self.data}
        self.data_at = [i for i, c in enumerate(self.stored) if id(c) in data]
        self.payload_keys = [*self.undeclared, *self.stored_keys]
        self.payload_text = PayloadText(self.undeclared, self.stored_keys)
        self.dropped_seen: dict[str, str | None] = {}  # identifying_value per dropped cell
        # a single key's values differ row by row (a repeat is refused): not worth remembering
        self.uncached = set(dataset.keys) if len(dataset.keys) == 1 else set()
        # that key's place among the stored cells, when its cell can be made the short way
        # (text as it is: no code list, no type), for every row
        self.key_at = next(
            (
                i
                for i, c in enumerate(self.stored)
                if c.key in self.uncached and c.codes is None and c.type_name is None
            ),
            None,
        )
        # a row with every data cell filled and fine has no structure problem, unless every
        # data column is a key (then it holds only its key)
        self.filled_is_whole = len(self.data) < 3 or any(c.key not in self.keys for c in self.data)

    def parse(self, number: int, row: dict[str, str]) -> ParsedRow:
        number = _original_number(number, row)
        get = row.get
        cells = self._cells(get)
        usual = all(map(_USUAL, cells))  # every stored cell filled and fine as it is
        self._identifying_check(number, row, [] if usual else cells)
        keys = self.keys
        key = (
            get(keys[0], "").strip()
            if len(keys) == 1
            else "|".join(get(k, "").strip() for k in keys)
        )
        # pseudonymise saw the whole row (its name columns too): its verdict comes first
        problem = (self._marked(number, row, reject=True) if get(PROBLEM_COLUMN) else None) or (
            None
            if usual and self.filled_is_whole
            else self._structure_problem(number, self._data_cells(cells))
        )
        if problem is not None:
            return ParsedRow(number, key, None, problem)
        strings = list(map(str.strip, map(get, self.undeclared, _EMPTY)))
        warning = encoded = None
        payload: dict[str, Any] | None
        if usual or all(map(_PLAIN, cells)):  # every value found fine before: only the text
            payload, encoded = None, self.payload_text.text(strings, list(map(_JSON_TEXT, cells)))
        else:
            payload = dict(zip(self.undeclared, strings, strict=True))
            problem, warning = self._values(number, cells, payload)
            if problem is not None:
                return ParsedRow(number, key, None, problem)
        if get(PROBLEM_COLUMN):
            warning = self._marked(number, row, reject=False) or warning
        return ParsedRow(number, key, payload, None, warning, encoded)

    def _cells(self, get: Any) -> list["_Cell"]:
        """The row's stored cells, each worked out once per distinct raw text and column."""
        raws = list(map(get, self.stored_keys, _EMPTY))
        cells = list(map(dict.get, self.caches, raws))
        if (at := self.key_at) is not None:
            cells[at] = self._key_cell(self.stored[at], raws[at])
        if None in cells:
            for i, cell in enumerate(cells):
                if cell is None:
                    cells[i] = self._cell(self.stored[i], raws[i])
        return cells  # type: ignore[return-value]

    def _data_cells(self, cells: list["_Cell"]) -> list["_Cell"]:
        """The cells of `self.data` (the stored columns less fixed values)."""
        if len(self.data_at) == len(cells):
            return cells
        return [cells[i] for i in self.data_at]

    def _cell(self, column: _Column, raw: str) -> "_Cell":
        text = raw.strip()
        value = (text or None) if column.plain else self._value(column, raw)
        problem = value.__class__ is Problem
        case = (
            column.codes is not None
            and value is not None
            and not problem
            and self._case_warning(column, 0, raw) is not None
        )
        identifying = identifying_value(text, dates=False) if column.plain and text else None
        total = bool(text) and TOTAL_WORDS.match(text) is not None
        plain = not (problem or total or case or identifying)
        json_text = "" if problem else value_text(value)
        cell = _Cell(text, value, total, case, identifying, plain, json_text, plain and bool(text))
        if len(column.cache) < CACHE_SIZE and column.key not in self.uncached:
            column.cache[raw] = cell
        return cell

    def _key_cell(self, column: _Column, raw: str) -> "_Cell":
        """The cell of the single key column (required text, never remembered: each row's
        key differs), as `_cell` makes it, without the checks that cannot apply."""
        text = raw.strip()
        if not text:
            return self._cell(column, raw)  # a required value missing
        total = TOTAL_WORDS.match(text) is not None
        return _Cell(text, text, total, False, None, not total, value_text(text), not total)

    def _values(
        self, number: int, cells: list["_Cell"], payload: dict[str, Any]
    ) -> tuple[Problem | None, Problem | None]:
        """Each declared value into `payload`, left to right: the first value with a problem
        rejects the row (the problem), the first code differing in case warns (the warning)."""
        warning = None
        for column, cell in zip(self.stored, cells, strict=True):
            value = cell.value
            if value.__class__ is Problem:
                return self._problem(column, number, cell.text, value), None
            if warning is None and cell.case:
                warning = self._case_warning(column, number, cell.text)
            payload[column.key] = value
        return None, warning

    def _case_warning(self, column: _Column, number: int, raw: str) -> Problem | None:
        """A code that matched only when case is ignored ("HUUR" for "Huur")."""
        if column.codes is None or raw.strip() in column.codes:
            return None
        return self._problem(column, number, raw, Problem("code-hoofdletters", ""))

    def _identifying_check(self, number: int, row: dict[str, str], cells: list["_Cell"]) -> None:
        """Refuse the whole file when a cell identifies a person (its value never logged)."""
        seen = self.dropped_seen
        for column in self.dropped:
            raw = row.get(column.key, "")
            what = seen.get(raw, _MISSING)
            if what is _MISSING:
                what = identifying_value(raw.strip(), dates=True)
                if len(seen) < CACHE_SIZE:
                    seen[raw] = what
            if what:
                raise identifying_refuse(column.header, number, str(what))
        if any(map(_IDENTIFYING, cells)):  # declared free text (the only cells it is set for)
            found = zip(self.stored, cells, strict=True)
            column, cell = next((c, v) for c, v in found if v.identifying)
            raise identifying_refuse(column.header, number, str(cell.identifying))

    def _structure_problem(self, number: int, cells: list["_Cell"]) -> Problem | None:
        filled = [(c, v) for c, v in zip(self.data, cells, strict=True) if v.text]
        keys = [c for c, _v in filled if c.key in self.keys]
        label = next((c for c, v in filled if v.total), None)
        # a totals label with a record key of its own is a name ("Totaalzorg"), not a total
        if label is not None and (not keys or label in keys):
            return self._problem(label, number, "", Problem("regel-totaal", ""))
        if len(cells) < 3 or not filled or (len(filled) > 1 and len(keys) < len(filled)):
            return None
        column, value = filled[0][0], filled[0][1].text
        code = "regel-te-weinig-velden" if len(filled) == 1 and len(value.split()) > 1 else ""
        return self._problem(column, number, value, Problem(code or "regel-alleen-sleutel", ""))

    def _marked(self, number: int, row: dict[str, str], *, reject: bool) -> Problem | None:
        """The problem `doorbraak pseudonymise` wrote in the row ("code:Kolom"), if it is
        a rejection (`reject`) or a warning (not `reject`)."""
        code, _sep, header = row.get(PROBLEM_COLUMN, "").strip().partition(":")
        if not code or (code in PSEUDONYMISE_WARNINGS) == reject:
            return None
        if code not in PSEUDONYMISE_CODES:  # not pseudonymise's: the file was changed after it
            code, header = "probleem-onbekend", PROBLEM_COLUMN
        column = _Column(header, header, True, None, None, False, {})
        return self._problem(column, number, "", Problem(code, ""))

    def _value(self, column: _Column, raw: str) -> Any:
        if not raw.strip():
            if column.required:
                return Problem("waarde-verplicht", "")
            return None
        if column.codes is None and column.type_name is None:
            return raw.strip()
        value = value_parse(
            column.header,
            raw,
            type_name=column.type_name,
            codes=column.codes,
            date_format=self.partner.date_format,
            decimal=self.partner.decimal,
        )
        return self._plausible(column, value)

    def _plausible(self, column: _Column, value: Any) -> Any:
        if isinstance(value, dt.date):
            if column.past and value > self.export_date:
                return Problem("datum-toekomst", "")
            if value < EARLIEST:
                return Problem("datum-onwaarschijnlijk", "")
            return value.isoformat()
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            if column.non_negative and value < 0:
                return Problem("waarde-negatief", "")
            return str(value) if isinstance(value, Decimal) else value
        return value

    def _problem(self, column: _Column, number: int, raw: str, problem: Problem) -> Problem:
        code = CODES.get(problem.code, problem.code)
        where = {
            "column": column.header,
            "number": number,
            "text": raw.strip(),
            "hint": DATE_HINT.get(self.partner.date_format, self.partner.date_format),
            "sep": self.partner.decimal,
            "allowed": ", ".join(f"'{c}'" for c in column.codes or {}),
            "date": self.export_date.strftime("%d-%m-%Y"),
            "message": problem.message,
            "in_column": _(" (alles staat in kolom '%s')") % column.header if column.header else "",
        }
        template = MESSAGES.get(code) or _("Kolom '%(column)s' (regel %(number)d): %(message)s")
        return Problem(code, (template % where)[:500], column=column.header[:120])


def _original_number(number: int, row: dict[str, str]) -> int:
    """The row's number in the partner's own export, as `doorbraak pseudonymise` kept it."""
    original = row.get(ROW_COLUMN, "").strip()
    if original.isdecimal() and len(original) <= 10:  # isdigit() takes '²' too
        return int(original)  # past MAX_ROW_NUMBER: refused by `RowChecks`
    return number


class _Cell(NamedTuple):
    """One distinct raw cell of a stored column, worked out once (`RowChecker._cell`)."""

    text: str  # stripped
    value: Any  # as stored, or the Problem that rejects the row
    total: bool  # reads as the label of a totals or summary row
    case: bool  # a code that matched only when case is ignored
    identifying: str | None  # what it shows that identifies a person (declared free text)
    plain: bool  # none of the above, and a value: stored as it is, without a remark
    json_text: str  # the value as the payload's JSON writes it
    usual: bool  # plain and filled: a row of such cells needs no closer look


_PLAIN = attrgetter("plain")
_TOTAL, _IDENTIFYING = attrgetter("total"), attrgetter("identifying")
_JSON_TEXT, _USUAL = attrgetter("json_text"), attrgetter("usual")


# Per code, the Dutch hint a steward gets: what is wrong, where, and what to do.
MESSAGES = {
    "waarde-verplicht": gettext_lazy(
        "Kolom '%(column)s' (regel %(number)d) is leeg; vul deze kolom."
    ),
    "code-onbekend": gettext_lazy(
        "Kolom '%(column)s' (regel %(number)d): '%(text)s' is geen bekende code; "
        "gebruik een van: %(allowed)s."
    ),
    "code-hoofdletters": gettext_lazy(
        "Kolom '%(column)s' (regel %(number)d): '%(text)s' verschilt alleen in hoofdletters "
        "van een code; geaccepteerd. Gebruik een van: %(allowed)s."
    ),
    "datum-ongeldig": gettext_lazy(
        "Kolom '%(column)s' (regel %(number)d): '%(text)s' is geen geldige datum; gebruik %(hint)s."
    ),
    "datum-toekomst": gettext_lazy(
        "Kolom '%(column)s' (regel %(number)d): '%(text)s' ligt na de exportdatum "
        "(%(date)s); controleer de datum in het bronsysteem."
    ),
    "datum-onwaarschijnlijk": gettext_lazy(
        "Kolom '%(column)s' (regel %(number)d): '%(text)s' ligt vóór 1900; controleer de "
        "datum in het bronsysteem."
    ),
    "getal-ongeldig": gettext_lazy(
        "Kolom '%(column)s' (regel %(number)d): '%(text)s' is geen geldig getal; "
        "gebruik alleen cijfers."
    ),
    "bedrag-ongeldig": gettext_lazy(
        "Kolom '%(column)s' (regel %(number)d): '%(text)s' is geen geldig bedrag; "
        "gebruik bijvoorbeeld 1234%(sep)s56."
    ),
    "waarde-negatief": gettext_lazy(
        "Kolom '%(column)s' (regel %(number)d): '%(text)s' is negatief; deze waarde is "
        "altijd 0 of meer. Controleer het bronsysteem."
    ),
    "regel-totaal": gettext_lazy(
        "Regel %(number)d is een totaal- of samenvattingsregel, geen record; laat zulke "
        "regels weg uit de export."
    ),
    "regel-alleen-sleutel": gettext_lazy(
        "Regel %(number)d bevat alleen '%(column)s' en verder niets; lever volledige regels aan."
    ),
    "regel-te-weinig-velden": gettext_lazy(
        "Regel %(number)d heeft minder velden dan de kopregel%(in_column)s: zijn de "
        "scheidingstekens vervangen door spaties, of is de regel afgebroken? Maak de export "
        "opnieuw."
    ),
    "regel-te-veel-velden": gettext_lazy(
        "Regel %(number)d heeft meer velden dan de kopregel; controleer de "
        "scheidingstekens in deze regel."
    ),
    "regel-onleesbaar": gettext_lazy(
        "Regel %(number)d kan niet gelezen worden; maak de export opnieuw."
    ),
    "probleem-onbekend": gettext_lazy(
        "Regel %(number)d: kolom '%(column)s' bevat geen melding van 'doorbraak pseudonymise'; "
        "het bestand is daarna gewijzigd. Lever het aan zoals pseudonymise het schreef."
    ),
    "regel-afgebroken": gettext_lazy(
        'Regel %(number)d is afgebroken: een aanhalingsteken (") wordt niet gesloten, zodat '
        "de rest van het bestand als één veld gelezen wordt. Sluit het aanhalingsteken of "
        "maak de export opnieuw."
    ),
    "regel-te-lang": gettext_lazy(
        "Regel %(number)d is te lang om te lezen (meer dan een miljoen tekens); maak de "
        "export opnieuw."
    ),
    "bsn-ongeldig": gettext_lazy(
        "Regel %(number)d: het BSN in kolom '%(column)s' voldoet niet aan de elfproef; "
        "geaccepteerd, maar koppelen gaat alleen op naam, geboortedatum en adres. "
        "Controleer het BSN in het bronsysteem."
    ),
    "bsn-hersteld": gettext_lazy(
        "Regel %(number)d: het BSN in kolom '%(column)s' miste de voorloopnul; hersteld en "
        "geaccepteerd. Exporteer het BSN als tekst."
    ),
    "geboortedatum-ongeldig": gettext_lazy(
        "Regel %(number)d: de geboortedatum in kolom '%(column)s' is geen geldige datum; "
        "geaccepteerd zonder geboortedatum. Controleer het bronsysteem."
    ),
    "naam-zonder-komma": gettext_lazy(
        "Regel %(number)d: de naam in kolom '%(column)s' heeft geen komma, terwijl de mapping "
        "'Achternaam, Voornaam' verwacht; geaccepteerd, maar de hele naam is als achternaam "
        "gelezen. Controleer de export."
    ),
    "geboortedatum-onwaarschijnlijk": gettext_lazy(
        "Regel %(number)d: de geboortedatum in kolom '%(column)s' ligt in de toekomst of "
        "vóór 1900; geaccepteerd, maar controleer het bronsysteem."
    ),
}
