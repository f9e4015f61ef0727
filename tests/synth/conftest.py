"""Shared synthetic runs for the synth tests: small scales, generated once per session."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from doorbraak.synth import generate

SMALL = 2_000  # households: one chunk
MODEL = 6_000  # households: enough for the statistical properties, three chunks


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes more than a few seconds")


@pytest.fixture(scope="session")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed1")
    generate(seed=1, out_dir=out, scale=SMALL, workers=1)
    return out


@pytest.fixture(scope="session")
def model_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("model")
    generate(seed=7, out_dir=out, scale=MODEL)
    return out


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def table(root: Path, name: str) -> list[dict[str, str]]:
    """A truth or fact table, e.g. `truth/faults.csv` or `truth/facts/plans.csv`."""
    with (root / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def mappings(root: Path) -> dict[str, Any]:
    return yaml.safe_load((root / "exports" / "mappings.yaml").read_text(encoding="utf-8"))


def dataset_of(root: Path, partner: str, file_name: str) -> dict[str, Any]:
    for dataset in mappings(root)["partners"][partner]["datasets"].values():
        if file_name in dataset["files"]:
            return dict(dataset)
    raise KeyError(file_name)


def read_export(root: Path, partner: str, file_name: str) -> list[dict[str, Any]]:
    """An export's data rows as canonical field → cell, read the way its mapping declares."""
    spec = mappings(root)["partners"][partner]
    dataset = dataset_of(root, partner, file_name)
    path = root / "exports" / partner / file_name
    if spec["file"] == "xlsx":
        workbook = openpyxl.load_workbook(path, read_only=True)
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
        header, data = rows[dataset["header_row"] - 1], rows[dataset["header_row"] :]
        data = [tuple("" if cell is None else cell for cell in row) for row in data]
    else:
        text = path.read_bytes().decode(spec["encoding"])
        rows = list(csv.reader(io.StringIO(text), delimiter=spec["delimiter"]))
        header, data = rows[0], rows[1:]
    fields = [dataset["columns"][column] for column in header]
    return [dict(zip(fields, row, strict=False)) for row in data]
