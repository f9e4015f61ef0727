"""Deliveries at a glance: per partner and dataset the last real delivery, days since, its rows
and rejected share, and whether it is late against the agreed rhythm (the mapping's `rhythm`,
else DOORBRAAK_DELIVERY_RHYTHM). Organisations are not persons: a count of 1 is shown."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.intake.mappings import mapping_store
from doorbraak.intake.models import ImportBatch
from doorbraak.intake.selectors import deliveries_at_a_glance
from doorbraak.partners.models import Partner, Role
from doorbraak.sources.mapping import MappingError, mapping_parse

NOW = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)


def delivered(partner: Partner, dataset: str, days_ago: int, read: int, rejected: int, **kw):  # type: ignore[no-untyped-def]
    batch = ImportBatch.objects.create(
        partner=partner,
        dataset=dataset,
        file_name=f"{dataset}.csv",
        file_sha256="0" * 64,
        status=kw.get("status", ImportBatch.Status.DONE),
        dry_run=kw.get("dry_run", False),
        read=read,
        accepted=read - rejected,
        rejected=rejected,
    )
    moment = NOW - dt.timedelta(days=days_ago)
    ImportBatch.objects.filter(pk=batch.pk).update(started_at=moment, finished_at=moment)
    return batch


@pytest.fixture
def world(demo_world: None) -> dict[str, Partner]:
    one, two = Partner.objects.order_by("name")[:2]
    mapping_store(partner=one, dataset="inkomen", spec={"kind": "fact"})  # default: kwartaal
    mapping_store(partner=one, dataset="schulden", spec={"kind": "fact", "rhythm": "jaar"})
    mapping_store(partner=two, dataset="brp", spec={"kind": "person", "rhythm": "maand"})
    mapping_store(partner=two, dataset="nieuw", spec={"kind": "fact"})  # never delivered
    delivered(one, "inkomen", days_ago=200, read=1, rejected=0)
    delivered(one, "inkomen", days_ago=100, read=40, rejected=10)  # the last: 100 > 92 days
    delivered(one, "inkomen", days_ago=5, read=9, rejected=9, dry_run=True)  # a trial: no
    delivered(one, "schulden", days_ago=100, read=3, rejected=1)  # 100 <= 366: on time
    delivered(two, "brp", days_ago=20, read=1, rejected=0)
    delivered(two, "brp", days_ago=2, read=5, rejected=0, status=ImportBatch.Status.FAILED)
    return {"one": one, "two": two}


@pytest.mark.django_db
def test_last_delivery_days_since_and_late_against_the_rhythm(world) -> None:  # type: ignore[no-untyped-def]
    rows = {(g.partner, g.dataset): g for g in deliveries_at_a_glance(now=NOW)}
    one, two = world["one"].name, world["two"].name
    inkomen = rows[(one, "inkomen")]
    assert (inkomen.days_since, inkomen.read, inkomen.rejected, inkomen.files) == (100, 40, 10, 2)
    assert inkomen.rhythm == "kwartaal"
    assert inkomen.late
    assert inkomen.due_in == -8
    assert inkomen.rejected_share == 25.0
    schulden = rows[(one, "schulden")]
    assert schulden.rhythm == "jaar"
    assert not schulden.late
    brp = rows[(two, "brp")]  # the failed delivery 2 days ago does not count
    assert (brp.days_since, brp.read, brp.files, brp.late) == (20, 1, 1, False)
    never = rows[(two, "nieuw")]
    assert never.last is None
    assert never.late
    assert never.files == 0
    ordered = list(deliveries_at_a_glance(now=NOW))
    assert [g.late for g in ordered] == sorted((g.late for g in ordered), reverse=True)


@pytest.mark.django_db
def test_the_page_names_partners_and_hides_no_small_count(world, user_of) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_of(Role.BOARD))
    page = client.get(reverse("intake:glance"))
    assert page.status_code == 200
    text = page.content.decode()
    assert world["two"].name in text
    assert f">{world['two'].code}<" not in text
    assert "nog nooit aangeleverd" in text
    assert "te laat" in text
    assert "elke maand" in text
    assert "afgeschermd" not in text
    household = Client()
    household.force_login(user_of(Role.HOUSEHOLD))
    assert household.get(reverse("intake:glance")).status_code == 403


@pytest.mark.django_db
def test_the_page_says_in_words_when_nothing_is_late(demo_world: None, user_of) -> None:  # type: ignore[no-untyped-def]
    one = Partner.objects.order_by("name").first()
    mapping_store(partner=one, dataset="schulden", spec={"kind": "fact", "rhythm": "jaar"})
    delivered(one, "schulden", days_ago=10, read=3, rejected=0)
    client = Client()
    client.force_login(user_of(Role.BOARD))
    text = client.get(reverse("intake:glance")).content.decode()
    assert 'data-late="0"' in text
    assert "Alle gegevenssets zijn op tijd aangeleverd." in text
    assert "0 gegevenssets" not in text


def _parse(key: str, rhythm: object) -> None:
    dataset = {"columns": {"A": "record_id"}, "keys": ["record_id"], key: rhythm}
    mapping_parse({"version": 1, "partners": {"p": {"file": "csv", "datasets": {"d": dataset}}}})


def test_a_mapping_declares_its_rhythm_in_words() -> None:
    _parse("rhythm", "maand")
    with pytest.raises(MappingError) as refused:
        _parse("rhythm", "wekelijks")
    assert "maand, kwartaal, halfjaar, jaar" in " ".join(refused.value.problems)
    with pytest.raises(MappingError) as dutch:
        _parse("ritme", "maand")
    assert "Bedoelt u 'rhythm'?" in " ".join(dutch.value.problems)


@pytest.mark.django_db
def test_the_steward_sees_only_her_own_datasets_at_a_glance_on_her_page(world, user_of) -> None:  # type: ignore[no-untyped-def]
    steward = user_of(Role.DATA_STEWARD)
    mine, other = world["one"], world["two"]
    steward.partner = mine
    steward.save()
    client = Client()
    client.force_login(steward)
    page = client.get(reverse("partners:own")).content.decode()
    assert 'data-own-glance="inkomen" data-late' in page  # 100 days against a quarter
    assert 'data-own-glance="schulden"' in page
    assert 'data-own-glance="brp"' not in page  # another partner's dataset
    assert other.name not in page
    assert "dagen te laat" in page
    assert "25%" in page  # 10 of 40 rejected: shown, organisations are not persons
