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


def test_codes_and_empty():
    assert parse("ja", codes={"Ja": True, "Nee": False}) is True
    assert parse("Misschien", codes={"Ja": True}).code == "onbekende-code"
    assert parse("  ", "date") is None
