"""Sharing follows the ground and the household's consent per partner: without a ground
nothing is shared; a withdrawal takes effect from its day."""

import datetime as dt

from doorbraak.casework import services
from doorbraak.casework.models import CaseHousehold, LegalGround
from doorbraak.casework.selectors import sharing_allowed
from doorbraak.partners.models import Partner, User

from .conftest import ADDRESS, ProfessionalOf, members

DAY = dt.date(2026, 11, 10)


def _partners() -> tuple[Partner, Partner]:
    first, second = Partner.objects.order_by("pk")[:2]
    return first, second


def test_consent_to_one_partner_shares_with_that_partner_only(household: CaseHousehold) -> None:
    fatima = household.registered_by
    housing, other = _partners()
    assert not sharing_allowed(household, housing, on=DAY)  # a ground, but no consent yet
    services.consent_give(actor=fatima, household=household, partner=housing, on=DAY)
    assert sharing_allowed(household, housing, on=DAY)
    assert not sharing_allowed(household, housing, on=DAY - dt.timedelta(days=1))
    assert not sharing_allowed(household, other, on=DAY)


def test_a_withdrawn_consent_stops_sharing_from_its_day(household: CaseHousehold) -> None:
    fatima: User = household.registered_by
    housing, _ = _partners()
    consent = services.consent_give(actor=fatima, household=household, partner=housing, on=DAY)
    services.consent_withdraw(actor=fatima, consent=consent, on=DAY + dt.timedelta(days=5))
    assert sharing_allowed(household, housing, on=DAY + dt.timedelta(days=4))
    assert not sharing_allowed(household, housing, on=DAY + dt.timedelta(days=5))


def test_without_a_ground_nothing_is_shared_even_with_consent(household: CaseHousehold) -> None:
    fatima = household.registered_by
    housing, _ = _partners()
    services.consent_give(actor=fatima, household=household, partner=housing, on=DAY)
    ground = household.grounds.get()
    services.ground_withdraw(actor=fatima, ground=ground, on=DAY + dt.timedelta(days=1))
    assert sharing_allowed(household, housing, on=DAY)
    assert not sharing_allowed(household, housing, on=DAY + dt.timedelta(days=1))
    assert not sharing_allowed(household, housing, on=DAY + dt.timedelta(days=100))


def test_a_statutory_task_is_a_ground_with_its_article(professional: ProfessionalOf) -> None:
    ground = services.GroundInput(
        kind=LegalGround.Kind.STATUTORY,
        given_on=dt.date(2026, 10, 1),
        article="Wet gemeentelijke schuldhulpverlening, art. 3",
    )
    household = services.household_register(
        actor=professional("sanne"), members=members()[:1], address=ADDRESS, ground=ground
    )
    housing, _ = _partners()
    services.consent_give(
        actor=household.registered_by, household=household, partner=housing, on=DAY
    )
    assert sharing_allowed(household, housing, on=DAY)
    assert household.grounds.get().scope == ""
