"""The register's one write path: every row checked against the schema, every problem named
in Dutch, provenance on every row, one batch or nothing, a repeat changes nothing, and a
newer batch supersedes instead of deleting. Shown with the two fact types issues 13 and 14
need (household composition from the BRP, contact moments), which are one declaration each."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from doorbraak.core.errors import UserError
from doorbraak.register import models as r
from doorbraak.register.selectors import facts_as_of, facts_current
from doorbraak.register.services import FactSet, Provenance, batches_supersede, facts_append

pytestmark = pytest.mark.django_db
DELIVERY = Provenance(partner="gemeente-veendam", row=7, delivery=12, mapping_version="brp-v1")


def _family(facts: FactSet, household: str = "h" * 64) -> FactSet:
    facts.household(household)
    for person, role, born in (("a" * 64, "head", 1980), ("b" * 64, "child", 2012)):
        facts.person(person, birth_year=born, birth_month=3)
        facts.add(
            "household_compositions", DELIVERY, household=household, person=person, role=role,
            source="brp", valid_from=dt.date(2024, 1, 1), valid_to=None,
        )  # fmt: skip
    facts.add(
        "contact_moments", Provenance(origin="contactmoment vastgelegd door professional 3"),
        household=household, person=None, partner="gemeente-veendam", worker_ref="w" * 64,
        contact_on=dt.date(2025, 2, 3), kind="huisbezoek", reached=True,
    )  # fmt: skip
    return facts


def _append(facts: FactSet, **kwargs: object):  # type: ignore[no-untyped-def]
    return facts_append(facts=facts, kind=r.FactBatch.Kind.CASEWORK, label="test", **kwargs)


def test_new_fact_types_are_written_with_provenance(demo_world: None) -> None:
    result = _append(_family(FactSet()))
    assert result.created
    assert result.counts["household_compositions"] == 2
    assert result.counts["contact_moments"] == 1
    composition = r.HouseholdComposition.objects.get(batch=result.batch, role="child")
    assert composition.person.birth_year == 2012  # type: ignore[union-attr]
    assert (composition.source_row, composition.delivery) == (7, 12)
    assert composition.mapping_version == "brp-v1"
    assert composition.source_partner.code == "gemeente-veendam"  # type: ignore[union-attr]
    assert composition.recorded_at == result.batch.created_at
    contact = r.ContactMoment.objects.get(batch=result.batch)
    assert contact.origin.startswith("contactmoment vastgelegd")
    assert contact.reached is True
    with connection.cursor() as cursor:  # what the monitor reads
        cursor.execute("SELECT COUNT(*) FROM register_contactmoment_current")
        assert cursor.fetchone()[0] == 1


def test_the_same_facts_again_change_nothing(demo_world: None) -> None:
    first = _append(_family(FactSet()))
    again = _append(_family(FactSet()))
    assert not again.created
    assert again.batch == first.batch
    assert r.ContactMoment.objects.count() == 1


def test_every_problem_is_named_in_dutch_and_nothing_is_written(demo_world: None) -> None:
    facts = _family(FactSet())
    facts.add(
        "contact_moments", DELIVERY, household="h" * 64, partner="onbekende-partner",
        worker_ref="w" * 64, contact_on="2025-02-03", kind="spreekuur", reached=None,
    )  # fmt: skip
    facts.add(
        "household_compositions", DELIVERY, household="x" * 64, person="a" * 64,
        role="head", source="brp", valid_from=dt.date(2024, 1, 1),
    )  # fmt: skip
    before = (r.FactBatch.objects.count(), r.Household.objects.count())
    with pytest.raises(UserError) as error:
        _append(facts)
    message = error.value.message
    assert "'organisatie' verwijst naar 'onbekende-partner'" in message
    assert "'datum' heeft geen geldige waarde" in message  # a string is not a date
    assert "'soort contact' kent de code 'spreekuur' niet" in message
    assert "'bereikt' ontbreekt" in message
    assert "'huishouden' verwijst naar" in message  # a household the set does not declare
    assert "gemeente-veendam regel 7" in message  # where the row came from
    assert "er is niets opgeslagen" in message
    assert (r.FactBatch.objects.count(), r.Household.objects.count()) == before


def test_a_writer_naming_an_undeclared_field_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="no fields"):
        FactSet().add("contact_moments", DELIVERY, naam="Jansen")


def test_superseding_keeps_history_answerable(demo_world: None) -> None:
    first = _append(_family(FactSet()))
    moment = timezone.now()
    corrected = _family(FactSet())
    corrected.rows["contact_moments"][0][0]["reached"] = False  # a correction
    second = _append(corrected, supersede=[first.batch])
    assert second.created
    assert r.ContactMoment.objects.count() == 2  # nothing deleted
    assert [c.reached for c in facts_current("contact_moments")] == [False]
    assert [c.reached for c in facts_as_of("contact_moments", moment)] == [True]
    first.batch.refresh_from_db()
    assert first.batch.superseded_at == second.batch.created_at
    assert batches_supersede(batches=[first.batch]) == 0  # already superseded: no change
