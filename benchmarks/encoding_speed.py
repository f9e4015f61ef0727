"""Encoding speed: records per second of the partner-side encoding (`core.encodings`).

    PYTHONPATH=src python benchmarks/encoding_speed.py [N]

Encodes N (default 100,000) synthetic person records with `encode_record`, as
`doorbraak pseudonymise` does per row (version 1 and version 2 names, date of birth, address,
postcode, city), in one process, and prints records/s. The goal of issue 13 is 100,000/s.
"""

import random
import secrets
import sys
import time

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


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rows = people(count)
    key = secrets.token_bytes(32)
    started = time.perf_counter()
    for row in rows:
        encode_record(key, **row)
    seconds = time.perf_counter() - started
    print(
        f"{count} records gecodeerd in {seconds:.1f}s: {count / seconds:,.0f} records/s (1 proces)"
    )


if __name__ == "__main__":
    main()
