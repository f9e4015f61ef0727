"""Linkage at scale: N x N pseudonymised records end to end (issue 13 item 7: 1,000,000 x
1,000,000 in 60 s or less).

    PYTHONPATH=src python benchmarks/linkage_million.py [--size N] [--train-size S] [--work DIR]
        [--hergebruik]

1. *Partner side, not in the end-to-end time*: N synthetic people (the synthetic region's
   Dutch names, most surnames and some given names made of syllables as rare names are,
   dates of birth 1930-2020, streets in 40 places) and one corrupted copy of
   each (a typo in given name or surname, a day/month swap or another digit in the date of
   birth, a move, a missing given name, names swapped: rates in `CORRUPTION`), encoded with
   one fresh key (`core.encoding_pool`, all cores) and written as two pseudonymised CSVs
   (`--hergebruik` reuses the two files already in DIR).
2. *End to end, timed phase by phase*: read the two pseudonymised files into arrays
   (`linkage.score.encoded_csv`, both at once); train the model of `linkage.model` with
   splink on the first S records of each side (default 50,000: m and u do not need every
   record) and carry it over to all N with the prior scaled by S/N (one true pair per record
   on each side: the pairs grow with N squared, the matches with N); block (`score.candidates`)
   and score (`score.predict`) every candidate pair of the N x N, as `doorbraak link` does;
   cluster the pairs at p >= 0.99 (connected components); write the pairs.

Prints each phase's wall time, its CPU time (all threads of this process: on the shared
two-core machine the wall time is what share of the cores the process got) and the peak
memory so far; the candidate pairs and the share of true pairs among them (what blocking
keeps), precision and recall against the truth (record i on the left is record i on the
right). The pool's workers of step 1 are reported apart.
"""

import argparse
import csv
import os
import random
import resource
import secrets
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from doorbraak.core.encoding_pool import encode_records
from doorbraak.linkage.link import MATCH, quiet_splink
from doorbraak.linkage.model import ENCODED_FIELDS, frame, linker_build, linker_train
from doorbraak.linkage.score import Encoded, candidates, encoded_csv, predict, weights
from doorbraak.synth.names import GIVEN_FEMALE, GIVEN_MALE, STREET_STEMS, SURNAMES

CORRUPTION = {"given typo": 0.15, "surname typo": 0.15, "dob": 0.1, "moved": 0.2,
              "no given name": 0.03, "swapped": 0.03}  # fmt: skip
# the synthetic region has 99 given names and 60 surnames: at a million people every block
# of surname and birth year would hold hundreds. Real registers have tens of thousands of
# surnames; most people carry a rare one (syllables: 40 ** 3 surnames, 40 ** 2 given names).
SYLLABLES = ["ba", "de", "ker", "man", "hof", "stra", "ver", "link", "bos", "sma", "vel",
             "wij", "ter", "hui", "zin", "gra", "kam", "pen", "hol", "dijk", "berg", "mol",
             "ro", "sen", "ling", "ga", "mee", "ster", "ten", "brink", "horst", "lo", "ka",
             "ni", "ep", "vis", "wal", "bu", "ruiter", "kooi"]  # fmt: skip
RARE_SURNAME, RARE_GIVEN = 0.7, 0.3
PLACES = [f"{stem.title()}dorp" for stem in STREET_STEMS[:40]]
COLUMNS = ("id", *ENCODED_FIELDS, "birth_year")


def person(rng: random.Random) -> dict[str, str]:
    prefix, surname = rng.choice(SURNAMES)
    if rng.random() < RARE_SURNAME:
        surname = "".join(rng.choice(SYLLABLES) for _ in range(3)).title()
    given = rng.choice(GIVEN_MALE + GIVEN_FEMALE)
    if rng.random() < RARE_GIVEN:
        given = "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
    return {
        "given_name": given,
        "surname": f"{prefix} {surname}".strip(),
        "date_of_birth": f"{rng.randint(1930, 2020)}-{rng.randint(1, 12):02d}-"
        f"{rng.randint(1, 28):02d}",
        **address(rng),
    }


def address(rng: random.Random) -> dict[str, str]:
    place = rng.randrange(len(PLACES))
    return {
        "street": rng.choice(STREET_STEMS) + "straat",
        "house_number": str(rng.randint(1, 300)),
        "postcode": f"{1000 + place * 200 + rng.randrange(200)}{rng.choice('ABCDEFGH')}"
        f"{rng.choice('KLMNPR')}",
        "city": PLACES[place],
    }


def typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    at = rng.randrange(1, len(text))
    return text[:at] + rng.choice("aeioulnrst") + text[at + 1 :]


def corrupted(rng: random.Random, row: dict[str, str]) -> dict[str, str]:
    copy = dict(row)
    if rng.random() < CORRUPTION["given typo"]:
        copy["given_name"] = typo(rng, copy["given_name"])
    if rng.random() < CORRUPTION["surname typo"]:
        copy["surname"] = typo(rng, copy["surname"])
    if rng.random() < CORRUPTION["dob"]:
        year, month, day = copy["date_of_birth"].split("-")
        if int(day) <= 12 and rng.random() < 0.5:
            copy["date_of_birth"] = f"{year}-{day}-{month}"
        else:
            copy["date_of_birth"] = f"{year}-{month}-{day[0]}{rng.randint(1, 8)}"
    if rng.random() < CORRUPTION["moved"]:
        copy.update(address(rng))
    if rng.random() < CORRUPTION["no given name"]:
        copy["given_name"] = ""
    if rng.random() < CORRUPTION["swapped"]:
        copy["given_name"], copy["surname"] = copy["surname"], copy["given_name"]
    return copy


