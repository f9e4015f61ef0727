"""The fact types the simulation produces, in the register's vocabulary.

Every fact refers to true persons and households; the writers turn them into clean fact files
(pseudonymous ids only), ground-truth files and the partners' export rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from doorbraak.synth.population import Household, Person
from doorbraak.synth.region import Address

CAPITALS = ("economisch", "sociaal", "cultureel", "pedagogisch", "mentaal")
SIGNAL_KINDS = ("huur", "energie", "water", "zorgverzekering", "school")
END_RESULTS = (
    "niet_opgepakt",
    "al_bekend_schuldhulp",
    "geen_contact",
    "wil_geen_hulp",
    "betaald_regeling",
    "advies",
    "vervolghulp",
)
CONTACT_METHODS = ("brief", "telefoon", "huisbezoek", "email", "sms")
OUTCOMES = (
    "startkwalificatie",
    "passend_werk",
    "informele_hulp",
    "zelfvertrouwen",
    "prettig_in_de_wijk",
    "opvoedondersteuning_ontvangen",
)
PLAN_STATUSES = ("actief", "afgerond", "gestopt")
GOAL_STATUSES = ("lopend", "behaald", "niet_behaald")


@dataclass(slots=True)
class Signal:
    sid: int
    household: Household
    person: Person
    kind: str
    creditor: str | None  # partner code of the creditor or school; None: not an alliance partner
    gemeente: str
    address: Address
    origin: int  # date of origin of the arrears, or first day of absence
    day: int  # signal date
    amount: float | None = None
    hours: int | None = None
    crisis: bool = False
    first_attempt: int | None = None
    method: str | None = None
    reached: int | None = None  # day the resident was reached
    result: str = "niet_opgepakt"
    end: int | None = None


@dataclass(slots=True)
class Goal:
    capital: str
    text: str
    status: str


@dataclass(slots=True)
class Assignment:
    aid: int
    contact: str
    start: int
    end: int | None


@dataclass(slots=True)
class Plan:
    plan_id: int
    household: Household
    applicant: Person
    gemeente: str
    start: int
    end: int | None
    status: str
    route: str  # signal | referral
    goals: list[Goal] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)


@dataclass(slots=True)
class Enrolment:
    eid: int
    person: Person
    household: Household
    intervention: str
    experiment: str | None
    gemeente: str
    address: Address
    start: int
    end: int | None
    end_reason: str


@dataclass(slots=True)
class Assessment:
    aid: int
    person: Person
    household: Household
    gemeente: str
    address: Address
    day: int
    version: str
    levels: list[int]
    latent: list[float]
    informal_help: bool | None = None
    self_confidence: bool | None = None
    at_home: bool | None = None


@dataclass(slots=True)
class Outcome:
    oid: int
    person: Person
    household: Household
    kind: str
    day: int
    value: int
    detail: str  # qualification, contract kind, ... as the source records it
    gemeente: str
    address: Address
    hours: float | None = None


@dataclass
class ChunkFacts:
    signals: list[Signal] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    enrolments: list[Enrolment] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
