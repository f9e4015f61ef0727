"""The declared, versioned partner mapping format (`mappings.yaml`, format version 1): its keys
and settings, defined once here, and the one parser that reads them into a `MappingSet`.

`doorbraak pseudonymise` reads a partner's mapping with `mapping_parse_lined` (every problem
at once with its line, or the mappings). The platform's check (`intake.mapping_check`) reads
the same file with `mapping_parse_all`, which never raises and gives each format problem with
the path of keys where it stands (`line_at` turns that into a line), and adds the register's
rules.
"""

import codecs
import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from gettext import gettext as _
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node

from doorbraak.core.definitions.nodes import document, line_of
from doorbraak.core.definitions.problems import N_, ProblemLog, did_you_mean, quoted_list
from doorbraak.sources.mapping_model import (
    DatasetMapping,
    MappingError,
    MappingSet,
    PartnerMapping,
    dataset_choose,
)
from doorbraak.sources.values import cell_text

__all__ = [  # the model is imported from here by the readers, writers and the intake
    "DatasetMapping", "FormatProblem", "MappingError", "MappingSet", "PartnerMapping",
    "dataset_choose", "line_at", "mapping_load", "mapping_parse", "mapping_parse_all",
    "mapping_parse_lined",
]  # fmt: skip

SUPPORTED_FORMAT_VERSIONS = (1,)
# a partner's file settings: copied into each of its datasets' stored declarations
FILE_SETTINGS = (
    "file", "encoding", "delimiter", "decimal", "date_format", "dates", "title_rows", "dialect",
)  # fmt: skip
PARTNER_KEYS = (*FILE_SETTINGS, "name", "version", "notes_sheet", "datasets")
DATASET_KEYS = (
    "kind", "files", "keys", "header_row", "sheet", "columns", "types", "codes", "fixed",
    "rhythm",
)  # fmt: skip
# how often a dataset is agreed to arrive (`rhythm`; the default is a setting): its days
RHYTHM_DAYS = {"maand": 31, "kwartaal": 92, "halfjaar": 183, "jaar": 366}
FILE_TYPES = ("csv", "xlsx")
TYPES = ("date", "integer", "decimal", "code", "text", "boolean")
# what a partner may write for a setting or a type that the format spells otherwise
KEY_ALIASES = {
    "vast": "fixed", "vaste_waarden": "fixed", "constants": "fixed", "constant": "fixed",
    "defaults": "fixed", "default": "fixed", "kolommen": "columns", "sleutels": "keys",
    "soort": "kind", "typen": "types", "bestanden": "files", "werkblad": "sheet",
    "ritme": "rhythm", "aanleverritme": "rhythm",
    "naam": "name",  # at a partner; in a dataset it is the hint for a name column (name_line)
}  # fmt: skip
DUTCH_TYPES = {
    "datum": "date", "geheel getal": "integer", "getal": "integer", "bedrag": "decimal",
    "decimaal": "decimal", "tekst": "text", "ja/nee": "boolean", "janee": "boolean",
}  # fmt: skip
# settings a partner might look for that are fields, declared under `columns`
FIELD_KEYS = {
    "initials": "initials", "voorletters": "initials", "name_line": "name_line",
    "combined": "name_line", "split": "name_line", "naam": "name_line",
}  # fmt: skip
FIELD_HINTS = {  # translated where used
    "initials": N_("Voorletters zijn een veld: zet de kolom onder 'columns' ('Voorletters: "
                  "initials')."),
    "name_line": N_("Een kolom met 'Achternaam, Voornaam' is een veld: zet die onder 'columns' "
                   "('Naam: name_line')."),
}  # fmt: skip


@dataclass(frozen=True)
class FormatProblem:
    """A fault in the format; `at` is the path of keys to where it stands, for example
    ("partners", "wijkteam", "datasets", "plannen", "types", "plan_start")."""

    at: tuple[str, ...]
    code: str
    message: str


