"""The typed partner mapping (`MappingSet` of `PartnerMapping`s of `DatasetMapping`s) that the
readers, writers, `doorbraak pseudonymise` and the intake work with, and how a file's dataset
is chosen. `sources.mapping` reads the format into it.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import PurePath
from typing import Any

from doorbraak.core.errors import ProblemsError, UserError


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
    # canonical field -> the text every row gets when the export has no column for it
    fixed: dict[str, str] = field(default_factory=dict)

    @property
    def fields(self) -> tuple[str, ...]:
        """Every canonical field the dataset delivers: its columns', then its fixed ones."""
        return (*dict.fromkeys(self.columns.values()), *self.fixed)


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
