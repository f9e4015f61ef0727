"""A household says where its composition comes from (`brp` or `koppeling`, ADR 0019): the
write path stores it, and the household's page says it in Dutch."""

import datetime as dt

import pytest
from django.test import Client

from doorbraak.partners.models import Role
from doorbraak.register import models as r
from doorbraak.register.services import FactSet, Provenance, facts_append
from tests.conftest import UserOf

pytestmark = pytest.mark.django_db
LABELS = {"brp": "BRP (samen ingeschreven)", "koppeling": "koppeling van aanleveringen"}


def _facts(source: str) -> FactSet:
    facts = FactSet()
    facts.household("h-" + source, source=source)
    facts.person("p-" + source, birth_year=1990)
    facts.add(
        "memberships", Provenance(origin="test"), household="h-" + source,
        person="p-" + source, role="head", valid_from=dt.date(2024, 1, 1),
    )  # fmt: skip
    return facts


@pytest.mark.parametrize("source", sorted(LABELS))
def test_the_write_path_keeps_the_source_and_the_page_shows_it(
    demo_world: None, client: Client, user_of: UserOf, source: str
) -> None:
    facts_append(facts=_facts(source), kind=r.FactBatch.Kind.LINKED, label=f"bron {source}")
    household = r.Household.objects.get(pseudonym="h-" + source)
    assert household.source == source
    assert household.get_source_display() == LABELS[source]
    resident = user_of(Role.HOUSEHOLD)
    resident.household_ref = household.pseudonym
    resident.save()
    client.force_login(resident)
    page = client.get(f"/huishoudens/{household.pk}").content.decode()
    assert f"Wie bij dit huishouden hoort, komt uit: {LABELS[source]}." in page


def test_a_household_without_a_source_says_so(
    demo_world: None, client: Client, user_of: UserOf
) -> None:
    household = r.Household.objects.create(pseudonym="h-none")
    resident = user_of(Role.HOUSEHOLD)
    resident.household_ref = household.pseudonym
    resident.save()
    client.force_login(resident)
    page = client.get(f"/huishoudens/{household.pk}").content.decode()
    assert "is niet vastgelegd" in page


def test_the_source_is_part_of_what_a_fact_set_holds() -> None:
    brp, linked = FactSet(), FactSet()
    brp.household("h", source="brp")
    linked.household("h", source="koppeling")
    assert brp.digest() != linked.digest()
