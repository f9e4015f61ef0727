"""Load declared mappings (`mappings.yaml`) into versioned `SourceMapping`s, and find the
mapping a delivered file belongs to. A changed declaration becomes a new version; loading the
same file again changes nothing."""

import codecs
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from yaml.nodes import MappingNode, Node

from doorbraak.core.definitions.nodes import compose, line_of
from doorbraak.core.definitions.problems import ProblemLog, did_you_mean, quoted_list
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.problems import Problem
from doorbraak.intake.models import SourceMapping
from doorbraak.partners.models import Partner
from doorbraak.register import schema
from doorbraak.sources.mapping import dataset_choose

_FILE_SETTINGS = (
    "file",
    "encoding",
    "delimiter",
    "decimal",
    "date_format",
    "dates",
    "title_rows",
    "dialect",
)


@dataclass(frozen=True)
class MappingsLoadResult:
    created: int
    unchanged: int
    warnings: list[Problem]


def mapping_spec(partner_spec: dict[str, Any], dataset_spec: dict[str, Any]) -> dict[str, Any]:
    spec = {k: partner_spec[k] for k in _FILE_SETTINGS if k in partner_spec}
    spec.update(dataset_spec)
    return spec


def _digest(spec: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()


def mappings_read(*, path: Path) -> tuple[dict[str, Any], Node]:
    """The file's content and its YAML node graph (which knows every key's line). A file that
    cannot be read or parsed is refused with the line of the fault, in Dutch."""
    log = ProblemLog(path.name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise UserError("mapping-ontbreekt", f"{path} bestaat niet.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(
            "mapping-onleesbaar",
            f"Het mappingbestand {path.name} is niet te lezen; sla het op als UTF-8.",
        ) from error
    root = compose(text, log)
    if root is None:
        problem = log.sorted()[0]
        raise UserError(
            "mapping-onleesbaar", f"{path.name}, regel {problem.line}: {problem.message}"
        )
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("partners"), dict):
        raise UserError(
            "mapping-vorm", f"{path.name} heeft geen lijst 'partners:'; zie docs/intake.md."
        )
    return data, root


def _line(node: Node, *keys: str) -> int:
    """The line of the deepest of `keys` (a path of mapping keys) that the file has: where
    that key stands."""
    line = line_of(node)
    for key in keys:
        if not isinstance(node, MappingNode):
            break
        found = next((kv for kv in node.value if getattr(kv[0], "value", None) == key), None)
        if found is None:
            break
        node, line = found[1], line_of(found[0])
    return line


def mappings_check(
    data: dict[str, Any],
    root: Node,
    log: ProblemLog,
    *,
    partners: set[str] | None = None,
    warnings: ProblemLog | None = None,
) -> None:
    """The whole file against the contract (docs/intake.md) and the register's schema: file
    settings, each dataset's kind, its columns' canonical fields, keys, types and code lists,
    and (with `partners`) that every partner exists. Every problem, with its line; doubtful
    but usable declarations go to `warnings`."""
    extra = warnings if warnings is not None else ProblemLog(log.filename)
    _Checker(root, log, extra, partners).file(data)


_PARTNER_KEYS = (*_FILE_SETTINGS, "name", "version", "notes_sheet", "datasets")
_DATASET_KEYS = ("kind", "files", "keys", "header_row", "sheet", "columns", "types", "codes")
_UNSUPPORTED = {  # what a partner might look for that the format does not offer (yet)
    "fixed": "vaste waarden",
    "vast": "vaste waarden",
    "constants": "vaste waarden",
    "defaults": "vaste waarden",
    "combined": "samengestelde naamvelden",
    "split": "samengestelde naamvelden",
    "initials": "voorletters",
    "voorletters": "voorletters",
}
TYPES = ("date", "integer", "decimal", "code", "text", "boolean")
_DUTCH_TYPES = {
    "datum": "date",
    "geheel getal": "integer",
    "getal": "integer",
    "bedrag": "decimal",
    "decimaal": "decimal",
    "tekst": "text",
    "ja/nee": "boolean",
    "janee": "boolean",
}
_PARSED = ("date", "integer", "decimal")  # the types the intake checks value by value


class _Checker:
    def __init__(
        self, root: Node, log: ProblemLog, warnings: ProblemLog, partners: set[str] | None
    ) -> None:
        self.root, self.log, self.warnings, self.partners = root, log, warnings, partners
        self.kinds = schema.dataset_kinds()
        self.identity = {f.name: f for f in schema.IDENTITY_FIELDS}

    def add(self, at: tuple[str, ...], code: str, message: str) -> None:
        self.log.add(_line(self.root, *at), code, message)

    def file(self, data: dict[str, Any]) -> None:
        if data.get("version") != 1:
            self.add(("version",), "mapping-versie", "Zet 'version: 1' bovenaan het bestand.")
        known = self.partners
        for code in [str(c) for c in data["partners"] if known is not None and str(c) not in known]:
            self.add(
                ("partners", code),
                "partner-onbekend",
                f"Partner '{code}' bestaat nog niet op het platform; voeg de partner eerst toe "
                f"met 'doorbraak partners add {code} --naam NAAM --sector SECTOR' (of op "
                f"/partners/nieuw).{did_you_mean(code, self.partners or ())}",
            )
        for code, spec in data["partners"].items():
            self.partner(str(code), spec)

    def keys(
        self, at: tuple[str, ...], where: str, spec: dict[str, Any], allowed: tuple[str, ...]
    ) -> None:
        for key in map(str, spec):
            if key in allowed:
                continue
            if key in _UNSUPPORTED:
                hint = f" {_UNSUPPORTED[key].capitalize()}: niet ondersteund (issue 11)."
            else:
                hint = did_you_mean(key, allowed)
            self.add(
                (*at, key),
                "mapping-instelling-onbekend",
                f"{where}: onbekende instelling '{key}'.{hint}",
            )

    def partner(self, code: str, spec: Any) -> None:
        at = ("partners", code)
        if not isinstance(spec, dict):
            self.add(at, "mapping-vorm", f"Partner '{code}': verwacht een blok met instellingen.")
            return
        self.keys(at, f"Partner '{code}'", spec, _PARTNER_KEYS)
        self.settings(code, spec)
        datasets = spec.get("datasets")
        if not isinstance(datasets, dict) or not datasets:
            self.add(at, "mapping-geen-gegevenssets", f"Partner '{code}': geen 'datasets:'.")
            return
        for name, dataset in datasets.items():
            self.dataset(code, str(name), dataset, spec)

    def settings(self, code: str, spec: dict[str, Any]) -> None:
        at, where = ("partners", code), f"Partner '{code}'"
        for key, problem in _settings_problems(spec):
            self.add((*at, key), "mapping-instelling-ongeldig", f"{where}: {problem}")

    def dataset(self, code: str, name: str, spec: Any, partner: dict[str, Any]) -> None:
        at = ("partners", code, "datasets", name)
        where = f"Partner '{code}', gegevensset '{name}'"
        if not isinstance(spec, dict) or not isinstance(spec.get("columns"), dict):
            self.add(at, "mapping-kolommen-ontbreken", f"{where}: de sectie 'columns' ontbreekt.")
            return
        self.keys(at, where, spec, _DATASET_KEYS)
        for key, problem in _layout_problems(spec, partner):
            self.add((*at, key), "mapping-instelling-ongeldig", f"{where}: {problem}")
        kind = str(spec.get("kind", name))
        if kind not in self.kinds:
            self.add(
                (*at, "kind"),
                "mapping-soort-onbekend",
                f"{where}: soort '{kind}' kent het register niet (bekend: "
                f"{quoted_list(self.kinds)}).{did_you_mean(kind, self.kinds)}",
            )
            return
        _DatasetCheck(self, at, where, self.kinds[kind], spec).run()


class _DatasetCheck:
    """One dataset's columns, keys, types and codes against its kind's declared fields."""

    def __init__(
        self,
        checker: _Checker,
        at: tuple[str, ...],
        where: str,
        kind: schema.DatasetKind,
        spec: dict[str, Any],
    ) -> None:
        self.c, self.at, self.where, self.kind, self.spec = checker, at, where, kind, spec
        self.declared = {f.name: f for f in kind.fields} | checker.identity
        self.columns = {str(h): str(f) for h, f in spec["columns"].items()}
        self.mapped = set(self.columns.values())

    def add(self, keys: tuple[str, ...], code: str, message: str) -> None:
        self.c.add((*self.at, *keys), code, f"{self.where}: {message}")

    def run(self) -> None:
        self.fields()
        self.required()
        self.keys()
        self.types()
        self.codes()

    def fields(self) -> None:
        seen: dict[str, str] = {}
        for header, name in self.columns.items():
            if name not in self.declared:
                self.add(
                    ("columns", header),
                    "mapping-veld-onbekend",
                    f"kolom '{header}': veld '{name}' hoort niet bij soort '{self.kind.name}' "
                    f"(zie docs/intake.md).{did_you_mean(name, self.declared)}",
                )
            elif name in seen:
                self.add(
                    ("columns", header),
                    "mapping-veld-dubbel",
                    f"kolommen '{seen[name]}' en '{header}' zijn allebei '{name}'.",
                )
            seen.setdefault(name, header)

    def required(self) -> None:
        if self.kind.date_field not in self.mapped:
            self.add(
                ("columns",),
                "mapping-datum-ontbreekt",
                f"geen kolom voor '{self.kind.date_field}', de datum die een record van soort "
                f"'{self.kind.name}' in de tijd plaatst.",
            )
        for name in self.kind.required:
            if name not in self.mapped and name != self.kind.date_field:
                self.add(
                    ("columns",),
                    "mapping-veld-verplicht",
                    f"geen kolom voor '{name}' ({self.declared[name].label}); soort "
                    f"'{self.kind.name}' kan daar niet zonder.",
                )

    def keys(self) -> None:
        keys = [str(k) for k in self.spec.get("keys") or ()]
        for key in keys:
            if key not in self.mapped:
                self.add(
                    ("keys",),
                    "mapping-sleutel-geen-kolom",
                    f"sleutel '{key}' is geen kolom.{did_you_mean(key, self.mapped)}",
                )
        missing = [k for k in self.kind.keys if k not in keys]
        if missing:
            self.add(
                ("keys",),
                "mapping-sleutel-ontbreekt",
                f"zet 'keys: [{', '.join(self.kind.keys)}]': daaraan wordt een record van "
                f"soort '{self.kind.name}' herkend.",
            )

    def types(self) -> None:
        types = self.spec.get("types") or {}
        for name, given in ((str(k), str(v)) for k, v in types.items()):
            self.type_check(name, given)
        for name in sorted(self.mapped):
            one = self.declared.get(name)
            if one is not None and one.type in _PARSED and name not in types:
                self.add(
                    ("types",),
                    "mapping-type-ontbreekt",
                    f"geef '{name}' een type ('{name}: {one.type}' onder 'types:'); zonder type "
                    "wordt de waarde niet gecontroleerd.",
                )

    def type_check(self, name: str, given: str) -> None:
        at = ("types", name)
        if given not in TYPES:
            hint = _DUTCH_TYPES.get(given.casefold())
            mean = f" Bedoelt u '{hint}'?" if hint else did_you_mean(given, TYPES)
            self.add(
                at,
                "mapping-type-onbekend",
                f"type '{given}' van '{name}' bestaat niet (bekend: {quoted_list(TYPES)}).{mean}",
            )
        elif name not in self.declared:
            self.add(
                at,
                "mapping-veld-onbekend",
                f"type voor onbekend veld '{name}'.{did_you_mean(name, self.declared)}",
            )
        elif given != self.declared[name].type and name in self.mapped:
            self.add(
                at,
                "mapping-type-tegenstrijdig",
                f"'{name}' is volgens het register '{self.declared[name].type}', niet '{given}'.",
            )

    def codes(self) -> None:
        for name, table in (self.spec.get("codes") or {}).items():
            one = self.declared.get(str(name))
            at = ("codes", str(name))
            if one is None:
                self.add(
                    at,
                    "mapping-veld-onbekend",
                    f"codes voor onbekend veld '{name}'.{did_you_mean(str(name), self.declared)}",
                )
            elif one.type not in ("code", "boolean"):
                self.add(
                    at,
                    "mapping-codes-bij-geen-code",
                    f"'{name}' is '{one.type}': codes horen alleen bij een code- of ja/nee-veld.",
                )
            elif isinstance(table, dict):
                self.code_values(one, at, table)
            else:
                self.add(at, "mapping-vorm", f"codes van '{name}': verwacht 'code: waarde'.")

    def code_values(self, one: schema.Field, at: tuple[str, ...], table: dict[Any, Any]) -> None:
        for code, value in table.items():
            if one.type == "boolean" and not isinstance(value, bool):
                self.add(
                    at,
                    "mapping-code-geen-ja-nee",
                    f"'{one.name}' is ja/nee: code '{code}' "
                    f"moet true of false worden, niet '{value}'.",
                )
            elif one.codes is not None and str(value) not in one.codes.values:
                self.c.warnings.add(
                    _line(self.c.root, *self.at, *at),
                    "mapping-code-onbekend",
                    f"{self.where}: code '{code}' wordt '{value}', maar de codelijst "
                    f"{one.codes.label} kent alleen {quoted_list(one.codes.values)}."
                    f"{did_you_mean(str(value), one.codes.values)}",
                )


def _settings_problems(spec: dict[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if str(spec.get("file", "csv")) not in ("csv", "xlsx"):
        found.append(("file", f"bestandstype '{spec['file']}' onbekend (csv of xlsx)."))
    try:
        codecs.lookup(str(spec.get("encoding", "utf-8")))
    except LookupError:
        found.append(
            ("encoding", f"codering '{spec['encoding']}' onbekend (utf-8, utf-8-sig of cp1252).")
        )
    if len(str(spec.get("delimiter", ";"))) != 1:
        found.append(("delimiter", "scheidingsteken moet één teken zijn (';', ',' of tab)."))
    if str(spec.get("decimal", ",")) not in (",", "."):
        found.append(("decimal", "decimaalteken moet ',' of '.' zijn."))
    if not _date_format_ok(str(spec.get("date_format", "%d-%m-%Y"))):
        found.append(
            (
                "date_format",
                f"datumnotatie '{spec['date_format']}' is onbruikbaar "
                "(bijvoorbeeld '%d-%m-%Y' of '%Y-%m-%d').",
            )
        )
    if not _count(spec.get("title_rows", 0), minimum=0):
        found.append(("title_rows", "title_rows moet een geheel getal van 0 of meer zijn."))
    return found


def _layout_problems(spec: dict[str, Any], partner: dict[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    header_row = spec.get("header_row", 1)
    title_rows = partner.get("title_rows", 0)
    if not _count(header_row, minimum=1):
        found.append(("header_row", "header_row moet een regelnummer van 1 of meer zijn."))
    elif _count(title_rows, minimum=0) and int(header_row) <= int(title_rows):
        found.append(
            (
                "header_row",
                f"de kopregel (header_row: {header_row}) staat in de "
                f"titelregels (title_rows: {title_rows}); meestal title_rows + 1.",
            )
        )
    if "sheet" in spec and str(partner.get("file", "csv")) != "xlsx":
        found.append(("sheet", "een werkblad (sheet) hoort alleen bij 'file: xlsx'."))
    files = spec.get("files", [])
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        found.append(("files", "files is een lijst van bestandsnamen."))
    if not isinstance(spec.get("keys", []), list):
        found.append(("keys", "keys is een lijst van velden, bijvoorbeeld [record_id]."))
    return found


def _count(value: Any, *, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _date_format_ok(pattern: str) -> bool:
    day = dt.date(2024, 11, 28)
    try:
        return dt.datetime.strptime(day.strftime(pattern), pattern).date() == day
    except ValueError:
        return False


def mappings_validate(
    *, path: Path, partners: set[str] | None
) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """Read and check a mapping file: its content, its problems and its warnings."""
    data, root = mappings_read(path=path)
    log, warnings = ProblemLog(path.name), ProblemLog(path.name)
    mappings_check(data, root, log, partners=partners, warnings=warnings)
    return data, log.sorted(), warnings.sorted()


def problems_text(problems: list[Problem]) -> str:
    return "\n".join(f"- regel {p.line}: {p.message}" for p in problems)


@transaction.atomic
def mappings_load(*, path: Path) -> MappingsLoadResult:
    """Check the whole file first (nothing is stored when anything is wrong, an unknown
    partner included), then store each changed dataset declaration as a new version."""
    partners = {p.code: p for p in Partner.objects.all()}
    data, problems, warnings = mappings_validate(path=path, partners=set(partners))
    if problems:
        raise ProblemsError(
            "mapping-ongeldig",
            f"{path.name} is niet geladen; de problemen:\n{problems_text(problems)}",
            problems,
        )
    created = unchanged = 0
    for code, partner_spec in data["partners"].items():
        for dataset, dataset_spec in (partner_spec.get("datasets") or {}).items():
            spec = mapping_spec(partner_spec, dataset_spec)
            if mapping_store(partner=partners[code], dataset=dataset, spec=spec)[1]:
                created += 1
            else:
                unchanged += 1
    return MappingsLoadResult(created, unchanged, warnings)


def mapping_store(
    *, partner: Partner, dataset: str, spec: dict[str, Any]
) -> tuple[SourceMapping, bool]:
    digest = _digest(spec)
    latest = mapping_latest(partner=partner, dataset=dataset)
    if latest is not None and latest.digest == digest:
        return latest, False
    version = latest.version + 1 if latest else 1
    mapping = SourceMapping.objects.create(
        partner=partner, dataset=dataset, version=version, digest=digest, spec=spec
    )
    return mapping, True


def mapping_latest(*, partner: Partner, dataset: str) -> SourceMapping | None:
    return (
        SourceMapping.objects.filter(partner=partner, dataset=dataset).order_by("-version").first()
    )


def mapping_for_file(*, partner: Partner, file_name: str, dataset: str | None) -> SourceMapping:
    """The latest mapping of the dataset the file is, chosen as `doorbraak pseudonymise`
    chooses it (`sources.mapping.dataset_choose`: asked for, declared file, only one, name)."""
    latest: dict[str, SourceMapping] = {}
    for mapping in SourceMapping.objects.filter(partner=partner).order_by("dataset", "version"):
        latest[mapping.dataset] = mapping
    if not latest:
        raise UserError(
            "mapping-ontbreekt",
            f"Voor {partner.name} is nog geen mapping geladen; vraag de beheerder "
            "'doorbraak mappings load' uit te voeren.",
        )
    files = {name: m.spec.get("files") or () for name, m in latest.items()}
    return latest[dataset_choose(files, file_name=file_name, requested=dataset)]
