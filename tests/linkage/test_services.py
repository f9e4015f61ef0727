"""The linkage run over delivered records, the review list, decisions, and who may see them.

Three partners' raw exports from the session's synthetic region go the whole way a partner's
file goes: `pseudonymise` with the partners' key, `import` through the intake, then
`linkage_run`.
"""

import datetime as dt
import io
import logging
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from doorbraak.areas.models import Area
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditEvent
from doorbraak.core.numbers import nl
from doorbraak.intake.models import SourceRecord
from doorbraak.intake.services import import_batch_run
from doorbraak.linkage.facts import register_from_linkage
from doorbraak.linkage.models import LinkRun, RecordLink, ReviewDecision, ReviewPair
from doorbraak.linkage.services import linkage_run
from doorbraak.partners.models import Partner, Role
from doorbraak.register import models as r
from doorbraak.register.reference import reference_file_load
from doorbraak.register.selectors import facts_as_of, facts_current
from tests.linkage.conftest import deliver

pytestmark = pytest.mark.slow


@pytest.fixture
def delivered(mappings: Path, synth_dir: Path, tmp_path: Path) -> int:
    """Every identifying export of three partners, pseudonymised and imported."""
    return deliver(synth_dir, tmp_path)


@pytest.fixture
def run(delivered: int) -> LinkRun:
    return linkage_run()


@pytest.mark.django_db
def test_a_run_links_every_delivered_record(run: LinkRun, delivered: int) -> None:
    """Every stored source record (a later export updates an earlier one by its keys)."""
    assert run.records == SourceRecord.objects.count() > 0
    assert delivered >= run.records
    assert RecordLink.objects.filter(run=run).count() == run.records
    assert 0 < run.households <= run.persons < run.identities <= run.records
    assert sum(run.report["partner_pairs"].values()) == run.matches > 0
    cross = [pair for pair in run.report["partner_pairs"] if len(set(pair.split(" - "))) == 2]
    assert cross, "no person was found at two partners"
    assert 0.95 < run.report["estimated_precision"] <= 1.0
    assert 0.9 < run.report["estimated_recall"] <= 1.0
    for pair in ReviewPair.objects.filter(run=run):
        assert set(pair.context["links"]) == {"geboortejaar", "buurt", "postcodegebied", "partner"}


@pytest.mark.django_db
def test_a_second_run_finds_the_same_persons(run: LinkRun) -> None:
    again = linkage_run()
    first = dict(RecordLink.objects.filter(run=run).values_list("record_id", "person_key"))
    second = dict(RecordLink.objects.filter(run=again).values_list("record_id", "person_key"))
    assert first == second


@pytest.mark.django_db
def test_no_bsn_or_name_in_the_linkage_tables(run: LinkRun, synth_dir: Path) -> None:
    tables = [model._meta.db_table for model in (LinkRun, RecordLink, ReviewPair)]
    with connection.cursor() as cursor:
        dumped = ""
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)
            dumped += repr(cursor.fetchall())
    identities = (synth_dir / "truth" / "persons.csv").read_text(encoding="utf-8").splitlines()
    header = identities[0].split(",")
    bsn_at, surname_at = header.index("bsn"), header.index("surname")
    sample = [line.split(",") for line in identities[1:400]]
    assert not [row[bsn_at] for row in sample if row[bsn_at] and row[bsn_at] in dumped]
    assert not [row[surname_at] for row in sample if f"'{row[surname_at]}'" in dumped]


@pytest.mark.django_db
def test_a_decision_is_kept_and_respected(run: LinkRun, user_of) -> None:
    """'different' on a pair the model joined: the next run no longer joins them directly."""
    link = RecordLink.objects.filter(run=run).values_list(
        "record_id", "person_key", "record__partner_id"
    )
    by_person: dict[str, list[tuple[int, int]]] = {}
    for record, person, partner in link:
        by_person.setdefault(person, []).append((record, partner))
    left, right = next(  # one person seen once at each of two partners
        (a[0], b[0])
        for a, b in (records for records in by_person.values() if len(records) == 2)
        if a[1] != b[1]
    )
    ReviewDecision.objects.create(
        left_id=left, right_id=right, same=False, decided_by=user_of(Role.PROGRAMME_TEAM)
    )
    again = linkage_run()
    persons = dict(
        RecordLink.objects.filter(run=again, record_id__in=(left, right)).values_list(
            "record_id", "person_key"
        )
    )
    assert persons[left] != persons[right]
    assert again.decisions_used == 1