def pseudonymised(size: int, work: Path) -> tuple[Path, Path, dict[str, float]]:
    """Two pseudonymised CSVs of `size` records each (the partner side), and its times."""
    rng, times = random.Random(13), {}
    started = time.perf_counter()
    left = [person(rng) for _ in range(size)]
    right = [corrupted(rng, row) for row in left]
    times["maken"] = time.perf_counter() - started
    key, paths = secrets.token_bytes(32), []
    for side, rows in (("L", left), ("R", right)):
        started = time.perf_counter()
        encoded = encode_records(key, rows, version_1_names=False)
        times[f"coderen {side}"] = time.perf_counter() - started
        path = work / f"{side}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for number, record in enumerate(encoded):
                writer.writerow([f"{side}{number}", *(record[c] for c in COLUMNS[1:])])
        paths.append(path)
    return paths[0], paths[1], times


def records_read(path: Path, rows: int) -> pd.DataFrame:
    """The first `rows` records of a pseudonymised file, for training."""
    return frame(pd.read_csv(path, dtype=str, keep_default_na=False, nrows=rows))


def link(
    left: Path, right: Path, train_size: int, out: Path
) -> tuple[dict[str, tuple[float, float, float]], dict[str, Any]]:
    times: dict[str, tuple[float, float, float]] = {}  # phase -> wall, CPU, peak MiB so far
    clock, cpu = time.perf_counter(), time.process_time()

    def lap(name: str) -> None:
        nonlocal clock, cpu
        now, used = time.perf_counter(), time.process_time()
        times[name], clock, cpu = (
            (now - clock, used - cpu, peak_mib(resource.RUSAGE_SELF)),
            now,
            used,
        )

    with ThreadPoolExecutor(2) as pool:  # numpy lets go of the GIL in most of the reading
        sides = list(pool.map(encoded_csv, (left, right)))
    lap("lezen")
    size = min(len(side) for side in sides)
    sample = [records_read(path, train_size) for path in (left, right)]
    trainer = linker_build(sample, link_only=True)
    linker_train(trainer)
    trained = weights(trainer)
    trained = weights(trainer, trained.prior * min(train_size, size) / size)
    lap("trainen")
    pairs = candidates(sides[0], sides[1])
    lap("blokken")
    found = predict(trained, sides[0], sides[1], threshold=MATCH, pairs=pairs)
    lap("scoren")
    clusters = components(found, sides)
    lap("clusteren")
    connection = duckdb.connect()
    connection.register("found", found[["unique_id_l", "unique_id_r", "match_probability"]])
    connection.execute(f"COPY found TO '{out}' (HEADER)")
    lap("schrijven")
    true_pairs = found.unique_id_l.str.slice(1) == found.unique_id_r.str.slice(1)
    facts = {
        "kandidaten": len(pairs[0]),
        "kandidaten juist": int((pairs[0] == pairs[1]).sum()),  # row n is L{n} and R{n}
        "paren": len(found),
        "juist": int(true_pairs.sum()),
        "clusters": clusters,
        "records": size,
    }
    return times, facts


def components(found: pd.DataFrame, sides: list[Encoded]) -> int:
    """Clusters of the matched pairs (connected components, by repeated minimum labels) that
    hold more than one record."""
    a = found.row_l.to_numpy(dtype=np.int64)
    b = found.row_r.to_numpy(dtype=np.int64) + len(sides[0])
    label = np.arange(len(sides[0]) + len(sides[1]))
    while True:
        low = np.minimum(label[a], label[b])
        before = label.copy()
        np.minimum.at(label, a, low)
        np.minimum.at(label, b, low)
        label = label[label]
        if (label == before).all():
            break
    linked = np.unique(np.concatenate([a, b]))
    return len(np.unique(label[linked]))


def peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description="koppelen op schaal: N x N gepseudonimiseerde records"
    )
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--train-size", type=int, default=50_000)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument(
        "--hergebruik",
        action="store_true",
        help="de bestanden L.csv en R.csv in --work opnieuw gebruiken als ze er al zijn",
    )
    options = parser.parse_args()
    quiet_splink()
    work = options.work or Path(tempfile.mkdtemp(prefix="koppel-miljoen-"))
    work.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    print(f"{options.size:,} x {options.size:,} records, map {work}, belasting {load:.1f}")
    left, right = work / "L.csv", work / "R.csv"
    made: dict[str, float] = {}
    if not (options.hergebruik and left.exists() and right.exists()):
        left, right, made = pseudonymised(options.size, work)
    for name, seconds in made.items():
        print(f"  partnerkant {name:18} {seconds:7.1f}s", flush=True)
    times, facts = link(left, right, options.train_size, work / "paren.csv")
    for name, (seconds, cpu, peak) in times.items():
        print(f"  koppelen   {name:18} {seconds:7.1f}s  (CPU {cpu:6.1f}s, piek {peak:,.0f} MiB)")
    total = sum(wall for wall, _, _ in times.values())
    total_cpu = sum(cpu for _, cpu, _ in times.values())
    precision = facts["juist"] / max(facts["paren"], 1)
    recall = facts["juist"] / facts["records"]
    print(
        f"van gepseudonimiseerd bestand tot paren: {total:.1f}s (CPU {total_cpu:.1f}s); "
        f"{facts['kandidaten']:,} "
        f"kandidaatparen (met {facts['kandidaten juist'] / facts['records']:.4f} van de echte), "
        f"{facts['paren']:,} paren "
        f"(P={precision:.4f} R={recall:.4f}), {facts['clusters']:,} clusters; piekgeheugen "
        f"{peak_mib(resource.RUSAGE_SELF):,.0f} MiB (grootste poolproces "
        f"{peak_mib(resource.RUSAGE_CHILDREN):,.0f} MiB)"
    )


if __name__ == "__main__":
    main()