def mapping_load(path: Path) -> MappingSet:
    """Load and validate a mapping file; raise MappingError with every problem at once (a
    fault in the YAML with its line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        message = _("Mappingbestand %s is niet te lezen; sla het op als UTF-8.") % path
        raise MappingError([message]) from exc
    log = ProblemLog(path.name)
    found = document(text, log)
    if found is None:
        problem = log.sorted()[0]
        message = _("Mappingbestand %s, regel %d: %s") % (path, problem.line or 1, problem.message)
        raise MappingError([message])
    return mapping_parse_lined(found.data, found.root)


def mapping_parse_lined(data: Any, root: Node) -> MappingSet:
    """`mapping_parse` of a composed file: each problem begins with the line it stands on."""
    mappings, problems = mapping_parse_all(data)
    if problems:
        line = _("regel %(line)d: %(message)s")
        raise MappingError(
            [line % {"line": line_at(root, p.at), "message": p.message} for p in problems]
        )
    return mappings


def mapping_parse(data: Any) -> MappingSet:
    """The mappings of a loaded file, or a MappingError with every format problem."""
    mappings, problems = mapping_parse_all(data)
    if problems:
        raise MappingError([p.message for p in problems])
    return mappings


def mapping_parse_all(data: Any) -> tuple[MappingSet, list[FormatProblem]]:
    """Whatever of a loaded file can be read, and every format problem (never raises): a
    partner or dataset that cannot be read is left out, a bad setting gets its default."""
    found = _Found()
    if not isinstance(data, dict) or not isinstance(data.get("partners"), dict):
        message = _("Het mappingbestand heeft geen blok 'partners:'; zie docs/intake.md.")
        found.add((), "mapping-vorm", message)
        return MappingSet(version=1, partners={}), found
    version = data.get("version")
    if version not in SUPPORTED_FORMAT_VERSIONS:
        message = _("Onbekende versie van het mappingformaat (%r); zet 'version: 1' bovenaan.")
        found.add(("version",), "mapping-versie", message % (version,))
    partners = {}
    for code, raw in data["partners"].items():
        partner = _partner_parse(str(code), raw, found)
        if partner is not None:
            partners[partner.code] = partner
    return MappingSet(version=1, partners=partners), found


def line_at(root: Node, at: Iterable[str]) -> int:
    """The line of the deepest key of the path `at` that the file has: where it stands."""
    node, line = root, line_of(root)
    for key in at:
        if not isinstance(node, MappingNode):
            break
        pair = next((kv for kv in node.value if str(getattr(kv[0], "value", "")) == key), None)
        if pair is None:
            break
        node, line = pair[1], line_of(pair[0])
    return line


class _Found(list[FormatProblem]):
    def add(self, at: tuple[str, ...], code: str, message: str) -> None:
        self.append(FormatProblem(at, code, message))


def _keys_check(
    raw: dict[Any, Any], at: tuple[str, ...], where: str, found: _Found, *, dataset: bool
) -> None:
    """Every key of a partner's (or a dataset's) block is one of the format's."""
    allowed, other = (DATASET_KEYS, PARTNER_KEYS) if dataset else (PARTNER_KEYS, DATASET_KEYS)
    for key in map(str, raw):
        if key not in allowed:
            message = _("%s: onbekende instelling '%s'.") % (where, key)
            hint = _key_hint(key, allowed, other, dataset=dataset)
            found.add((*at, key), "mapping-instelling-onbekend", message + hint)


def _key_hint(key: str, allowed: tuple[str, ...], other: tuple[str, ...], *, dataset: bool) -> str:
    meant = KEY_ALIASES.get(key.casefold(), key)
    if meant in allowed:
        return " " + _("Bedoelt u '%s'?") % meant
    if meant in other and meant != "name":
        place = _("de partner") if dataset else _("een gegevensset")
        return " " + _("'%s' hoort bij %s.") % (meant, place)
    if key.casefold() in FIELD_KEYS:
        return " " + _(FIELD_HINTS[FIELD_KEYS[key.casefold()]])
    return did_you_mean(key, allowed)


