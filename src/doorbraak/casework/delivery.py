"""The work zone delivers its contact assignments as a partner does (ADR 0028).

Each regisseur role (`CaseRole`, zaakcoördinator) becomes one row of a `contact_assignment`
delivery: the role's number, the worker's code, from and until, and one member of the
household (the first with a BSN, else the first) by the same pseudonyms and encodings a
partner's `doorbraak pseudonymise` makes (`record_pseudonymise` with the partners' key). The
plaintext is decrypted in memory only; the file holds no name, BSN, birth date or address.
The file then goes through `doorbraak import werkzone FILE`, linkage places the assignment on
the household the partners' records make, and the register receives it with the other linked
facts, so the monitor's W2, P4 and P5 count casework.

Only a household with a legal ground on the day of writing is delivered; a household without
one has nothing shared (ADR 0024). The worker's code (`werkzone-<user id>`) names no one; the
register keys it again (`worker_ref`).
"""

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.casework import models as m
from doorbraak.casework.keys import partner_key
from doorbraak.casework.selectors import ground_current
from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import KEY_ID_COLUMN, key_id
from doorbraak.partners.models import Partner, Sector
from doorbraak.pseudonymise.checks import PROBLEM_COLUMN, ROW_COLUMN, row_problem
from doorbraak.pseudonymise.records import BuurtOf, record_pseudonymise

PARTNER_CODE = "werkzone"
PARTNER_NAME = "Werkzone doorbraak (regie uit het werkproces)"
DATASET = "regie"
FILE_NAME = "werkzone-regie.csv"
MAPPING_FILE = Path(__file__).resolve().parent / "data" / "werkzone-mapping.yaml"
DATE_FORMAT = "%Y-%m-%d"
HOUSE_NUMBER = re.compile(r"^\s*(?P<number>\d+)\s*(?P<suffix>.*)$")  # "12 a" → 12, "a"
# the raw export's columns (as the mapping names them): these four leave the work zone ...
KEPT = {
    "record_id": "Toewijzing",
    "contact_person": "Medewerker",
    "assign_start": "Vanaf",
    "assign_end": "Tot en met",
}
# ... these never do: they are replaced by pseudonyms and encodings
IDENTIFYING = {
    "bsn": "BSN",
    "given_name": "Voornaam",
    "surname": "Achternaam",
    "birth_date": "Geboortedatum",
    "street": "Straat",
    "house_number": "Huisnummer",
    "house_number_suffix": "Toevoeging",
    "postcode": "Postcode",
    "city": "Woonplaats",
}


@dataclass(frozen=True)
class Written:
    path: Path
    rows: int
    households: int
    without_ground: int  # households left out: no legal ground today
    key_id: str


def worker_code(professional_id: int) -> str:
    return f"{PARTNER_CODE}-{professional_id}"


def delivery_partner_ensure() -> Partner:
    """The partner the work zone delivers as; made on first use."""
    partner, _made = Partner.objects.get_or_create(
        code=PARTNER_CODE, defaults={"name": PARTNER_NAME, "sector": Sector.WIJKTEAM}
    )
    return partner


def assignments_write(
    path: Path, *, buurt_of: BuurtOf | None = None, today: dt.date | None = None
) -> Written:
    """Write every regisseur role of every household with a ground today, pseudonymised."""
    day = today or timezone.localdate()
    key = partner_key()
    ref = key_id(key)
    rows: list[list[str]] = []
    households = without = 0
    for household in m.CaseHousehold.objects.prefetch_related("members", "roles").order_by("pk"):
        roles = [r for r in household.roles.all() if r.kind == m.CaseRole.Kind.COORDINATOR]
        if not roles:
            continue
        if ground_current(household, day) is None:
            without += 1
            continue
        households += 1
        fields = _member_fields(household)
        for role in roles:
            rows.append(_row(key, ref, len(rows) + 2, role, fields, buurt_of, day))
    headers = _headers(key, buurt_of)
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            writer.writerow(headers)
            writer.writerows(rows)
    except OSError as error:
        raise UserError(
            "werkzone-bestand-schrijven",
            _("Het bestand %(path)s is niet te schrijven: %(reason)s")
            % {"path": path, "reason": error.strerror or error},
        ) from error
    return Written(path, len(rows), households, without, ref)


def _member_fields(household: m.CaseHousehold) -> dict[str, str]:
    """The identifying fields of the member the assignments are delivered under."""
    members = list(household.members.all())
    member = next((x for x in members if x.bsn), members[0])
    given, _space, surname = member.name.strip().partition(" ")
    number = HOUSE_NUMBER.match(household.house_number)
    return {
        "bsn": member.bsn,
        "given_name": given,
        "surname": surname,
        "birth_date": member.birth_date,
        "street": household.street,
        "house_number": number["number"] if number else household.house_number,
        "house_number_suffix": number["suffix"].strip() if number else "",
        "postcode": household.postcode,
        "city": household.city,
    }


def _row(
    key: bytes,
    ref: str,
    number: int,
    role: m.CaseRole,
    identifying: dict[str, str],
    buurt_of: BuurtOf | None,
    day: dt.date,
) -> list[str]:
    kept = {
        "record_id": str(role.pk),
        "contact_person": worker_code(role.professional_id),
        "assign_start": role.started_on.isoformat(),
        "assign_end": role.ended_on.isoformat() if role.ended_on else "",
    }
    fields = {**identifying, **kept}
    done = record_pseudonymise(
        key, fields, partner=PARTNER_CODE, date_format=DATE_FORMAT, buurt_of=buurt_of
    )
    problem = row_problem(
        fields,
        done.bsn,
        headers={**KEPT, **IDENTIFYING},
        date_format=DATE_FORMAT,
        today=day,
    )
    return [*kept.values(), *done.values.values(), str(number), problem, ref]


def _headers(key: bytes, buurt_of: BuurtOf | None) -> list[str]:
    """The columns of a pseudonymised row, as `doorbraak pseudonymise` names them."""
    sample = record_pseudonymise(
        key, {}, partner=PARTNER_CODE, date_format=DATE_FORMAT, buurt_of=buurt_of
    )
    return [*KEPT.values(), *sample.values, ROW_COLUMN, PROBLEM_COLUMN, KEY_ID_COLUMN]
