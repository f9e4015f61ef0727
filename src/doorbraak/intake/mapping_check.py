"""`doorbraak mappings check`: a mapping file against the contract (docs/intake.md) and the
register's schema, every problem at once with its line and, where it helps, a did-you-mean.

The format itself (its keys and settings, the types, what a dataset must have) is read by the
parser `doorbraak pseudonymise` uses, `sources.mapping.mapping_parse_all`; this module puts
its problems on their lines and adds what only the register and the platform know: each
dataset's kind, its fields, their types and code lists, which name fields go together, whether
a fixed value is one the field can hold, and which partners exist.
"""

from pathlib import Path
from typing import Any

from yaml.nodes import Node

from doorbraak.core.definitions.nodes import document
from doorbraak.core.definitions.problems import ProblemLog, did_you_mean, quoted_list
from doorbraak.core.errors import UserError
from doorbraak.core.problems import Problem
from doorbraak.register import schema
from doorbraak.sources.mapping import (
    DatasetMapping,
    MappingSet,
    PartnerMapping,
    line_at,
    mapping_parse_all,
)
from doorbraak.sources.values import value_parse

PARSED = ("date", "integer", "decimal")  # the types the intake checks value by value
# the name fields a combined "Achternaam, Voornaam" column (name_line) already holds
NAME_PARTS = ("given_name", "initials", "surname_prefix", "surname", "full_surname")
FIXED_PROBLEMS = {
    "date": "is geen datum (schrijf bijvoorbeeld 2024-12-31)",
    "integer": "is geen geheel getal",
    "decimal": "is geen getal",
}


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
    found = document(text, log)
    if found is None:
        problem = log.sorted()[0]
        raise UserError(
            "mapping-onleesbaar", f"{path.name}, regel {problem.line}: {problem.message}"
        )
    root, data = found
    if not isinstance(data, dict) or not isinstance(data.get("partners"), dict):
        raise UserError(
            "mapping-vorm", f"{path.name} heeft geen lijst 'partners:'; zie docs/intake.md."
        )
    return data, root


def mappings_check(
    data: dict[str, Any],
    root: Node,
    log: ProblemLog,
    *,
    partners: set[str] | None = None,
    warnings: ProblemLog | None = None,
) -> MappingSet:
    """The whole file against the contract and the register's schema: the format's problems
    (as `doorbraak pseudonymise` finds them), each dataset's kind, fields, keys, types, code
    lists and fixed values, and (with `partners`) that every partner exists. Every problem
    with its line; doubtful but usable declarations go to `warnings`. Returns the mappings."""
    mappings, found = mapping_parse_all(data)
    for problem in found:
        log.add(line_at(root, problem.at), problem.code, problem.message)
    flagged = {problem.at for problem in found}
    extra = warnings if warnings is not None else ProblemLog(log.filename)
    for code in map(str, data["partners"]):
        if partners is not None and code not in partners:
            log.add(
                line_at(root, ("partners", code)),
                "partner-onbekend",
                f"Partner '{code}' bestaat nog niet op het platform; voeg de partner eerst toe "
                f"met 'doorbraak partners add {code} --naam NAAM --sector SECTOR' (of op "
                f"/partners/nieuw).{did_you_mean(code, partners)}",
            )
    for partner in mappings.partners.values():
        for dataset in partner.datasets.values():
            _DatasetCheck(root, (log, extra), partner, dataset, flagged).run()
    return mappings


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


