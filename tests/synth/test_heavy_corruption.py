"""`doorbraak synth --corruption zwaar`: the heavy corruption's fault kinds are in the truth,
and what the truth says was written is what the export holds."""

from pathlib import Path

import pytest

from doorbraak.synth import generate
from doorbraak.synth.cli import main
from doorbraak.synth.faults import FAULT_KINDS, HEAVY_FAULT_KINDS

from .conftest import table


@pytest.fixture(scope="module")
def heavy_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("heavy")
    generate(seed=3, out_dir=out, scale=800, workers=1, corruption="zwaar")
    return out


def test_every_heavy_fault_kind_occurs(heavy_run: Path) -> None:
    kinds = {row["kind"] for row in table(heavy_run, "truth/faults.csv")}
    assert kinds >= set(HEAVY_FAULT_KINDS)
    assert kinds <= set(FAULT_KINDS) | set(HEAVY_FAULT_KINDS)


def test_dutch_surname_forms_are_written(heavy_run: Path) -> None:
    written = {
        row["written_value"]
        for row in table(heavy_run, "truth/faults.csv")
        if row["kind"] in ("surname_prefix_variant", "double_surname")
    }
    assert any(", " in value for value in written)  # "Berg, van den"
    assert any("." in value for value in written)  # "v.d. Berg"
    assert any("-" in value for value in written)  # "Jansen-de Vries"


def test_an_unknown_corruption_level_is_refused_in_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--corruption", "extreem", "--out", str(tmp_path), "--scale", "10"])
    assert code != 0
    assert "ongeldige keuze" in capsys.readouterr().err