@pytest.mark.django_db
def test_only_the_programme_team_reviews(run: LinkRun, user_of) -> None:
    for role in (Role.DATA_STEWARD, Role.PROFESSIONAL, Role.RESEARCHER, Role.HOUSEHOLD):
        client = Client()
        client.force_login(user_of(role))
        assert client.get(reverse("linkage:review")).status_code == 403
        assert client.get(reverse("linkage:report")).status_code == 403
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    page = client.get(reverse("linkage:report"))
    assert page.status_code == 200
    assert nl(run.persons) in page.content.decode()  # 4.193: a thousands point
    review = client.get(reverse("linkage:review"))
    assert review.status_code == 200
    assert AuditEvent.objects.filter(action="linkage.review.view").exists()


@pytest.mark.django_db
def test_a_reviewer_decides_a_pair(run: LinkRun, user_of) -> None:
    pair = ReviewPair.objects.filter(run=run).first()
    if pair is None:  # the model was sure of everything: make one uncertain pair to decide
        records = list(RecordLink.objects.filter(run=run).values_list("record_id", flat=True)[:2])
        pair = ReviewPair.objects.create(
            run=run,
            left_id=records[0],
            right_id=records[1],
            probability=0.7,
            agreement={"bsn": "onbekend"},
            context={"links": {}, "rechts": {}},
        )
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    response = client.post(reverse("linkage:decide", args=[pair.pk]), {"besluit": "zelfde"})
    assert response.status_code == 302
    decision = ReviewDecision.objects.get(left_id=pair.left_id, right_id=pair.right_id)
    assert decision.same is True
    assert AuditEvent.objects.filter(action="linkage.decide", object_id=str(pair.pk)).exists()
    steward = Client()
    steward.force_login(user_of(Role.DATA_STEWARD))
    refused = steward.post(reverse("linkage:decide", args=[pair.pk]), {"besluit": "verschillend"})
    assert refused.status_code == 403
    assert ReviewDecision.objects.count() == 1


@pytest.mark.django_db
def test_the_linked_records_become_register_facts(run: LinkRun, synth_dir: Path) -> None:
    def load() -> r.FactBatch:
        return register_from_linkage(
            run, as_of=dt.date(2026, 6, 30), progress=lambda message: None
        ).batch

    reference_file_load(path=synth_dir / "programma" / "referentie.yaml")
    batch = load()
    assert batch.kind == r.FactBatch.Kind.LINKED
    members = r.Membership.objects.filter(batch=batch)
    # Veendam delivers the BRP (ADR 0019): its households come from it, the rest from linkage
    households = r.Household.objects.filter(memberships__batch=batch).distinct()
    assert set(households.values_list("source", flat=True)) == {"brp", "koppeling"}
    assert 0 < households.filter(source="koppeling").count() < run.households
    assert members.values("person").distinct().count() == run.persons
    assert r.Residence.objects.filter(batch=batch, buurt__isnull=False).exists()
    assert r.Signal.objects.filter(batch=batch).exists()
    assert r.SupportPlan.objects.filter(batch=batch).exists()
    person = r.Person.objects.get(pk=members.first().person_id)  # type: ignore[union-attr]
    assert person.birth_month is None  # only the birth year leaves the partner
    assert load() == batch  # the same run again changes nothing
    assert r.FactBatch.objects.filter(kind=r.FactBatch.Kind.LINKED).count() == 1
    signal = r.Signal.objects.filter(batch=batch).first()
    assert signal is not None  # provenance: the delivery, its row and the mapping version
    record = SourceRecord.objects.get(batch_id=signal.delivery, row_number=signal.source_row)
    assert record.partner_id == signal.source_partner_id
    assert signal.mapping_version.startswith(record.dataset + "-v")


@pytest.mark.django_db
def test_a_new_run_supersedes_the_linked_facts(run: LinkRun, synth_dir: Path, user_of) -> None:
    """After a reviewer's decision the next run's facts replace the old ones as the current
    state; nothing is deleted, and the register as it stood before answers as before."""

    def load(which: LinkRun) -> r.FactBatch:
        return register_from_linkage(
            which, as_of=dt.date(2026, 6, 30), progress=lambda message: None
        ).batch

    reference_file_load(path=synth_dir / "programma" / "referentie.yaml")
    first = load(run)
    members_before = r.Membership.objects.filter(batch=first).count()
    between = timezone.now()
    links = RecordLink.objects.filter(run=run)
    left, right = (
        links.values_list("record_id", flat=True).order_by("record_id")[i] for i in (0, 1)
    )
    ReviewDecision.objects.create(
        left_id=left, right_id=right, same=True, decided_by=user_of(Role.PROGRAMME_TEAM)
    )
    second = load(linkage_run())
    assert second != first
    first.refresh_from_db()
    assert first.superseded_at is not None
    kept = r.Membership.objects.filter(batch=first)
    assert kept.count() == members_before  # still there, marked as superseded
    assert not kept.filter(superseded_at__isnull=True).exists()
    current = set(facts_current("memberships").values_list("batch_id", flat=True))
    assert second.pk in current
    assert first.pk not in current
    linked = r.FactBatch.Kind.LINKED
    as_it_was = facts_as_of("memberships", between).filter(batch__kind=linked)
    assert set(as_it_was.values_list("pk", flat=True)) == set(kept.values_list("pk", flat=True))
    now = facts_as_of("memberships", timezone.now()).filter(batch__kind=linked)
    assert set(now.values_list("batch_id", flat=True)) == {second.pk}
    with connection.cursor() as cursor:  # the monitor reads the current view
        cursor.execute("SELECT DISTINCT batch_id FROM register_membership_current")
        assert {row[0] for row in cursor.fetchall()} == current


