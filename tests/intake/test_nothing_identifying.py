"""A delivery that still names or holds identifying data is refused whole: afterwards no
table and no log line holds any of its values."""

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from doorbraak.core.errors import UserError
from doorbraak.intake.services import import_batch_run
from tests.intake.conftest import MakeFile

BSN, NAME, BIRTH, STREET, POSTCODE = (
    "111222333",
    "Jansen-Vos",
    "04-03-1973",
    "Veenlaan",
    "9641 AB 12",
)


def _extra(header: str, value: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        lines = text.split("\r\n")
        lines[0] += f";{header}"
        lines[1:] = [f"{line};{value}" if line else line for line in lines[1:]]
        return "\r\n".join(lines)

    return edit


def _all_text() -> str:
    """Every text column of every table, as one string."""
    quote, parts = connection.ops.quote_name, []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            columns = [f.column for f in model._meta.concrete_fields]
            cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")  # noqa: S608 (names from the models)
            parts += [str(cell) for row in cursor.fetchall() for cell in row]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Burgerservicenummer", BSN),
        ("BSN-nummer", BSN),
        ("Klantnaam", NAME),
        ("Naam", NAME),
        ("Geb.datum", BIRTH),
        ("Woonadres", STREET),
        ("Opmerking", BSN),
        ("Kenmerk", POSTCODE),
        ("Extra", BIRTH),
    ],
)
def test_identifying_delivery_leaves_nothing(
    partner, export_file: MakeFile, header: str, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path: Path = export_file(edit=_extra(header, value))
    with pytest.raises(UserError) as refused:
        import_batch_run(partner=partner, path=path)
    assert refused.value.code in {"niet-gepseudonimiseerd", "waarde-herleidbaar"}
    stored = _all_text()
    for needle in (value, value.replace(" ", "")):
        assert needle not in stored
        assert needle not in caplog.text
        assert needle not in refused.value.message


def test_undeclared_columns_are_not_stored(partner, export_file: MakeFile) -> None:
    batch = import_batch_run(partner=partner, path=export_file(edit=_extra("Notitie", "geheim")))
    assert batch.accepted == batch.read
    assert "geheim" not in _all_text()
