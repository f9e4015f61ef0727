import datetime as dt
from decimal import Decimal

from doorbraak.core.problems import Problem
from doorbraak.sources.values import value_parse


def parse(raw, type_name=None, codes=None):
    return value_parse(
        "kolom", raw, type_name=type_name, codes=codes, date_format="%d-%m-%Y", decimal=","
    )


def test_dates():
    assert parse("01-02-2024", "date") == dt.date(2024, 2, 1)
    assert parse("2024-02-01", "date") == dt.date(2024, 2, 1)
    problem = parse("31-06-2025", "date")
    assert isinstance(problem, Problem)
    assert problem.code == "ongeldige-datum"
    assert "Kolom 'kolom': '31-06-2025' is geen geldige datum (dd-mm-jjjj)" in problem.message


def test_decimals_and_integers():
    assert parse("1.234,50", "decimal") == Decimal("1234.50")
    assert parse("abc", "decimal").code == "ongeldig-bedrag"
    assert parse("NaN", "decimal").code == "ongeldig-bedrag"
    assert parse("€ 450,-", "decimal") == Decimal("450")
    assert parse("450,-x", "decimal").code == "ongeldig-bedrag"
    assert parse("-", "decimal").code == "ongeldig-bedrag"
    assert parse("4", "integer") == 4
    assert parse("4,5", "integer").code == "ongeldig-geheel-getal"


def test_the_other_sign_only_groups_thousands():
    """'125.50' with a decimal comma is an error, not 12550 (the hostile corpus's case)."""
    point = {"type_name": "decimal", "codes": None, "date_format": "%d-%m-%Y", "decimal": "."}
    assert parse("€ 123.456,78", "decimal") == Decimal("123456.78")
    assert parse("1.048", "decimal") == Decimal("1048")
    assert parse("125.50", "decimal").code == "ongeldig-bedrag"
    assert parse("1,048.53", "decimal").code == "ongeldig-bedrag"
    assert value_parse("k", "1,250.00", **point) == Decimal("1250.00")
    assert value_parse("k", "1.048,53", **point).code == "ongeldig-bedrag"
    assert value_parse("k", "12,5", **point).code == "ongeldig-bedrag"


def test_codes_and_empty():
    assert parse("ja", codes={"Ja": True, "Nee": False}) is True
    assert parse("Misschien", codes={"Ja": True}).code == "onbekende-code"
    assert parse("  ", "date") is None
