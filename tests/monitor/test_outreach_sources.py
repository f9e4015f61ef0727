"""The indicator page of an outreach indicator says per gemeente where its figures come from:
doorbraak's own workflow (the facts delivered under the workflow's dataset) or the gemeente's
own system, read from the register's facts themselves; other indicators say nothing of it."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.monitor.definitions.model import IndicatorDefinitions
from doorbraak.monitor.outreach_sources import Source, follows_up, sources_by_gemeente
from doorbraak.monitor.selectors import DEFAULT_FILE
from doorbraak.partners.models import Partner, Role, User
from doorbraak.register import models as r
from doorbraak.register.schema import WORKFLOW_OUTREACH_DATASET

DAY = dt.date(2025, 3, 10)


def _definitions() -> IndicatorDefinitions:
    parsed = parse_definitions_file(DEFAULT_FILE)
    assert parsed.definitions is not None
    return parsed.definitions


def test_the_outreach_indicators_are_known_by_what_they_count() -> None:
    definitions = _definitions()
    counting = {i.code for i in definitions.indicators if follows_up(i)}
    assert {"P2", "P2-BEREIKT", "P2-TIJDIG", "P3"} <= counting
    assert counting <= {"P2", "P2-BEREIKT", "P2-TIJDIG", "P3", "D2"}
    assert not follows_up(definitions.get("P1"))


def _signal(partner: Partner, version: str, *, follow_up: bool = True) -> None:
    batch = r.FactBatch.objects.create(kind=r.FactBatch.Kind.LINKED, label="bron-test")
    household = r.Household.objects.create(pseudonym=f"bron-{r.Household.objects.count()}")
    r.Signal.objects.create(
        household=household,
        source_kind="huur",
        signal_date=DAY,
        first_attempt_on=DAY + dt.timedelta(days=4) if follow_up else None,
        batch=batch,
        source_partner=partner,
        mapping_version=version,
    )


@pytest.fixture
def delivered(demo_world: None) -> tuple[Partner, Partner]:
    veendam = Partner.objects.get(sector="gemeente", gemeente_code="GM0047")
    other = Partner.objects.filter(sector="gemeente").exclude(pk=veendam.pk).first()
    assert other is not None
    r.Signal.objects.filter(source_partner__in=[veendam, other]).delete()
    _signal(veendam, f"{WORKFLOW_OUTREACH_DATASET}-v1")
    _signal(other, "vroegsignalering-v3")
    _signal(other, f"{WORKFLOW_OUTREACH_DATASET}-v2", follow_up=False)  # no follow-up: no source
    return veendam, other


def test_each_gemeente_s_source_is_read_from_its_facts(
    delivered: tuple[Partner, Partner],
) -> None:
    veendam, other = delivered
    found = sources_by_gemeente()
    assert found["GM0047"] == [Source(workflow=True, partner=veendam.name)]
    assert found[other.gemeente_code] == [Source(workflow=False, partner=other.name)]


def test_the_page_of_an_outreach_indicator_names_them(
    delivered: tuple[Partner, Partner], user_of: Callable[[Role], User]
) -> None:
    veendam, other = delivered
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    page = client.get(reverse("monitor:indicator", args=["P2"])).content.decode()
    assert "data-outreach-sources" in page
    assert "Veendam: het werkproces van doorbraak (aangeleverd met &#x27;doorbraak" in page
    assert f"vroegsignalering aanlevering&#x27; door {veendam.name})" in page
    assert f"het eigen systeem van de gemeente (aangeleverd door {other.name})" in page
    other_page = client.get(reverse("monitor:indicator", args=["P1"])).content.decode()
    assert "data-outreach-sources" not in other_page
