"""The demo's casework (issue 14 item 9, ADR 0028): the demo professional's caseload, with
names.

The synthetic region's people are fictitious; its truth files say who lives where and which
households Gemeente Veendam received an early signal about. The demo registers some of those
households (none with a contact person in the synthetic exports, so none gets two) as the demo
professional and two colleagues would: members with name, birth date and BSN, the address,
the household's consent, consent to share with the partners that work on it, a colleague of
another partner as behandelaar on some, and handovers to the demo professional on others; a
plan in the household's words (goals from templates per capital, actions, a review date, the
household's agreement), contact moments (a few households not seen for months) and capital
readings of the first member.
All through `services`, so it is encrypted, audited and pseudonymised as real work is. What
reaches the monitor then goes the honest way: `casework aanleveren`, the intake, linkage and
the register; never the truth files.

Idempotent: when the demo professional already has households, nothing is done.
"""

import csv
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from doorbraak.casework import models as m
from doorbraak.casework import own_services, plans, services
from doorbraak.partners.models import Partner, Role, User

PROFESSIONAL = "professional"  # the demo's professional (web.demo.DEMO_USERS)
FAMILY = "huishouden"  # the demo's household login (web.demo.DEMO_USERS)
HOME_PARTNER = "gemeente-veendam"
OTHER_PARTNER = "geldzorg-veenkolonien"
# fictitious colleagues: (username, first name, last name, partner)
COLLEAGUES = (
    ("collega-veendam", "Sanne", "Hoekstra", HOME_PARTNER),
    ("collega-geldzorg", "Youssef", "Bakker", OTHER_PARTNER),
)
CASELOAD = 24
EARLIEST = dt.date(2025, 1, 6)
SCOPE = "samen een plan maken en bijhouden hoe het gaat"
# goals in the household's own words, per capital (fictitious, B1)
GOALS = {
    "economisch": (
        "We willen elke maand de vaste lasten op tijd betalen.",
        "Ik wil weten hoeveel schuld er is en een regeling treffen.",
        "Ik wil werk vinden voor een paar dagen in de week.",
    ),
    "sociaal": (
        "Ik wil iemand hebben om mee te praten als het tegenzit.",
        "We willen meer mensen in de buurt leren kennen.",
    ),
    "cultureel": (
        "Ik wil mijn cursus Nederlands afmaken.",
        "De kinderen willen op sport of muziekles.",
    ),
    "pedagogisch": (
        "Ik wil rustig blijven als de kinderen ruzie maken.",
        "We willen een vast ritme voor eten en slapen.",
    ),
    "mentaal": (
        "Ik wil beter slapen en minder piekeren.",
        "Ik wil hulp vragen voordat het te veel wordt.",
    ),
}
FAMILY_ACTIONS = (
    "Alle post van de afgelopen maanden verzamelen en meenemen.",
    "Zelf bellen met de woningcorporatie over de huur.",
    "Samen met de kinderen een weekschema maken.",
)
CONTACT_KINDS = ("huisbezoek", "telefoon", "beeldbellen", "op-kantoor")


@dataclass(frozen=True)
class DemoCasework:
    households: int
    members: int
    handovers: int
    participants: int


@dataclass(frozen=True)
class _Team:
    professional: User  # the demo's professional: the regisseur of every household in the end
    home: User  # her colleague at the same partner, who hands some households over
    other: User  # a colleague of another partner, behandelaar on some
    own: Partner
    theirs: Partner


@dataclass
class _Candidate:
    household_id: str
    since: dt.date
    address: dict[str, str]
    members: list[dict[str, str]]


def demo_casework_create(region: Path, *, today: dt.date | None = None) -> DemoCasework:
    day = today or timezone.localdate()
    professional = User.objects.get(username=PROFESSIONAL, role=Role.PROFESSIONAL)
    if m.CaseRole.objects.filter(professional=professional).exists():
        return DemoCasework(0, 0, 0, 0)
    home, other = _colleagues()
    team = _Team(
        professional,
        home,
        other,
        Partner.objects.get(users=professional),
        Partner.objects.get(users=other),
    )
    done = DemoCasework(0, 0, 0, 0)
    for number, candidate in enumerate(_candidates(region, team.own, day)):
        done = _register(number, candidate, team, done, day)
    _family_login_link(professional)
    return done


