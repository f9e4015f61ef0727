"""The work zone delivers its casework as a partner does (ADR 0028).

Four datasets of the partner `werkzone`, one file each: the regie (`contact_assignment`: each
regisseur role, `CaseRole` zaakcoördinator, with its number, the worker's code, from and
until), the contact moments (`contact_moment`: date, kind, reached, the worker's code), the
current plans (`plan_goal`: one plan number per household, the capital and status of each
goal of the current version, never its text) and the capital readings (`assessment`: one row
per member, date and instrument version, a level column per capital). A reading's row carries
the member read; every other row one member of the household (the first with a BSN, else the
first); each by the same pseudonyms and encodings a partner's `doorbraak pseudonymise` makes
(`record_pseudonymise` with the partners' key). The plaintext is decrypted in memory only; the
files hold no name, BSN, birth date, address or text. They then go through `doorbraak import
werkzone FILE`; linkage places each row on the household the partners' records make, and the
register receives them with the other linked facts, so the monitor's W2, P4, P5, P6 and P7
count casework.

Only a household with a legal ground on the day of writing is delivered; a household without
one has nothing shared (ADR 0024). The worker's code (`werkzone-<user id>`) names no one; the
register keys it again (`worker_ref`).
"""

import csv
import datetime as dt
import re
from collections.abc import Iterator
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
from doorbraak.register.schema import CAPITAL

PARTNER_CODE = "werkzone"
PARTNER_NAME = "Werkzone doorbraak (regie uit het werkproces)"
MAPPING_FILE = Path(__file__).resolve().parent / "data" / "werkzone-mapping.yaml"
DATE_FORMAT = "%Y-%m-%d"
HOUSE_NUMBER = re.compile(r"^\s*(?P<number>\d+)\s*(?P<suffix>.*)$")  # "12 a" → 12, "a"
PLAN_STATUS = "actief"  # casework's plans have no end yet


@dataclass(frozen=True)
class Dataset:
    """One dataset of the work zone's delivery: its name in the mapping, its file, and the
    columns that leave the work zone (field → column, as the mapping names them)."""

    name: str
    file: str
    kept: dict[str, str]


REGIE = Dataset(
    "regie",
    "werkzone-regie.csv",
    {
        "record_id": "Toewijzing",
        "contact_person": "Medewerker",
        "assign_start": "Vanaf",
        "assign_end": "Tot en met",
    },
)
CONTACTS = Dataset(
    "contacten",
    "werkzone-contacten.csv",
    {
        "record_id": "Contact",
        "contact_person": "Medewerker",
        "contact_date": "Datum",
        "contact_kind": "Soort",
        "reached": "Bereikt",
    },
)
PLANS = Dataset(
    "plannen",
    "werkzone-plannen.csv",
    {
        "record_id": "Plan",
        "goal_number": "Doel",
        "plan_start": "Start plan",
        "plan_status": "Status plan",
        "capital": "Kapitaalvorm",
        "goal_status": "Status doel",
    },
)
READINGS = Dataset(
    "metingen",
    "werkzone-metingen.csv",
    {
        "record_id": "Meting",
        "assessment_date": "Datum meting",
        "instrument": "Instrument",
        "instrument_version": "Versie",
        **{f"level_{c}": c.capitalize() for c in CAPITAL.values},
    },
)
DATASETS = (REGIE, CONTACTS, PLANS, READINGS)
# these never leave: they are replaced by pseudonyms and encodings
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
    folder: Path
    rows: dict[str, int]  # dataset name → rows written
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


def delivery_write(
    folder: Path, *, buurt_of: BuurtOf | None = None, today: dt.date | None = None
) -> Written:
    """Write the regie, the contact moments, the current plans and the capital readings of every
    household with a ground today, pseudonymised, one file per dataset in `folder`."""
    day = today or timezone.localdate()
    key = partner_key()
    ref = key_id(key)
    rows: dict[str, list[list[str]]] = {d.name: [] for d in DATASETS}
    households = without = 0
    for household in m.CaseHousehold.objects.prefetch_related("members", "roles").order_by("pk"):
        if not household.roles.all():
            continue
        if ground_current(household, day) is None:
            without += 1
            continue
        households += 1
        for dataset, kept, identifying in _household_rows(household):
            done = rows[dataset.name]
            done.append(_row(key, ref, len(done) + 2, kept, identifying, buurt_of, day))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for dataset in DATASETS:
            path = folder / dataset.file
            if rows[dataset.name]:
                _file_write(path, _headers(dataset, key, buurt_of), rows[dataset.name])
            else:  # the intake refuses a file without rows; an older one must not go again
                path.unlink(missing_ok=True)
    except OSError as error:
        raise UserError(
            "werkzone-bestand-schrijven",
            _("In %(path)s is niet te schrijven: %(reason)s")
            % {"path": folder, "reason": error.strerror or error},
        ) from error
    return Written(folder, {n: len(r) for n, r in rows.items()}, households, without, ref)


