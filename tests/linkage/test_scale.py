"""`benchmarks/linkage_million.py` end to end at a small size (the figures at 100,000 and the
path to 1,000,000 are in docs/benchmarks.md): a model trained on a sample and carried over to
all records finds the true pairs, and the script says what each phase took."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.once  # no database (the benchmark script on files): the same on either half
def test_a_model_trained_on_a_sample_links_all_records(tmp_path: Path) -> None:
    size = 3_000
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "linkage_million.py"), "--size", str(size),
         "--train-size", "1000", "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    for phase in ("lezen", "trainen", "blokken", "scoren", "clusteren", "schrijven"):
        assert f"koppelen   {phase}" in done.stdout
    assert "piekgeheugen" in done.stdout
    with (tmp_path / "paren.csv").open(encoding="utf-8") as handle:
        pairs = [(row["unique_id_l"], row["unique_id_r"]) for row in csv.DictReader(handle)]
    true = sum(left[1:] == right[1:] for left, right in pairs)  # L17 is R17
    assert true / len(pairs) >= 0.99  # precision
    assert true / size >= 0.9  # recall; the sample's prior is scaled to all records
