"""Load declared mappings (`mappings.yaml`) into versioned `SourceMapping`s, and find the
mapping a delivered file belongs to. A changed declaration becomes a new version; loading the
same file again changes nothing. The file is checked first, by `intake.mapping_check`.
"""

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.problems import Problem
from doorbraak.intake.mapping_check import mappings_validate, problems_text
from doorbraak.intake.models import SourceMapping
from doorbraak.partners.models import Partner
from doorbraak.sources.mapping import FILE_SETTINGS, dataset_choose


@dataclass(frozen=True)
class MappingsLoadResult:
    created: int
    unchanged: int
    warnings: list[Problem]


def mapping_spec(partner_spec: dict[str, Any], dataset_spec: dict[str, Any]) -> dict[str, Any]:
    """One dataset's declaration as stored: the partner's file settings and the dataset's
    own, as JSON (a YAML date, say a fixed value, becomes its ISO text)."""
    spec = {k: partner_spec[k] for k in FILE_SETTINGS if k in partner_spec}
    spec.update(dataset_spec)
    loaded: dict[str, Any] = json.loads(json.dumps(storable(spec), default=str))
    return loaded


def storable(value: Any, within: frozenset[int] = frozenset()) -> Any:
    """`value` as JSON that every database takes: NaN and infinity as text, a NUL character
    as U+FFFD, a key JSON has no key for (a date) as text, and a value that holds itself (a
    YAML alias) as its text. A mapping the check passes may hold any of these where it reads
    only text (`dialect`, say); stored raw they raised ValueError or a database error."""
    if isinstance(value, dict | list):
        if id(value) in within:
            return str(value).replace("\x00", "\ufffd")
        inner = within | {id(value)}
        if isinstance(value, list):
            return [storable(v, inner) for v in value]
        return {_storable_key(k): storable(v, inner) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    return value


def _storable_key(key: Any) -> Any:
    if isinstance(key, float) and not math.isfinite(key):
        return str(key)
    if key is None or isinstance(key, int | float):  # JSON writes these as text itself
        return key
    return str(key).replace("\x00", "\ufffd")


def _digest(spec: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()


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
