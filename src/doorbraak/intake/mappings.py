"""Load declared mappings (`mappings.yaml`) into versioned `SourceMapping`s, and find the
mapping a delivered file belongs to. A changed declaration becomes a new version; loading the
same file again changes nothing."""

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from yaml.nodes import MappingNode, Node

from doorbraak.core.definitions.nodes import compose, line_of
from doorbraak.core.definitions.problems import ProblemLog, did_you_mean, quoted_list
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.intake.models import SourceMapping
from doorbraak.partners.models import Partner
from doorbraak.register import schema

_FILE_SETTINGS = (
    "file", "encoding", "delimiter", "decimal", "date_format", "dates", "title_rows", "dialect",
)  # fmt: skip


@dataclass(frozen=True)
class MappingsLoadResult:
    created: int
    unchanged: int
    unknown_partners: list[str]


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
            "mapping-vorm", f"{path.name} heeft geen lijst 'partners:'; zie docs/register.md."
        )
    return data, root


def _line(node: Node, *keys: str) -> int:
    """The line of the deepest of `keys` (a path of mapping keys) that the file has."""
    line = line_of(node)
    for key in keys:
        if not isinstance(node, MappingNode):
            break
        found = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        if found is None:
            break
        node, line = found, line_of(found)
    return line


def mappings_check(data: dict[str, Any], root: Node, log: ProblemLog) -> None:
    """Every dataset against the register's schema: its kind is one the register takes, and
    the column holding the kind's own date is mapped. Every problem, with its line."""
    kinds = schema.dataset_kinds()
    for code, partner_spec in data["partners"].items():
        datasets = partner_spec.get("datasets") if isinstance(partner_spec, dict) else None
        for dataset, spec in (datasets or {}).items():
            at = ("partners", str(code), "datasets", str(dataset))
            where = f"Partner '{code}', gegevensset '{dataset}'"
            kind = str((spec or {}).get("kind", dataset))
            if kind not in kinds:
                log.add(
                    _line(root, *at, "kind"),
                    "mapping-soort-onbekend",
                    f"{where}: soort '{kind}' kent het register niet (bekend: "
                    f"{quoted_list(kinds)}).{did_you_mean(kind, kinds)}",
                )
            elif kinds[kind].date_field not in set(((spec or {}).get("columns") or {}).values()):
                log.add(
                    _line(root, *at, "columns"),
                    "mapping-datum-ontbreekt",
                    f"{where}: geen kolom voor '{kinds[kind].date_field}', de datum die een "
                    f"record van soort '{kind}' in de tijd plaatst.",
                )


@transaction.atomic
def mappings_load(*, path: Path) -> MappingsLoadResult:
    """Check the whole file first (nothing is stored when anything is wrong), then store
    each changed dataset declaration as a new version."""
    data, root = mappings_read(path=path)
    log = ProblemLog(path.name)
    mappings_check(data, root, log)
    if log:
        problems = log.sorted()
        lines = "\n".join(f"- regel {p.line}: {p.message}" for p in problems)
        raise ProblemsError(
            "mapping-ongeldig", f"{path.name} is niet geladen; de problemen:\n{lines}", problems
        )
    partners = {p.code: p for p in Partner.objects.all()}
    created = unchanged = 0
    unknown: list[str] = []
    for code, partner_spec in data["partners"].items():
        if code not in partners:
            unknown.append(code)
            continue
        for dataset, dataset_spec in (partner_spec.get("datasets") or {}).items():
            spec = mapping_spec(partner_spec, dataset_spec)
            if mapping_store(partner=partners[code], dataset=dataset, spec=spec)[1]:
                created += 1
            else:
                unchanged += 1
    return MappingsLoadResult(created, unchanged, unknown)


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
    """The latest mapping of `dataset`, or of the dataset the file name points to."""
    names = list(
        SourceMapping.objects.filter(partner=partner).values_list("dataset", flat=True).distinct()
    )
    if not names:
        raise UserError(
            "mapping-ontbreekt",
            f"Voor {partner.name} is nog geen mapping geladen; vraag de beheerder "
            "'doorbraak mappings load' uit te voeren.",
        )
    chosen = dataset or _dataset_from_name(file_name, names)
    mapping = mapping_latest(partner=partner, dataset=chosen) if chosen else None
    if mapping is None:
        raise UserError(
            "gegevensset-onbekend",
            f"Welke gegevensset dit bestand is, is niet duidelijk ('{file_name}'). Kies een van: "
            f"{', '.join(sorted(names))}.",
        )
    return mapping


def _dataset_from_name(file_name: str, names: list[str]) -> str | None:
    if len(names) == 1:
        return names[0]
    stem = re.split(r"[-_. ]", Path(file_name).stem.lower())[0]
    return stem if stem in names else None