def _file_write(path: Path, headers: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows(rows)


Row = tuple[Dataset, dict[str, str], dict[str, str]]  # dataset, the columns that leave, identity


def _household_rows(household: m.CaseHousehold) -> Iterator[Row]:
    """(dataset, the columns that leave, the identifying fields they go under) of each
    regisseur role, contact, plan goal and reading."""
    members = list(household.members.all())
    delivered = next((x for x in members if x.bsn), members[0])
    identifying = _member_fields(household, delivered)
    for dataset, kept in _case_rows(household):
        yield dataset, kept, identifying
    for member, kept in _reading_rows(household):
        yield READINGS, kept, _member_fields(household, member)


def _case_rows(household: m.CaseHousehold) -> Iterator[tuple[Dataset, dict[str, str]]]:
    """(dataset, the columns that leave) of each regisseur role, contact and plan goal."""
    for role in household.roles.all():
        if role.kind == m.CaseRole.Kind.COORDINATOR:
            yield (
                REGIE,
                {
                    "record_id": str(role.pk),
                    "contact_person": worker_code(role.professional_id),
                    "assign_start": role.started_on.isoformat(),
                    "assign_end": role.ended_on.isoformat() if role.ended_on else "",
                },
            )
    for contact in m.ContactMoment.objects.filter(household=household).order_by("pk"):
        yield (
            CONTACTS,
            {
                "record_id": str(contact.pk),
                "contact_person": worker_code(contact.professional_id),
                "contact_date": contact.on.isoformat(),
                "contact_kind": contact.kind,
                "reached": "ja" if contact.reached else "nee",
            },
        )
    yield from _plan_rows(household)


def _plan_rows(household: m.CaseHousehold) -> Iterator[tuple[Dataset, dict[str, str]]]:
    """The current version's goals (capital and status, never the text), under one plan number per
    household; the plan started when its first version was made."""
    versions = list(m.HouseholdPlan.objects.filter(household=household).order_by("version"))
    if not versions:
        return
    started = timezone.localdate(versions[0].made_at).isoformat()
    goals = m.PlanGoal.objects.filter(plan=versions[-1]).order_by("position", "pk")
    for number, goal in enumerate(goals, start=1):
        yield (
            PLANS,
            {
                "record_id": household.pk.hex[:16],  # the register keeps plan numbers short
                "goal_number": str(number),
                "plan_start": started,
                "plan_status": PLAN_STATUS,
                "capital": goal.capital,
                "goal_status": goal.status,  # the mapping's codes: gestopt → niet_behaald
            },
        )


def _reading_rows(household: m.CaseHousehold) -> Iterator[tuple[m.CaseMember, dict[str, str]]]:
    """One row per member, date and instrument version, with the level of each capital read
    (the latest when it was read twice that day); a capital outside the register's list
    cannot be delivered and is left out."""
    readings = m.CapitalReading.objects.filter(household=household).select_related("member")
    grouped: dict[tuple[int, dt.date, str, str], dict[str, int]] = {}
    member_of: dict[int, m.CaseMember] = {}
    for x in readings.order_by("pk"):
        key = (x.member_id, x.assessed_on, x.instrument, x.instrument_version)
        grouped.setdefault(key, {})[x.capital] = x.level
        member_of[x.member_id] = x.member
    for (member_id, on, code, version), levels in sorted(grouped.items()):
        if not set(levels) & set(CAPITAL.values):
            continue
        yield (
            member_of[member_id],
            {
                "record_id": f"{member_id}-{on:%Y%m%d}-{code}-{version}",
                "assessment_date": on.isoformat(),
                "instrument": code,
                "instrument_version": version,
                **{f"level_{c}": str(levels.get(c, "")) for c in CAPITAL.values},
            },
        )


def _member_fields(household: m.CaseHousehold, member: m.CaseMember) -> dict[str, str]:
    """The identifying fields a row is delivered under: the member's, at the household's
    address."""
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
    kept: dict[str, str],
    identifying: dict[str, str],
    buurt_of: BuurtOf | None,
    day: dt.date,
) -> list[str]:
    fields = {**identifying, **kept}
    done = record_pseudonymise(
        key, fields, partner=PARTNER_CODE, date_format=DATE_FORMAT, buurt_of=buurt_of
    )
    problem = row_problem(fields, done.bsn, headers=IDENTIFYING, date_format=DATE_FORMAT, today=day)
    return [*kept.values(), *done.values.values(), str(number), problem, ref]


def _headers(dataset: Dataset, key: bytes, buurt_of: BuurtOf | None) -> list[str]:
    """The columns of a pseudonymised row, as `doorbraak pseudonymise` names them."""
    sample = record_pseudonymise(
        key, {}, partner=PARTNER_CODE, date_format=DATE_FORMAT, buurt_of=buurt_of
    )
    return [*dataset.kept.values(), *sample.values, ROW_COLUMN, PROBLEM_COLUMN, KEY_ID_COLUMN]
