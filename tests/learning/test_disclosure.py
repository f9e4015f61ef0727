"""Which learning indicators pass the disclosure gate (ADR 0036): counts of activities and
organisations disclose no person and pass unchanged; counts of persons (ervaringsdeskundigen,
trained professionals) and everything from the register stay under the gate. No database."""

import pytest

from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.monitor.definitions import vocabulary as v

DEFINITIONS = parse_definitions_file().definitions
assert DEFINITIONS is not None


@pytest.mark.parametrize(
    ("code", "free"),
    [
        ("W3", True), ("E1", True), ("E2.1", True), ("E2.2", True), ("E2.4", True),
        ("E3", True), ("E4", True), ("E6", True), ("E7", True), ("E9", True),
        ("E2.3", False), ("E8", False), ("D1", False), ("P1", False), ("P8", False),
    ],
)  # fmt: skip
def test_only_counts_of_no_person_pass_the_gate_unchanged(code: str, free: bool) -> None:
    assert DEFINITIONS is not None
    indicator = DEFINITIONS.get(code)
    assert indicator is not None
    assert v.counts_no_persons(indicator) is free