class _DatasetCheck:
    """One dataset against its kind in the register: fields, name fields, required fields,
    keys, types, codes and fixed values."""

    def __init__(
        self,
        root: Node,
        logs: tuple[ProblemLog, ProblemLog],
        partner: PartnerMapping,
        dataset: DatasetMapping,
        flagged: set[tuple[str, ...]],
    ) -> None:
        """`logs`: problems and warnings; `flagged`: where the format's problems are (a
        fault found there is not reported twice)."""
        self.root, (self.log, self.warnings), self.flagged = root, logs, flagged
        self.partner, self.dataset = partner, dataset
        self.at = ("partners", partner.code, "datasets", dataset.name)
        self.where = f"Partner '{partner.code}', gegevensset '{dataset.name}'"
        self.identity = {f.name: f for f in schema.IDENTITY_FIELDS}
        self.mapped = set(dataset.fields)

    def add(self, keys: tuple[str, ...], code: str, message: str, *, warn: bool = False) -> None:
        log = self.warnings if warn else self.log
        log.add(line_at(self.root, (*self.at, *keys)), code, f"{self.where}: {message}")

    def run(self) -> None:
        kinds = schema.dataset_kinds()
        kind = kinds.get(self.dataset.kind)
        if kind is None:
            self.add(
                ("kind",),
                "mapping-soort-onbekend",
                f"soort '{self.dataset.kind}' kent het register niet (bekend: "
                f"{quoted_list(kinds)}).{did_you_mean(self.dataset.kind, kinds)}",
            )
            return
        self.kind = kind
        self.declared = {f.name: f for f in kind.fields} | self.identity
        for rule in (
            self.fields, self.names, self.required, self.keys, self.types, self.codes, self.fixed,
        ):  # fmt: skip
            rule()

    def fields(self) -> None:
        for header, name in self.dataset.columns.items():
            if name not in self.declared:
                self.add(
                    ("columns", header),
                    "mapping-veld-onbekend",
                    f"kolom '{header}': veld '{name}' hoort niet bij soort '{self.kind.name}' "
                    f"(zie docs/intake.md).{did_you_mean(name, self.declared)}",
                )

    def names(self) -> None:
        """A combined "Achternaam, Voornaam" column holds every name part already."""
        by_field = {f: h for h, f in self.dataset.columns.items()}
        if "name_line" not in by_field:
            return
        also = [by_field[f] for f in NAME_PARTS if f in by_field]
        if also:
            self.add(
                ("columns", by_field["name_line"]),
                "mapping-naam-dubbel",
                f"kolom '{by_field['name_line']}' (name_line) bevat al achternaam en voornaam; "
                f"laat {quoted_list(also)} weg, of lever de naam in aparte kolommen zonder "
                "name_line.",
            )

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
                    f"geen kolom (of vaste waarde) voor '{name}' ({self.declared[name].label}); "
                    f"soort '{self.kind.name}' kan daar niet zonder.",
                )

    def keys(self) -> None:
        missing = [k for k in self.kind.keys if k not in self.dataset.keys]
        if missing:
            self.add(
                ("keys",),
                "mapping-sleutel-ontbreekt",
                f"zet 'keys: [{', '.join(self.kind.keys)}]': daaraan wordt een record van "
                f"soort '{self.kind.name}' herkend.",
            )

    def types(self) -> None:
        types = self.dataset.types
        for name, given in types.items():
            if name not in self.declared:
                self.add(
                    ("types", name),
                    "mapping-veld-onbekend",
                    f"type voor onbekend veld '{name}'.{did_you_mean(name, self.declared)}",
                )
            elif given != self.declared[name].type and name in self.mapped:
                self.add(
                    ("types", name),
                    "mapping-type-tegenstrijdig",
                    f"'{name}' is volgens het register '{self.declared[name].type}', "
                    f"niet '{given}'.",
                )
        for name in sorted(self.mapped):
            one = self.declared.get(name)
            flagged = (*self.at, "types", name) in self.flagged
            if one is not None and one.type in PARSED and name not in types and not flagged:
                self.add(
                    ("types",),
                    "mapping-type-ontbreekt",
                    f"geef '{name}' een type ('{name}: {one.type}' onder 'types:'); zonder type "
                    "wordt de waarde niet gecontroleerd.",
                )

    def codes(self) -> None:
        for name, table in self.dataset.codes.items():
            one = self.declared.get(name)
            if one is None:
                self.add(
                    ("codes", name),
                    "mapping-veld-onbekend",
                    f"codes voor onbekend veld '{name}'.{did_you_mean(name, self.declared)}",
                )
            elif one.type not in ("code", "boolean"):
                self.add(
                    ("codes", name),
                    "mapping-codes-bij-geen-code",
                    f"'{name}' is '{one.type}': codes horen alleen bij een code- of ja/nee-veld.",
                )
            else:
                self.code_values(one, table)

    def code_values(self, one: schema.Field, table: dict[str, Any]) -> None:
        for code, value in table.items():
            if one.type == "boolean" and not isinstance(value, bool):
                self.add(
                    ("codes", one.name),
                    "mapping-code-geen-ja-nee",
                    f"'{one.name}' is ja/nee: code '{code}' "
                    f"moet true of false worden, niet '{value}'.",
                )
            elif one.codes is not None and str(value) not in one.codes.values:
                self.add(
                    ("codes", one.name),
                    "mapping-code-onbekend",
                    f"code '{code}' wordt '{value}', maar de codelijst {one.codes.label} kent "
                    f"alleen {quoted_list(one.codes.values)}."
                    f"{did_you_mean(str(value), one.codes.values)}",
                    warn=True,
                )

    def fixed(self) -> None:
        for name, text in self.dataset.fixed.items():
            problem = self.fixed_problem(name, text)
            if problem is not None:
                code, message = problem
                self.add(("fixed", name), code, message)

    def fixed_problem(self, name: str, text: str) -> tuple[str, str] | None:
        """What is wrong with one fixed value (code, message), or None: the value is read
        as a cell of the export would be, through the dataset's `codes` and type."""
        one = self.declared.get(name)
        if one is None:
            return "mapping-veld-onbekend", (
                f"vaste waarde voor '{name}', maar dat is geen veld van soort "
                f"'{self.kind.name}'.{did_you_mean(name, [f.name for f in self.kind.fields])}"
            )
        if name in self.identity:
            return "mapping-vast-identiteit", (
                f"'{name}' is een identiteitsveld; dat verschilt per persoon en krijgt geen "
                "vaste waarde."
            )
        codes = self.dataset.codes.get(name)
        type_name = self.dataset.types.get(name, one.type)
        value = value_parse(
            name,
            text,
            type_name=type_name if type_name in PARSED else None,
            codes=codes,
            date_format=self.partner.date_format,
            decimal=self.partner.decimal,
        )
        if isinstance(value, Problem):
            why = (
                f"staat niet onder 'codes' van '{name}' (bekend: {quoted_list(codes)})"
                if codes
                else FIXED_PROBLEMS.get(str(type_name), "is onleesbaar")
            )
            return "mapping-vast-ongeldig", f"vaste waarde '{text}' van '{name}' {why}."
        if one.type == "code" and one.codes is not None and str(value) not in one.codes.values:
            return "mapping-vast-ongeldig", (
                f"vaste waarde '{text}' van '{name}' staat niet in de codelijst "
                f"{one.codes.label} (bekend: {quoted_list(one.codes.values)})."
                f"{did_you_mean(str(value), one.codes.values)}"
            )
        return None