def _family_login_link(professional: User) -> None:
    """The demo's `huishouden` login sees the first household of the caseload on its own page
    (ADR 0027), linked by its regisseur as in real work."""
    family = User.objects.filter(username=FAMILY, role=Role.HOUSEHOLD, is_active=True).first()
    first = (
        m.CaseRole.objects.filter(
            professional=professional, kind="zaakcoordinator", ended_on__isnull=True
        )
        .order_by("household__pk")
        .first()
    )
    if family is None or first is None:
        return
    if m.HouseholdLogin.objects.filter(user=family, ended_on__isnull=True).exists():
        return
    own_services.household_login_link(
        actor=professional, household=first.household, user=family, origin="demo"
    )


def _colleagues() -> tuple[User, User]:
    made = []
    for username, first, last, code in COLLEAGUES:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=None,  # no login: they exist for the caseload's history
                first_name=first,
                last_name=last,
                role=Role.PROFESSIONAL,
                partner=Partner.objects.get(code=code),
            )
        made.append(user)
    return made[0], made[1]


def _register(
    number: int, candidate: _Candidate, team: _Team, done: DemoCasework, day: dt.date
) -> DemoCasework:
    """One household; every fourth started with the colleague and was handed over, every
    third has the colleague of the other partner as behandelaar."""
    handed = number % 4 == 1
    first = team.home if handed else team.professional
    household = services.household_register(
        actor=first,
        members=[_member(x, i == 0) for i, x in enumerate(candidate.members)],
        address=services.AddressInput(
            street=candidate.address["street"],
            house_number=f"{candidate.address['house_number']}"
            f"{candidate.address['house_number_suffix']}",
            postcode=candidate.address["postcode"],
            city=candidate.address["city"],
        ),
        ground=services.GroundInput(
            kind=m.LegalGround.Kind.CONSENT, given_on=candidate.since, scope=SCOPE
        ),
        origin="doorbraak demo",
        since=candidate.since,
    )
    services.consent_give(actor=first, household=household, partner=team.own, on=candidate.since)
    if handed:
        services.handover(
            actor=team.home,
            household=household,
            to=team.professional,
            on=min(candidate.since + dt.timedelta(days=45 + number), day),
            note="Sanne gaat naar een ander team; het gezin weet ervan.",
            origin="doorbraak demo",
        )
    joined = number % 3 == 0
    if joined:
        services.consent_give(
            actor=team.professional, household=household, partner=team.theirs, on=candidate.since
        )
        services.participant_add(
            actor=team.professional,
            household=household,
            professional=team.other,
            origin="doorbraak demo",
            since=min(candidate.since + dt.timedelta(days=14), day),
        )
    made_on = _plan_write(number, household, candidate.since, team, joined, day)
    _contacts_record(number, household, candidate.since, team, day)
    _readings_record(number, household, made_on, team, day)
    return DemoCasework(
        done.households + 1,
        done.members + len(candidate.members),
        done.handovers + handed,
        done.participants + joined,
    )


def _plan_write(
    number: int, household: m.CaseHousehold, since: dt.date, team: _Team, joined: bool, day: dt.date
) -> dt.date:
    """A plan with two or three goals in the household's words, an action for the family, one
    for the professional and (when a colleague of another partner joined) one for that partner;
    made three weeks in, reviewed half a year later, agreed to in a conversation. The day it
    was made."""
    codes = list(GOALS)
    chosen = [codes[(number + k * 2) % len(codes)] for k in range(2 + number % 2)]
    goals = [plans.GoalInput(c, GOALS[c][number % len(GOALS[c])]) for c in chosen]
    made_on = min(since + dt.timedelta(days=21), day)
    actions = [
        plans.ActionInput(
            who=m.PlanAction.Who.FAMILY,
            what=FAMILY_ACTIONS[number % len(FAMILY_ACTIONS)],
            capital=chosen[0],
            due_on=made_on + dt.timedelta(days=14),
        ),
        plans.ActionInput(
            who=m.PlanAction.Who.PROFESSIONAL,
            what="Een afspraak maken bij de schuldhulp en samen gaan.",
            capital="economisch",
            professional=team.professional,
            due_on=made_on + dt.timedelta(days=30),
        ),
    ]
    if joined:
        actions.append(
            plans.ActionInput(
                who=m.PlanAction.Who.PARTNER,
                what="Een overzicht van inkomsten en uitgaven maken.",
                capital="economisch",
                partner=team.theirs,
                due_on=made_on + dt.timedelta(days=45),
            )
        )
    plan = plans.plan_save(
        actor=team.professional,
        household=household,
        plan=plans.PlanInput(
            goals=goals, actions=actions, review_on=made_on + dt.timedelta(days=180)
        ),
        origin="doorbraak demo",
    )
    when = timezone.make_aware(dt.datetime.combine(made_on, dt.time(10)))
    m.HouseholdPlan.objects.filter(pk=plan.pk).update(made_at=when)  # written back then
    plans.plan_agree(actor=team.professional, plan=plan, on=made_on, how="mondeling")
    return made_on


