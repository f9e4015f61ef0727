import random

from doorbraak.synth.bsn import BsnIssuer, is_valid, mistype


def test_elfproef_accepts_a_valid_number_and_rejects_a_changed_one() -> None:
    assert is_valid("111222333")
    assert not is_valid("111222334")
    assert not is_valid("11122233")  # eight digits: a dropped leading zero is not repaired here


def test_issued_bsns_are_unique_valid_and_depend_on_the_seed() -> None:
    issued = [BsnIssuer(1).issue(n) for n in range(50_000)]
    assert len(set(issued)) == len(issued)
    assert all(is_valid(bsn) for bsn in issued)
    assert any(bsn.startswith("0") for bsn in issued)  # so exports can drop a leading zero
    assert BsnIssuer(2).issue(0) != issued[0]


def test_a_mistyped_bsn_fails_the_elfproef() -> None:
    rng = random.Random(3)
    issuer = BsnIssuer(5)
    assert not any(is_valid(mistype(issuer.issue(n), rng)) for n in range(2_000))
