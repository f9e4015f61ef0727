"""`core.encoding_pool`: the pool gives exactly what `encode_record` gives, in order."""

import random

import pytest

from doorbraak.core import encoding_pool
from doorbraak.core.encoding_pool import encode_records
from doorbraak.core.encodings import encode_record

KEY = b"p" * 32


def rows(count: int) -> list[dict[str, str]]:
    rng = random.Random(2)
    return [
        {
            "given_name": rng.choice(["Jan", "J.P.", "Anna", "Ömer", ""]),
            "surname": rng.choice(["Berg, van der", "Jansen-de Vries", "Bakker", ""]),
            "date_of_birth": f"{rng.randint(1, 28)}-{rng.randint(1, 12)}-19{rng.randint(30, 99)}",
            "street": "Hoofdstraat",
            "house_number": f"{number} a",
            "postcode": f"96{rng.randint(10, 99)} ab",
            "city": "Veendam",
        }
        for number in range(count)
    ]


@pytest.mark.parametrize("version_1_names", [True, False])
def test_the_pool_encodes_as_one_process_does(
    version_1_names: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encoding_pool, "POOL_FROM", 100)
    monkeypatch.setattr(encoding_pool, "CHUNK", 70)
    data = rows(500)
    expected = [encode_record(KEY, **row, version_1_names=version_1_names) for row in data]
    found = encode_records(KEY, data, processes=2, version_1_names=version_1_names)
    assert found == expected
    assert encoding_pool._SHARED == {}  # the key is not kept after the call


def test_few_rows_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("forked for a handful of rows")

    monkeypatch.setattr(encoding_pool.multiprocessing, "get_context", no_pool)
    data = rows(10)
    assert encode_records(KEY, data, processes=2) == [encode_record(KEY, **r) for r in data]
