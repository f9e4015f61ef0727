"""Per-row checks of what only `pseudonymise` sees (BSN, birth date, the raw row's shape), as
one problem code per row that the intake reports on the row's number in the partner's export.

The codes are the intake's: `bsn-ongeldig`, `bsn-hersteld`, `geboortedatum-ongeldig`,
`geboortedatum-onwaarschijnlijk` and `naam-zonder-komma` (a "Achternaam, Voornaam" column
without its comma: the whole name is read as the surname) are warnings (the row is stored,
linkage falls back on the other fields); a row the reader could not take
(`regel-te-veel-velden`, ...) is rejected, and so is a totals row (`regel-totaal`), whose
label may stand in a name column only this step sees.
"""

import datetime as dt

from doorbraak.core.problems import Problem
from doorbraak.pseudonymise.bsn import BsnResult
from doorbraak.sources.values import TOTAL_WORDS, value_parse

ROW_COLUMN, PROBLEM_COLUMN = "_regel", "_probleem"
EARLIEST_BIRTH = dt.date(1900, 1, 1)
BSN_CODES = {"ongeldig": "bsn-ongeldig", "hersteld": "bsn-hersteld"}
NAME_FIELDS = frozenset({"name_line", "surname", "full_surname", "given_name"})


def birth_date_problem(raw: str, *, date_format: str, today: dt.date) -> str:
    """'' for an empty or plausible birth date, else the problem's code."""
    if not raw.strip():
        return ""
    value = value_parse(
        "geboortedatum", raw, type_name="date", codes=None, date_format=date_format, decimal=","
    )
    if isinstance(value, Problem) or not isinstance(value, dt.date):
        return "geboortedatum-ongeldig"
    if value > today or value < EARLIEST_BIRTH:
        return "geboortedatum-onwaarschijnlijk"
    return ""


def row_problem(
    fields: dict[str, str],
    bsn: BsnResult,
    *,
    headers: dict[str, str],
    date_format: str,
    today: dt.date,
) -> str:
    """The row's problem as "code:Kolom" ('' when there is none); `headers` gives the
    partner's column of each field."""
    filled = [(f, v) for f, v in fields.items() if v.strip()]
    label = total_label(fields, filled)
    if label:
        return f"regel-totaal:{headers.get(label, label)}"
    if len(fields) >= 3 and len(filled) == 1 and len(filled[0][1].split()) > 1:
        return f"regel-te-weinig-velden:{headers.get(filled[0][0], filled[0][0])}"
    code = BSN_CODES.get(bsn.status, "")
    if code:
        return f"{code}:{headers.get('bsn', '')}"
    code = birth_date_problem(fields.get("birth_date", ""), date_format=date_format, today=today)
    if code:
        return f"{code}:{headers.get('birth_date', '')}"
    name_line = fields.get("name_line", "").strip()
    if name_line and "," not in name_line:
        return f"naam-zonder-komma:{headers.get('name_line', '')}"
    return ""


def total_label(fields: dict[str, str], filled: list[tuple[str, str]]) -> str:
    """The field labelling a totals or summary row ("Totaal" in any column, the name columns
    only pseudonymise sees included), or ''. A row with a BSN is a person's, whatever a name
    says; so is a row with a record id of its own, unless "Totaal" is all its name says and
    it has no birth date (a totals row with a count or a number in the key column)."""
    label = next((f for f, v in filled if TOTAL_WORDS.match(v.strip())), "")
    if not label or fields.get("bsn", "").strip():
        return ""
    record_id = fields.get("record_id", "").strip()
    if record_id and label != "record_id" and not _name_is_total(fields, label):
        return ""
    return label


def _name_is_total(fields: dict[str, str], label: str) -> bool:
    """The label stands alone in a name column ("Totaal", not "Totaal, Jan") of a row without
    a birth date."""
    value = fields.get(label, "")
    alone = TOTAL_WORDS.match(value.strip()) is not None and "," not in value
    return label in NAME_FIELDS and alone and not fields.get("birth_date", "").strip()
