"""Typed values from raw cells per the mapping.

Each failure has a stable code and a Dutch message naming the column and what to do.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from gettext import gettext as _
from typing import Any

from doorbraak.core.problems import Problem

DATE_STYLES = {"%d-%m-%Y": "dd-mm-jjjj", "%Y-%m-%d": "jjjj-mm-dd"}
# a cell that labels a totals or summary row ("Totaal", "Subtotaal week 47", "Aantal: 12")
TOTAL_WORDS = re.compile(r"^(sub|eind)?totaal|^totalen?\b|^som\b|^gemiddeld|^aantal\b", re.I)
# per decimal sign, a number whose other sign groups thousands: 1.048,53 or 1,048.53
THOUSANDS = {
    ",": re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d*)?"),
    ".": re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?"),
}


def cell_text(value: object, *, decimal: str, date_format: str) -> str:
    """A typed Excel cell as the text the mapping's own rules read back as the same value.

    Excel holds numbers and dates typed: 1048.53 is a number, not the text "1048.53". The
    mapping's `decimal` and `date_format` describe text cells; a typed cell is written in
    them here, so that `value_parse` gives back exactly the cell's value (a number with the
    mapping's decimal sign and no thousands separator, a date in the mapping's format or,
    when that format would lose something, as jjjj-mm-dd, which is always accepted too).
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return _date_text(value, date_format)
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number.is_finite() and number == number.to_integral_value():
        return str(int(number))
    text = format(number, "f")
    return text.replace(".", ",") if decimal == "," else text


def _date_text(value: dt.date, date_format: str) -> str:
    day = value.date() if isinstance(value, dt.datetime) else value
    try:
        text = day.strftime(date_format)
        if dt.datetime.strptime(text, date_format).date() == day:
            return text
    except ValueError:
        pass
    return day.isoformat()


def date_parse(column: str, raw: str, date_format: str) -> dt.date | Problem:
    text = raw.strip()
    for fmt in (date_format, "%Y-%m-%d", "%d-%m-%Y", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    style = DATE_STYLES.get(date_format, date_format)
    return Problem(
        "ongeldige-datum",
        _("Kolom '%s': '%s' is geen geldige datum (%s). Corrigeer de datum in het bronsysteem.")
        % (column, text, style),
    )


def decimal_parse(column: str, raw: str, decimal_separator: str) -> Decimal | Problem:
    """A number with `decimal_separator`; the other sign may only group thousands before it
    ("1.048,53"), so that "125.50" with a decimal comma is an error, not 12550."""
    text = raw.strip().replace("€", "").replace(" ", "")
    text = text.removesuffix(",-").removesuffix(".-")  # whole euros: 450,-
    thousands = "." if decimal_separator == "," else ","
    grouped = thousands not in text or THOUSANDS[decimal_separator].fullmatch(text)
    text = text.replace(thousands, "").replace(decimal_separator, ".")
    try:
        value = Decimal(text) if grouped else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        return Problem(
            "ongeldig-bedrag",
            _(
                "Kolom '%s': '%s' is geen geldig getal (decimaalteken '%s')."
                " Corrigeer het bedrag in het bronsysteem."
            )
            % (column, raw.strip(), decimal_separator),
        )
    return value


def integer_parse(column: str, raw: str) -> int | Problem:
    text = raw.strip()
    if re.fullmatch(r"[+-]?\d{1,18}", text):
        return int(text)
    return Problem(
        "ongeldig-geheel-getal",
        _("Kolom '%s': '%s' is geen geheel getal. Corrigeer de waarde in het bronsysteem.")
        % (column, text),
    )


def code_parse(column: str, raw: str, codes: dict[str, Any]) -> Any:
    text = raw.strip()
    if text in codes:
        return codes[text]
    folded = {str(k).casefold(): v for k, v in codes.items()}
    if text.casefold() in folded:
        return folded[text.casefold()]
    allowed = ", ".join(str(k) for k in codes)
    return Problem(
        "onbekende-code",
        _(
            "Kolom '%s': '%s' is geen toegestane waarde (toegestaan: %s)."
            " Gebruik een van deze waarden."
        )
        % (column, text, allowed),
    )


def value_parse(
    column: str,
    raw: str,
    *,
    type_name: str | None,
    codes: dict[str, Any] | None,
    date_format: str,
    decimal: str,
) -> Any:
    """Parse one cell; empty cells give None (whether a field is required is the caller's rule)."""
    if not raw.strip():
        return None
    if codes:
        return code_parse(column, raw, codes)
    if type_name == "date":
        return date_parse(column, raw, date_format)
    if type_name == "decimal":
        return decimal_parse(column, raw, decimal)
    if type_name == "integer":
        return integer_parse(column, raw)
    return raw.strip()
