"""Two households for the family's own page: the Bakkers (with a plan, a contact, a reading, an
emergency access) and the Jansens, each with its own household login. Synthetic names only.
The plan is made with the plan's models directly (its services belong to another module)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from doorbraak.casework import models as m
from doorbraak.casework import own_services, services
from doorbraak.partners.models import Partner, Role, User

from .conftest import ADDRESS, CONSENT, ProfessionalOf, members

BAKKER_GOALS = {
    "economisch": "Wij willen in juni geen achterstand meer bij de energie.",
    "pedagogisch": "Noor gaat elke dag met plezier naar school.",
}
BAKKER_ACTIONS = [
    ("economisch", "huishouden", "Elke maand de rekeningen samen nalopen", "bezig"),
    ("economisch", "partner", "Een betalingsregeling met de energieleverancier", "gedaan"),
    ("pedagogisch", "professional", "Gesprek met de mentor van Noor", "open"),
]
JANSEN = "Pieter Jansen"
JANSEN_BSN = "232262536"  # passes the elfproef; a test number, no one's
JANSEN_GOAL = "Pieter vindt een baan in de zorg."
BREAK_GLASS_REASON = "Fatima is ziek; ik neem deze week waar."


@dataclass
class World:
    bakker: m.CaseHousehold
    jansen: m.CaseHousehold
    bakker_login: User
    jansen_login: User
    fatima: User
    sanne: User


def household_login(username: str) -> User:
    return User.objects.create_user(username=username, role=Role.HOUSEHOLD)


def plan_make(household: m.CaseHousehold, by: User, goals: dict[str, str]) -> m.HouseholdPlan:
    plan = m.HouseholdPlan.objects.create(
        household=household,
        version=1,
        talents="Wij zijn een hecht gezin.",
        first="Eerst de schulden.",
        review_on=dt.date(2027, 3, 1),
        made_by=by,
    )
    for position, (capital, text) in enumerate(goals.items()):
        m.PlanGoal.objects.create(plan=plan, capital=capital, text=text, position=position)
    return plan


def _bakker_plan(household: m.CaseHousehold, fatima: User) -> None:
    plan = plan_make(household, fatima, BAKKER_GOALS)
    partner = Partner.objects.order_by("pk").first()
    for position, (capital, who, what, status) in enumerate(BAKKER_ACTIONS):
        m.PlanAction.objects.create(
            plan=plan,
            capital=capital,
            who=who,
            partner=partner if who == "partner" else None,
            professional=fatima if who == "professional" else None,
            what=what,
            due_on=dt.date(2027, 1, 31),
            status=status,
            position=position,
        )
    m.PlanAgreement.objects.create(
        plan=plan, on=dt.date(2026, 11, 20), how="mondeling", recorded_by=fatima
    )


def world_make(professional: ProfessionalOf) -> World:
    fatima = professional("fatima")
    fatima.first_name, fatima.last_name, fatima.email = "Fatima", "Yilmaz", "f.yilmaz@example.org"
    fatima.save()
    sanne = professional("sanne")
    own_services.work_phone_set(professional=fatima, phone="0598 123 456")
    bakker = services.household_register(
        actor=fatima, members=members(), address=ADDRESS, ground=CONSENT
    )
    jansen = services.household_register(
        actor=sanne,
        members=[services.MemberInput(name=JANSEN, birth_date=dt.date(1970, 1, 2), bsn=JANSEN_BSN)],
        address=services.AddressInput(postcode="9700 AA", house_number="3", city="Groningen"),
        ground=CONSENT,
    )
    _bakker_plan(bakker, fatima)
    plan_make(jansen, sanne, {"economisch": JANSEN_GOAL})
    m.ContactMoment.objects.create(
        household=bakker,
        on=dt.date(2026, 11, 20),
        kind="huisbezoek",
        reached=True,
        professional=fatima,
    )
    m.CapitalReading.objects.create(
        household=bakker,
        member=bakker.members.first(),
        capital="mentaal",
        assessed_on=dt.date(2026, 11, 20),
        level=3,
        instrument="zelfredzaamheidsmatrix",
        instrument_version="2017",
        recorded_by=fatima,
    )
    services.break_glass_open(actor=sanne, household=bakker, reason=BREAK_GLASS_REASON)
    bakker_login = household_login("bakker")
    jansen_login = household_login("jansen")
    own_services.household_login_link(actor=fatima, household=bakker, user=bakker_login)
    own_services.household_login_link(actor=sanne, household=jansen, user=jansen_login)
    return World(bakker, jansen, bakker_login, jansen_login, fatima, sanne)


def now() -> dt.datetime:
    return timezone.now()