def _count(value: Any, *, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _date_format_ok(pattern: str) -> bool:
    day = dt.date(2024, 11, 28)
    try:
        return dt.datetime.strptime(day.strftime(pattern), pattern).date() == day
    except ValueError:
        return False


def _encoding_ok(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


class _Block:
    """One partner's or dataset's block: each setting read, or its default and a problem."""

    def __init__(self, raw: dict[Any, Any], at: tuple[str, ...], where: str, found: _Found):
        self.raw, self.at, self.where, self.found = raw, at, where, found

    def problem(
        self, key: str | tuple[str, ...], message: str, code: str = "mapping-instelling-ongeldig"
    ) -> None:
        keys = (key,) if isinstance(key, str) else key
        self.found.add((*self.at, *keys), code, f"{self.where}: {message}")

    def text(self, key: str, default: str) -> str:
        value = self.raw.get(key)
        return default if value is None else str(value)

    def checked(self, key: str, default: str, ok: bool, message: str) -> str:
        """The setting as text when `ok` says it is usable; else the default and a problem."""
        if ok:
            return self.text(key, default)
        self.problem(key, message)
        return default

    def count(self, key: str, default: int, *, minimum: int, message: str) -> int:
        value = self.raw.get(key, default)
        if _count(value, minimum=minimum):
            return int(value)
        self.problem(key, message)
        return default

    def texts(self, key: str, message: str) -> tuple[str, ...]:
        value = self.raw.get(key) or []
        if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
            return tuple(str(v) for v in value)
        self.problem(key, message)
        return ()

    def table(self, key: str, message: str) -> dict[str, Any]:
        value = self.raw.get(key) or {}
        if isinstance(value, dict):
            return {str(k): v for k, v in value.items()}
        self.problem(key, message, "mapping-vorm")
        return {}


def _partner_parse(code: str, raw: Any, found: _Found) -> PartnerMapping | None:
    at, where = ("partners", code), _("Partner '%s'") % code
    if not isinstance(raw, dict):
        found.add(at, "mapping-vorm", _("%s: verwacht een blok met instellingen.") % where)
        return None
    _keys_check(raw, at, where, found, dataset=False)
    block = _Block(raw, at, where, found)
    partner = _partner_settings(code, block)
    datasets = raw.get("datasets")
    if not isinstance(datasets, dict) or not datasets:
        found.add(at, "mapping-geen-gegevenssets", _("%s: geen 'datasets:'.") % where)
        return partner
    parsed = (_dataset_parse(partner, str(name), spec, found) for name, spec in datasets.items())
    return dataclasses.replace(partner, datasets={d.name: d for d in parsed if d is not None})


def _partner_settings(code: str, block: _Block) -> PartnerMapping:
    get = block.raw.get
    file_type, encoding = str(get("file", "csv")), str(get("encoding", "utf-8"))
    date_format = str(get("date_format", "%d-%m-%Y"))
    return PartnerMapping(
        code=code,
        name=block.text("name", code),
        dialect=block.text("dialect", ""),
        version=block.count(
            "version", 1, minimum=1, message=_("version moet een geheel getal van 1 of meer zijn.")
        ),
        file_type=block.checked(
            "file", "csv", file_type in FILE_TYPES,
            _("bestandstype '%s' onbekend (csv of xlsx).") % file_type,
        ),
        encoding=block.checked(
            "encoding", "utf-8", _encoding_ok(encoding),
            _("codering '%s' onbekend (utf-8, utf-8-sig of cp1252).") % encoding,
        ),
        delimiter=block.checked(
            "delimiter", ";", len(str(get("delimiter", ";"))) == 1,
            _("scheidingsteken moet één teken zijn (';', ',' of tab)."),
        ),
        date_format=block.checked(
            "date_format", "%d-%m-%Y", _date_format_ok(date_format),
            _("datumnotatie '%s' is onbruikbaar (bijvoorbeeld '%%d-%%m-%%Y' of '%%Y-%%m-%%d').")
            % date_format,
        ),
        decimal=block.checked(
            "decimal", ",", str(get("decimal", ",")) in (",", "."),
            _("decimaalteken moet ',' of '.' zijn."),
        ),
        title_rows=block.count(
            "title_rows", 0, minimum=0,
            message=_("title_rows moet een geheel getal van 0 of meer zijn."),
        ),
    )  # fmt: skip


def _dataset_parse(
    partner: PartnerMapping, name: str, raw: Any, found: _Found
) -> DatasetMapping | None:
    at = ("partners", partner.code, "datasets", name)
    where = _("Partner '%s', gegevensset '%s'") % (partner.code, name)
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict):
        message = _("%s: de sectie 'columns' ontbreekt.") % where
        found.add(at, "mapping-kolommen-ontbreken", message)
        return None
    _keys_check(raw, at, where, found, dataset=True)
    read = _DatasetRead(_Block(raw, at, where, found), partner)
    read.block.checked(
        "rhythm", "", raw.get("rhythm") is None or str(raw.get("rhythm")) in RHYTHM_DAYS,
        _("rhythm (aanleverritme) moet een van %s zijn.") % ", ".join(RHYTHM_DAYS),
    )  # fmt: skip
    columns = read.columns()
    keys = read.keys(columns)
    return DatasetMapping(
        name=name,
        kind=read.block.text("kind", name),
        files=read.block.texts("files", _("files is een lijst van bestandsnamen.")),
        keys=keys,
        header_row=read.header_row(),
        sheet=read.sheet(),
        columns=columns,
        types=read.types(),
        codes=read.codes(),
        fixed=read.fixed(columns, keys),
    )


class _DatasetRead:
    """The settings of one dataset that need more than a type check."""

    def __init__(self, block: _Block, partner: PartnerMapping) -> None:
        self.block, self.partner = block, partner

    def columns(self) -> dict[str, str]:
        columns: dict[str, str] = {}
        seen: dict[str, str] = {}
        for header, name in ((str(h), v) for h, v in self.block.raw["columns"].items()):
            if _unprintable(header):
                message = _(
                    "kolom '%s' bevat een onzichtbaar teken (%s); geen kopregel kan zo heten. "
                    "Schrijf de kolomnaam zoals hij in de export staat."
                ) % (_visible(header), _unprintable(header))
                self.block.problem(("columns", header), message, "kolom-onzichtbaar-teken")
            elif not isinstance(name, str) or not name.strip():
                message = _("kolom '%s': zet er de naam van een veld achter.") % header
                self.block.problem(("columns", header), message, "mapping-vorm")
            elif name in seen:
                message = _("kolommen '%s' en '%s' zijn allebei '%s'.") % (seen[name], header, name)
                self.block.problem(("columns", header), message, "mapping-veld-dubbel")
            else:
                columns[header] = seen[name] = name
        return columns

    def keys(self, columns: dict[str, str]) -> tuple[str, ...]:
        keys = self.block.texts(
            "keys", _("keys is een lijst van velden, bijvoorbeeld [record_id].")
        )
        mapped = set(columns.values())
        fixed = self.block.raw.get("fixed")
        for key in keys:
            if key not in mapped and not (isinstance(fixed, dict) and key in fixed):
                message = _("sleutel '%s' is geen kolom.") % key + _key_meant(key, columns)
                self.block.problem("keys", message, "mapping-sleutel-geen-kolom")
        return keys

    def header_row(self) -> int:
        message = _("header_row moet een regelnummer van 1 of meer zijn.")
        header_row = self.block.count("header_row", 1, minimum=1, message=message)
        title_rows = self.partner.title_rows
        if "header_row" in self.block.raw and header_row <= title_rows:
            self.block.problem(
                "header_row",
                _("de kopregel (header_row: %d) staat in de titelregels (title_rows: %d); "
                  "meestal title_rows + 1.") % (header_row, title_rows),
            )  # fmt: skip
        return header_row

    def sheet(self) -> str | None:
        if "sheet" not in self.block.raw:
            return None
        if self.partner.file_type != "xlsx":
            self.block.problem("sheet", _("een werkblad (sheet) hoort alleen bij 'file: xlsx'."))
        return self.block.text("sheet", "") or None

    def types(self) -> dict[str, str]:
        types = {}
        for name, given in self.block.table("types", _("types: verwacht 'veld: type'.")).items():
            text = str(given)
            if text in TYPES:
                types[name] = text
                continue
            hint = DUTCH_TYPES.get(text.casefold())
            mean = " " + _("Bedoelt u '%s'?") % hint if hint else did_you_mean(text, TYPES)
            message = _("type '%s' van '%s' bestaat niet (bekend: %s).") % (
                text, name, quoted_list(TYPES)
            )  # fmt: skip
            self.block.problem(("types", name), message + mean, "mapping-type-onbekend")
        return types

    def codes(self) -> dict[str, dict[str, Any]]:
        codes = {}
        for name, table in self.block.table("codes", _("codes: verwacht 'veld: {...}'.")).items():
            if isinstance(table, dict):
                codes[name] = {str(code): value for code, value in table.items()}
            else:
                message = _("codes van '%s': verwacht 'code: waarde'.") % name
                self.block.problem(("codes", name), message, "mapping-vorm")
        return codes

    def fixed(self, columns: dict[str, str], keys: tuple[str, ...]) -> dict[str, str]:
        """Each fixed value as the text a cell of the export would hold (a YAML number or
        date written with the partner's decimal sign and date format)."""
        fixed = {}
        table = self.block.table("fixed", _("fixed: verwacht 'veld: waarde'."))
        for name, value in table.items():
            problem = _fixed_problem(name, value, columns, keys)
            if problem is not None:
                self.block.problem(("fixed", name), *problem)
                continue
            partner = self.partner
            text = cell_text(value, decimal=partner.decimal, date_format=partner.date_format)
            fixed[name] = text.strip()
        return fixed


def _unprintable(header: str) -> str:
    """The control characters (NUL, tab, ...) and replacement characters in a column name,
    written as U+0000, or ''."""
    odd = (c for c in header if c == "\ufffd" or unicodedata.category(c) == "Cc")
    return ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in odd))


