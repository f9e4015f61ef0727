"""Encoding speed: records per second of the partner-side encoding (`core.encodings`).

    PYTHONPATH=src python benchmarks/encoding_speed.py [N] [--rounds R] [--processes P]

Encodes N (default 100,000) synthetic person records as `doorbraak pseudonymise` does per row
(version 1 and version 2 names, date of birth, address, postcode, city), each round with a
fresh key (so no cache carries over), two ways in turn:

1. one process, `encode_record` per row;
2. `core.encoding_pool.encode_records` over P processes (default: the number of cores),
   the whole call: forking, encoding, sending the results back, joining them.

Prints per way and round the wall time, records/s by wall time, and the CPU seconds used
(this process and its children), so a figure measured on a shared machine can be read
beside the CPU it took. The goal of issue 13 is 100,000 records/s.
"""

import argparse
import os
import random
import resource
import secrets
import time

from doorbraak.core.encoding_pool import encode_records
from doorbraak.core.encodings import encode_record
from doorbraak.synth.names import GIVEN_FEMALE, GIVEN_MALE, STREET_STEMS, SURNAMES


def people(count: int) -> list[dict[str, str]]:
    rng = random.Random(1)
    return [
        {
            "given_name": rng.choice(GIVEN_MALE + GIVEN_FEMALE),
            "surname": " ".join(rng.choice(SURNAMES)).strip(),
            "date_of_birth": f"{rng.randint(1930, 2020)}-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d}",
            "street": rng.choice(STREET_STEMS) + "straat",
            "house_number": str(rng.randint(1, 300)),
            "postcode": f"{rng.randint(1000, 9999)}{rng.choice('ABCDEFGH')}{rng.choice('KLMNPR')}",
            "city": rng.choice(("Veendam", "Stadskanaal", "Emmen", "Winschoten")),
        }
        for _ in range(count)
    ]


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(label: str, encode: object, rows: list[dict[str, str]]) -> None:
    key = secrets.token_bytes(32)
    cpu, started = cpu_seconds(), time.perf_counter()
    done = encode(key, rows)  # type: ignore[operator]
    seconds, used = time.perf_counter() - started, cpu_seconds() - cpu
    if len(done) != len(rows):
        raise SystemExit("niet elk record gecodeerd")
    print(
        f"{label:26} {len(rows)} records in {seconds:.2f}s: {len(rows) / seconds:,.0f} records/s"
        f" (CPU {used:.2f}s, {len(rows) / used:,.0f} records per CPU-seconde)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="snelheid van het coderen")
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    rows = people(options.count)
    for number in range(options.rounds):
        print(f"ronde {number + 1}, belasting {os.getloadavg()[0]:.1f}")
        measure("1 proces", lambda key, rows: [encode_record(key, **r) for r in rows], rows)
        measure(
            f"{options.processes} processen",
            lambda key, rows: encode_records(key, rows, processes=options.processes),
            rows,
        )


if __name__ == "__main__":
    main()