@pytest.mark.django_db
def test_no_bsn_or_name_is_logged_or_stored(
    mappings: Path, synth_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The whole way in the monitor zone, at DEBUG: a raw file refused, deliveries, linkage,
    register facts. Neither the logs nor any stored message holds a BSN or a surname."""
    caplog.set_level(logging.DEBUG)
    raw = synth_dir / "exports" / "woonstichting-veenhorst" / "huurachterstanden-2025.csv"
    partner = Partner.objects.get(code="woonstichting-veenhorst")
    with pytest.raises(UserError) as refused:
        import_batch_run(partner=partner, path=raw)
    deliver(synth_dir, tmp_path)
    run = linkage_run()
    reference_file_load(path=synth_dir / "programma" / "referentie.yaml")
    register_from_linkage(
        run, as_of=dt.date(2026, 6, 30), progress=logging.getLogger("doorbraak.test").info
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT message FROM intake_importbatch")
        stored = repr(cursor.fetchall())
        cursor.execute("SELECT message FROM intake_rowresult")
        stored += repr(cursor.fetchall())
    said = caplog.text + str(refused.value) + stored
    persons = (synth_dir / "truth" / "persons.csv").read_text(encoding="utf-8").splitlines()
    header = persons[0].split(",")
    bsn_at, surname_at = header.index("bsn"), header.index("surname")
    rows = [line.split(",") for line in persons[1:]]
    assert not [row[bsn_at] for row in rows if row[bsn_at] and row[bsn_at] in said]
    assert not [row[surname_at] for row in rows if f" {row[surname_at]} " in f" {said} "]


@pytest.mark.django_db
def test_the_command_prints_the_linkage_report(delivered: int) -> None:
    out = io.StringIO()
    call_command("linkage", "run", stdout=out)
    text = out.getvalue()
    assert "Koppelrun" in text
    assert "Geschat door het model: precisie 0." in text or "precisie 1.0000" in text
    assert "Koppelingen per partnerpaar:" in text
    again = io.StringIO()
    call_command("linkage", "run", stdout=again)
    assert "niets veranderd" in again.getvalue()


@pytest.mark.django_db
def test_the_review_pages_ten_open_pairs_at_a_time_with_names(run: LinkRun, user_of) -> None:
    ReviewPair.objects.filter(run=run).delete()
    records = list(SourceRecord.objects.order_by("pk").values_list("pk", flat=True)[:24])
    partner = Partner.objects.order_by("name").first()
    assert partner is not None
    buurt, buurt_name = Area.objects.filter(level="buurt").values_list("code", "name")[0]
    for index in range(23):
        ReviewPair.objects.create(
            run=run,
            left_id=records[index],
            right_id=records[index + 1],
            probability=0.6,
            agreement={"bsn": "onbekend"},
            context={"links": {"partner": partner.code, "buurt": buurt}, "rechts": {}},
        )
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    first = client.get(reverse("linkage:review")).content.decode()
    assert "Paar 1 tot en met 10 van 23 die nog open staan." in first
    assert first.count("Dezelfde persoon") == 10
    assert first.count("Weet niet") == 10
    assert "linkage/review-keys.js" in first  # the shortcuts: a static file, no inline script
    assert first.count('aria-keyshortcuts="1"') == first.count('aria-keyshortcuts="0"') == 10
    assert "<script>" not in first
    assert partner.name in first
    assert f">{partner.code} /" not in first
    assert f"{buurt} /" not in first  # the buurt by its name, never its code
    assert f"{escape(buurt_name)} /" in first
    last = client.get(reverse("linkage:review"), {"pagina": "3"}).content.decode()
    assert "Paar 21 tot en met 23 van 23" in last
    assert "Volgende paren" not in last
    assert "Vorige paren" in last
    pair = ReviewPair.objects.filter(run=run).order_by("pk").first()
    assert pair is not None
    unsure = client.post(
        reverse("linkage:decide", args=[pair.pk]), {"besluit": "weet-niet", "pagina": "2"}
    )
    assert unsure.status_code == 302
    assert unsure["Location"].endswith("?pagina=2")
    assert not ReviewDecision.objects.exists()  # "weet niet" stores nothing
    client.post(reverse("linkage:decide", args=[pair.pk]), {"besluit": "verschillend"})
    assert "van 22 die nog open staan" in client.get(reverse("linkage:review")).content.decode()
