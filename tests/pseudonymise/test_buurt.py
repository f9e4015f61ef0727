"""`--adressen`: the buurt of each record's address is added before the address is dropped."""

import csv
from pathlib import Path

from doorbraak.pseudonymise.cli import main
from doorbraak.sources.mapping import mapping_load

from .conftest import KEY_A
from .test_pseudonymise import _rows

PARTNER = "woonstichting-veenhorst"


def test_each_record_gets_the_buurt_of_its_address(region: Path, tmp_path: Path) -> None:
    exports = region / "exports"
    key = tmp_path / "sleutel.hex"
    key.write_text(KEY_A + "\n")
    files = sorted(str(f) for f in (exports / PARTNER).iterdir())
    args = ["--mapping", str(exports / "mappings.yaml"), "--partner", PARTNER]
    args += ["--sleutel", str(key), "--adressen", str(exports / "adressen.csv")]
    assert main([*args, "--uit", str(tmp_path / "uit"), *files]) == 0

    partner = mapping_load(exports / "mappings.yaml").partners[PARTNER]
    out = sorted((tmp_path / "uit").glob("*.csv")) + sorted((tmp_path / "uit").glob("*.xlsx"))
    rows = [row for path in out for row in _rows(path, partner)]
    truth_buurt = _truth_buurten(region)
    assert rows
    assert all(row["buurt_code"] in truth_buurt for row in rows if row["buurt_code"])
    found = sum(1 for row in rows if row["buurt_code"])
    assert found >= 0.95 * len(rows)  # the rest carry a mistyped or missing address


def test_a_missing_address_file_is_a_dutch_error(region: Path, tmp_path: Path, capsys) -> None:
    exports = region / "exports"
    key = tmp_path / "sleutel.hex"
    key.write_text(KEY_A + "\n")
    code = main(
        ["--mapping", str(exports / "mappings.yaml"), "--partner", PARTNER, "--sleutel",
         str(key), "--adressen", str(tmp_path / "geen.csv"), "--uit", str(tmp_path / "uit"),
         str(next((exports / PARTNER).iterdir()))]
    )  # fmt: skip
    assert code == 2
    assert "adressenbestand" in capsys.readouterr().err


def _truth_buurten(region: Path) -> set[str]:
    with (region / "truth" / "addresses.csv").open(encoding="utf-8") as handle:
        return {row["buurt_code"] for row in csv.DictReader(handle)}
