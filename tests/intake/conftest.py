"""Intake fixtures: the demo steward's partner with its mapping loaded, and a pseudonymised
export made the way the partner's tool would (identifying columns replaced by a pseudonym)."""

import csv
import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from doorbraak.core.pseudonyms import KEY_ID_COLUMN, key_id
from doorbraak.intake.mappings import mappings_load
from doorbraak.partners.models import Partner
from tests.conftest import TEST_KEY

PARTNER = "woonstichting-veenhorst"
KEY_ID = key_id(TEST_KEY)  # the key id the test world's programme accepts
RAW_DROP = (
    "BSN", "Huurdernummer", "Voornaam", "Achternaam", "Geboortedatum", "Straatnaam", "Huisnr",
    "Toev", "Postcode", "Plaats",
)  # fmt: skip


@pytest.fixture
def mappings(demo_world: None, synth_dir: Path) -> Path:
    path = synth_dir / "exports" / "mappings.yaml"
    mappings_load(path=path)
    return path


@pytest.fixture
def partner(mappings: Path) -> Partner:
    return Partner.objects.get(code=PARTNER)


def pseudonymised(raw: bytes) -> bytes:
    """Stand-in for `doorbraak pseudonymise`: identifying columns become one pseudonym, and
    every row names the test world's key by its key id (ADR 0010)."""
    rows = list(csv.DictReader(io.StringIO(raw.decode("cp1252")), delimiter=";"))
    header = ["bsn_pseudonym", *(c for c in rows[0] if c not in RAW_DROP), KEY_ID_COLUMN]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        row["bsn_pseudonym"] = hashlib.sha256(row["BSN"].encode()).hexdigest()
        row[KEY_ID_COLUMN] = KEY_ID
        writer.writerow([row[c] for c in header])
    return out.getvalue().encode("cp1252")


MakeFile = Callable[..., Path]


@pytest.fixture
def export_file(synth_dir: Path, tmp_path: Path) -> MakeFile:
    """`export_file(year=2025, edit=None, name=None)`: a pseudonymised arrears export."""

    def make(year: int = 2025, edit: Callable[[str], str] | None = None, name: str = "") -> Path:
        raw = (synth_dir / "exports" / PARTNER / f"huurachterstanden-{year}.csv").read_bytes()
        text = pseudonymised(raw).decode("cp1252")
        path = tmp_path / (name or f"huurachterstanden-{year}.csv")
        path.write_bytes((edit(text) if edit else text).encode("cp1252"))
        return path

    return make


def csv_rows(content: bytes, encoding: str = "cp1252") -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode(encoding)), delimiter=";"))