def _visible(header: str) -> str:
    return "".join("?" if c == "\ufffd" or unicodedata.category(c) == "Cc" else c for c in header)


def _key_meant(key: str, columns: dict[str, str]) -> str:
    """The field meant by a key that names a column's header, or the closest field."""
    by_header = {h.casefold(): f for h, f in columns.items()}
    if key.casefold() in by_header:
        hint = _("Bedoelt u '%s'? Onder 'keys' staan velden, geen kolomnamen.")
        return " " + hint % by_header[key.casefold()]
    return did_you_mean(key, set(columns.values()))


def _fixed_problem(
    name: str, value: Any, columns: dict[str, str], keys: tuple[str, ...]
) -> tuple[str, str] | None:
    """What is wrong with one fixed value (message, code), or None."""
    if name in keys:
        return _("'%s' is een sleutel: die verschilt per regel en kan geen vaste waarde "
                 "hebben.") % name, "mapping-vast-sleutel"  # fmt: skip
    if name in columns.values():
        header = next(h for h, f in columns.items() if f == name)
        message = _("'%s' staat al onder 'columns' (kolom '%s'); een veld heeft een kolom of "
                    "een vaste waarde, niet allebei.") % (name, header)  # fmt: skip
        return message, "mapping-vast-ook-kolom"
    if value is None or isinstance(value, dict | list) or not str(value).strip():
        return _("de vaste waarde van '%s' moet één waarde zijn (een tekst, code, getal of "
                 "datum).") % name, "mapping-vast-ongeldig"  # fmt: skip
    return None
