"""The declared, versioned partner mapping format (`mappings.yaml`, format version 1)."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path, PurePath
from typing import Any

import yaml

from doorbraak.core.errors import ProblemsError, UserError

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

    def dataset_for_file(self, file_name: str, requested: str | None = None) -> DatasetMapping:
        """The dataset a file belongs to, chosen as the intake chooses it (`dataset_choose`);
        a UserError in Dutch when that is not clear."""
        files = {name: dataset.files for name, dataset in self.datasets.items()}
        return self.datasets[dataset_choose(files, file_name=file_name, requested=requested)]


def dataset_choose(
    files: Mapping[str, Iterable[str]], *, file_name: str, requested: str | None
) -> str:
    """Which of a partner's datasets (name -> its declared file names) a file is: the one
    asked for; else the one that declares the file's name; else the only one; else the one
    whose name starts the file's name ("huurachterstanden-2025.csv"). `doorbraak
    pseudonymise` and the intake choose with this one function."""
    names = sorted(set(files))
    if requested:
        if requested in files:
            return requested
        raise UserError(
            "gegevensset-onbekend",
            _("Gegevensset '%s' staat niet in de mapping. Kies een van: %s.")
            % (requested, ", ".join(names)),
        )
    base = PurePath(file_name).name.casefold()
    declared = [n for n in names if base in {PurePath(f).name.casefold() for f in files[n]}]
    if len(declared) == 1:
        return declared[0]
    if len(names) == 1:
        return names[0]
    stem = PurePath(base).stem
    starts = [n for n in names if re.match(re.escape(n.casefold()) + r"($|[-_. ])", stem)]
    if starts:
        return max(starts, key=len)
    raise UserError(
        "gegevensset-onbekend",
        _("Welke gegevensset dit bestand is, is niet duidelijk ('%s'). Kies een van: %s.")
        % (file_name, ", ".join(names)),
    )


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