def _readings_record(
    number: int, household: m.CaseHousehold, made_on: dt.date, team: _Team, day: dt.date
) -> None:
    """The first member's five capitals read when the plan was made and, for most, again four
    months later, a level up on some."""
    member = household.members.order_by("pk").first()
    if member is None:
        return
    first = {code: 1 + (number + k) % 3 for k, code in enumerate(GOALS)}
    later = made_on + dt.timedelta(days=120)
    readings = [(made_on, first)]
    if later <= day and number % 5 != 2:
        again = {c: level + (number + k) % 2 for k, (c, level) in enumerate(first.items())}
        readings.append((later, again))
    for on, levels in readings:
        plans.readings_record(
            actor=team.professional,
            household=household,
            member=member,
            on=on,
            levels=dict(levels),
            origin="doorbraak demo",
        )


def _contacts_record(
    number: int, household: m.CaseHousehold, since: dt.date, team: _Team, day: dt.date
) -> None:
    """A phone call in the first week, a home visit in the third, and a recent contact for
    most; every fifth household was last seen months ago (the start page lists those)."""
    days = [since + dt.timedelta(days=7), since + dt.timedelta(days=21)]
    if number % 5 != 2:
        days.append(day - dt.timedelta(days=3 + (number * 7) % 40))
    for k, on in enumerate(sorted(d for d in set(days) if since <= d <= day)):
        plans.contact_record(
            actor=team.professional,
            household=household,
            on=on,
            kind=CONTACT_KINDS[(number + k) % len(CONTACT_KINDS)],
            reached=(number + k) % 4 != 3,
            origin="doorbraak demo",
        )


def _member(person: dict[str, str], first: bool) -> services.MemberInput:
    name = " ".join(
        p for p in (person["given_name"], person["surname_prefix"], person["surname"]) if p
    )
    digits = int(hashlib.sha256(person["person_id"].encode()).hexdigest()[:8], 16) % 10**8
    return services.MemberInput(
        name=name,
        birth_date=dt.date.fromisoformat(person["birth_date"]),
        bsn=person["bsn"],
        phone=f"06-{digits:08d}" if first else "",
        email="",
    )


def _read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _candidates(region: Path, partner: Partner, day: dt.date) -> list[_Candidate]:
    """Households Veendam received a signal about, living in Veendam now, without a contact
    person in the synthetic exports; the newest signals first."""
    truth = region / "truth"
    assigned = {x["household_id"] for x in _read(truth / "facts" / "contact_assignments.csv")}
    gemeente = partner.gemeente_code
    signalled: dict[str, dt.date] = {}
    for x in _read(truth / "facts" / "signals.csv"):
        when = dt.date.fromisoformat(x["signal_date"])
        if x["receiving_partner"] == partner.code and x["household_id"] not in assigned:
            signalled[x["household_id"]] = max(when, signalled.get(x["household_id"], when))
    homes = _homes(truth, gemeente, set(signalled))
    members = _members(truth, set(homes))
    found = []
    for household_id, signal in sorted(signalled.items(), key=lambda x: (-x[1].toordinal(), x[0])):
        since = max(signal + dt.timedelta(days=14), EARLIEST)
        if household_id in homes and members.get(household_id) and since < day:
            found.append(
                _Candidate(household_id, since, homes[household_id], members[household_id])
            )
        if len(found) == CASELOAD:
            break
    return found


def _homes(truth: Path, gemeente: str, wanted: set[str]) -> dict[str, dict[str, str]]:
    addresses = {a["address_id"]: a for a in _read(truth / "addresses.csv")}
    return {
        x["household_id"]: addresses[x["address_id"]]
        for x in _read(truth / "facts" / "residences.csv")
        if x["household_id"] in wanted
        and not x["valid_to"]
        and x["buurt_code"][2:6] == gemeente[2:]
    }


def _members(truth: Path, wanted: set[str]) -> dict[str, list[dict[str, str]]]:
    """The current, living members of each household, the head first."""
    persons = {p["person_id"]: p for p in _read(truth / "persons.csv")}
    order = {"head": 0, "partner": 1}
    found: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for x in _read(truth / "memberships.csv"):
        person = persons[x["person_id"]]
        if x["household_id"] in wanted and not x["valid_to"] and not person["died_on"]:
            found[x["household_id"]].append((order.get(x["role"], 2), person))
    return {
        h: [p for _o, p in sorted(rows, key=lambda r: (r[0], r[1]["person_id"]))]
        for h, rows in found.items()
    }
