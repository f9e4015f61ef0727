"""ADR 0033: counts of organisations' deliveries (P8, P8-AFGEWEZEN: `disclosure: {counts:
organisations}`) are about no person, so the run's gate leaves them as they are; a count of
persons or households of the same size is still suppressed."""

from doorbraak.monitor.definitions import parse_definitions_file, parse_definitions_text
from doorbraak.monitor.protection import Cell, Table, gate_tables

THRESHOLD = 10
AREAS = {"region": [("R", None)], "gemeente": [("G1", "R"), ("G2", "R")], "wijk": []}


def _small_table() -> Table:
    """A count of 3 in one gemeente, 30 in the other, 33 in the region."""
    table = Table()
    for level, area, count in (("region", "R", 33), ("gemeente", "G1", 3), ("gemeente", "G2", 30)):
        table.cells[(level, area, "", "")] = Cell(float(count), None, float(count))
    return table


def test_deliveries_show_a_count_of_3_and_a_person_count_of_3_stays_suppressed() -> None:
    definitions = parse_definitions_file().definitions
    assert definitions is not None
    indicators = {i.code: i for i in definitions.indicators}
    assert indicators["P8"].counts == "organisations"
    assert indicators["P8-AFGEWEZEN"].counts == "organisations"
    assert indicators["P5"].counts == "persons"
    tables = {("P8", "2025"): _small_table(), ("P5", "2025"): _small_table()}
    kinds = {code: indicators[code].kind for code, _period in tables}
    gate_tables(tables, kinds, AREAS, THRESHOLD, indicators=indicators)
    deliveries = tables[("P8", "2025")].cells[("gemeente", "G1", "", "")]
    persons = tables[("P5", "2025")].cells[("gemeente", "G1", "", "")]
    assert (deliveries.suppressed, deliveries.numerator) == (False, 3.0)
    assert (persons.suppressed, persons.numerator) == (True, None)
    # G2 and the region would give G1 away: they go too, for persons only
    assert tables[("P5", "2025")].cells[("gemeente", "G2", "", "")].suppressed
    assert not tables[("P8", "2025")].cells[("gemeente", "G2", "", "")].suppressed


def test_counts_must_be_persons_or_organisations() -> None:
    text = """
indicators:
  - code: X1
    kind: count
    unit: fact
    facts: deliveries
    date: started_at
    window: flow
    disclosure: {counts: organisaties}
"""
    result = parse_definitions_text(text)
    assert result.definitions is None
    assert any("organisations" in str(problem) for problem in result.problems)
