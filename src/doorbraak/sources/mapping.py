"""The declared, versioned partner mapping format (`mappings.yaml`, format version 1)."""

from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path
from typing import Any

import yaml

from doorbraak.core.errors import ProblemsError

SUPPORTED_FORMAT_VERSIONS = (1,)


class MappingError(ProblemsError):
    """A mapping file that cannot be used; `problems` lists every problem in Dutch."""

    problems: list[str]

    def __init__(self, problems: list[str]) -> None:
        super().__init__("mapping-ongeldig", "\n".join(problems), problems)


@dataclass(frozen=True)
class DatasetMapping:
    name: str
    kind: str
    files: tuple[str, ...]
    keys: tuple[str, ...]
    header_row: int
    sheet: str | None
    columns: dict[str, str]  # header -> canonical field
    types: dict[str, str]
    codes: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class PartnerMapping:
    code: str
    name: str
    dialect: str
    version: int
    file_type: str  # "csv" or "xlsx"
    encoding: str
    delimiter: str
    date_format: str
    decimal: str
    title_rows: int
    datasets: dict[str, DatasetMapping] = field(default_factory=dict)

    def dataset_for_file(self, file_name: str) -> DatasetMapping | None:
        for dataset in self.datasets.values():
            if file_name in dataset.files:
                return dataset
        stem = file_name.split("-")[0].split(".")[0]
        return self.datasets.get(stem)


@dataclass(frozen=True)
class MappingSet:
    version: int
    partners: dict[str, PartnerMapping]


def mapping_load(path: Path) -> MappingSet:
    """Load and validate a mapping file; raise MappingError with every problem at once."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MappingError([_("Mappingbestand %s is niet leesbaar: %s") % (path, exc)]) from exc
    return mapping_parse(data)


def mapping_parse(data: Any) -> MappingSet:
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("partners"), dict):
        raise MappingError([_("Het mappingbestand mist de sectie 'partners'.")])
    version = data.get("version")
    if version not in SUPPORTED_FORMAT_VERSIONS:
        problems.append(_("Onbekende versie van het mappingformaat: %r (verwacht 1).") % version)
    partners = {}
    for code, raw in data["partners"].items():
        partner = _partner_parse(str(code), raw, problems)
        if partner is not None:
            partners[partner.code] = partner
    if problems:
        raise MappingError(problems)
    return MappingSet(version=int(version or 0), partners=partners)


def _partner_parse(code: str, raw: Any, problems: list[str]) -> PartnerMapping | None:
    if not isinstance(raw, dict):
        problems.append(_("Partner '%s': verwacht een blok met instellingen.") % code)
        return None
    file_type = str(raw.get("file", "csv"))
    if file_type not in ("csv", "xlsx"):
        problems.append(
            _("Partner '%s': bestandstype '%s' onbekend (csv of xlsx).") % (code, file_type)
        )
    datasets = {}
    for name, ds in (raw.get("datasets") or {}).items():
        dataset = _dataset_parse(code, str(name), ds, problems)
        if dataset is not None:
            datasets[dataset.name] = dataset
    return PartnerMapping(
        code=code,
        name=str(raw.get("name", code)),
        dialect=str(raw.get("dialect", "")),
        version=int(raw.get("version", 1)),
        file_type=file_type,
        encoding=str(raw.get("encoding", "utf-8")),
        delimiter=str(raw.get("delimiter", ";")),
        date_format=str(raw.get("date_format", "%d-%m-%Y")),
        decimal=str(raw.get("decimal", ",")),
        title_rows=int(raw.get("title_rows", 0)),
        datasets=datasets,
    )


def _dataset_parse(partner: str, name: str, raw: Any, problems: list[str]) -> DatasetMapping | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict):
        problems.append(
            _("Partner '%s', dataset '%s': de sectie 'columns' ontbreekt.") % (partner, name)
        )
        return None
    columns = {str(k): str(v) for k, v in raw["columns"].items()}
    for key in raw.get("keys") or []:
        if key not in columns.values():
            problems.append(
                _("Partner '%s', dataset '%s': sleutel '%s' is geen kolom.") % (partner, name, key)
            )
    return DatasetMapping(
        name=name,
        kind=str(raw.get("kind", name)),
        files=tuple(str(f) for f in raw.get("files") or ()),
        keys=tuple(str(k) for k in raw.get("keys") or ()),
        header_row=int(raw.get("header_row", 1)),
        sheet=raw.get("sheet"),
        columns=columns,
        types={str(k): str(v) for k, v in (raw.get("types") or {}).items()},
        codes={
            str(k): {str(c): v for c, v in m.items()} for k, m in (raw.get("codes") or {}).items()
        },
    )
