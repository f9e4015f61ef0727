import json
import resource
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from doorbraak.synth import ScaleError, generate, production
from doorbraak.synth.generator import resolve_scale

from .conftest import SMALL, file_hashes


def test_the_same_seed_gives_byte_identical_files(small_run: Path, tmp_path: Path) -> None:
    generate(seed=1, out_dir=tmp_path, scale=SMALL, workers=1)
    assert file_hashes(tmp_path) == file_hashes(small_run)


def test_another_seed_gives_other_files(small_run: Path, tmp_path: Path) -> None:
    generate(seed=2, out_dir=tmp_path, scale=SMALL, workers=1)
    ours, theirs = file_hashes(small_run), file_hashes(tmp_path)
    shared = set(ours) & set(theirs)
    assert shared
    assert sum(ours[name] != theirs[name] for name in shared) > 0.9 * len(shared)


def test_the_number_of_workers_does_not_change_the_output(tmp_path: Path) -> None:
    generate(seed=3, out_dir=tmp_path / "one", scale=2 * SMALL, workers=1)
    generate(seed=3, out_dir=tmp_path / "two", scale=2 * SMALL, workers=2)
    assert file_hashes(tmp_path / "one") == file_hashes(tmp_path / "two")


def test_a_rerun_leaves_no_files_of_an_earlier_run(tmp_path: Path) -> None:
    generate(seed=1, out_dir=tmp_path, scale=300, workers=1)
    stale = tmp_path / "exports" / "oud-bestand.csv"
    stale.write_text("oud", encoding="utf-8")
    generate(seed=1, out_dir=tmp_path, scale=300, workers=1)
    assert not stale.exists()


def test_the_summary_counts_what_was_written(small_run: Path) -> None:
    summary = json.loads((small_run / "truth" / "summary.json").read_text(encoding="utf-8"))
    assert summary["initial_households"] == SMALL
    assert summary["households"] > SMALL  # children left home, couples separated
    assert set(summary["signals_per_source"]) == {
        "huur",
        "energie",
        "water",
        "zorgverzekering",
        "school",
    }
    assert all((small_run / name).is_file() for name in summary["files_written"])
    records = (small_run / "truth" / "records.csv").read_text(encoding="utf-8").count("\n") - 1
    assert sum(summary["export_rows_per_partner"].values()) == records


@pytest.mark.parametrize("scale", ["abc", "0", "-5", "8000001", "1.5"])
def test_an_impossible_scale_is_refused(scale: str) -> None:
    with pytest.raises(ScaleError):
        resolve_scale(scale)


def test_region_is_the_default_scale() -> None:
    assert resolve_scale("region") == 30_000


def _peak(tmp_path: Path, households: int) -> int:
    tracemalloc.start()
    generate(seed=1, out_dir=tmp_path / str(households), scale=households, workers=1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


@pytest.mark.once  # no database: the same on either half
def test_memory_stays_bounded_as_the_scale_grows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four times the households (in four times the chunks) need about the same memory."""
    monkeypatch.setattr(production, "CHUNK_HOUSEHOLDS", 200)
    small, large = _peak(tmp_path, 400), _peak(tmp_path, 1_600)
    assert large < 1.5 * small


def _max_rss_kib(tmp_path: Path, households: int) -> int:
    code = (
        "import resource, sys; from pathlib import Path; from doorbraak.synth import generate; "
        f"generate(seed=1, out_dir=Path(sys.argv[1]), scale={households}, workers=1); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / str(households))],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.strip())


@pytest.mark.slow
@pytest.mark.once  # no database: the same on either half
def test_peak_memory_of_20k_and_80k_households_is_about_the_same(tmp_path: Path) -> None:
    assert resource.RLIM_INFINITY  # the measurement relies on getrusage (POSIX)
    small, large = _max_rss_kib(tmp_path, 20_000), _max_rss_kib(tmp_path, 80_000)
    assert large < 1.3 * small


@pytest.mark.slow
@pytest.mark.once  # no database: the same on either half
def test_region_scale_has_about_14000_households_in_poverty(tmp_path: Path) -> None:
    summary = generate(seed=1, out_dir=tmp_path, scale="region")
    assert summary.initial_households == 30_000
    households = (tmp_path / "truth" / "households.csv").read_text(encoding="utf-8").splitlines()
    initial_poor = sum(",1,2023-01-01,initial," in line for line in households)
    assert 12_500 < initial_poor < 15_500
    assert len(summary.export_rows_per_partner) == 29
