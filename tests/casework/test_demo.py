"""The demo's casework (issue 14 item 9, ADR 0028): the demo professional gets a caseload with
names from the synthetic region, with consent, handovers and behandelaars; none of those
households has a contact person in the partners' exports; a second run adds nothing; and the
work zone takes the demo partners' key only when it holds no other."""

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from doorbraak.casework import selectors
from doorbraak.casework.demo import CASELOAD, GOALS, _candidates, demo_casework_create
from doorbraak.casework.keys import partner_key_deliver
from doorbraak.casework.models import CaseHousehold, CaseRole, Handover, HouseholdLogin
from doorbraak.core.errors import UserError
from doorbraak.partners.models import Partner, User
from tests.conftest import TEST_KEY


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "partnersleutel.txt"
    path.write_text(TEST_KEY.hex() + "\n", encoding="ascii")
    return path


def _truth_names(synth_dir: Path) -> set[str]:
    with (synth_dir / "truth" / "persons.csv").open(encoding="utf-8", newline="") as handle:
        return {
            " ".join(p for p in (x["given_name"], x["surname_prefix"], x["surname"]) if p)
            for x in csv.DictReader(handle)
        }


@pytest.mark.django_db
def test_the_demo_professional_gets_a_caseload_with_names(
    synth_dir: Path, settings: Any, demo_world: None
) -> None:
    settings.WORK_ZONE_PARTNER_KEY = TEST_KEY.hex()
    made = demo_casework_create(synth_dir)
    professional = User.objects.get(username="professional")
    rows = selectors.caseload_rows(professional)
    assert made.households == len(rows) > CASELOAD // 2
    assert made.handovers > 0
    assert made.participants > 0
    names = {m.name for h in CaseHousehold.objects.all() for m in h.members.all()}
    assert names <= _truth_names(synth_dir)  # fictitious people of the synthetic region
    for household in CaseHousehold.objects.all():
        assert selectors.regisseur_role(household).professional == professional
        assert selectors.sharing_allowed(household, professional.partner)
    assert Handover.objects.filter(to_professional=professional).count() == made.handovers
    assert CaseRole.objects.filter(kind=CaseRole.Kind.HANDLER).count() == made.participants

    for household in CaseHousehold.objects.all():
        plan = selectors.plan_current(household)
        assert plan is not None
        assert plan.agreements.exists()
        texts = {g.text for g in plan.goals.all()}
        assert len(texts) >= 2
        assert texts <= {t for ts in GOALS.values() for t in ts}
        assert household.contacts.exists()
        read = household.readings.all()
        assert {x.capital for x in read} == set(GOALS)  # the five capitals, P6 and P7 count them
        assert {x.member_id for x in read} == {household.members.order_by("pk").first().pk}
    dates = [len({x.assessed_on for x in h.readings.all()}) for h in CaseHousehold.objects.all()]
    assert 2 in dates  # read again after four months
    latest = [max(c.on for c in h.contacts.all()) for h in CaseHousehold.objects.all()]
    today = dt.date.today()
    assert any((today - on).days > 60 for on in latest)  # some not seen for two months
    assert any((today - on).days <= 60 for on in latest)

    # the demo's household login sees one of her households on its own page (ADR 0027)
    family = User.objects.get(username="huishouden")
    linked = HouseholdLogin.objects.get(user=family, ended_on__isnull=True)
    assert selectors.regisseur_role(linked.household).professional == professional

    assert demo_casework_create(synth_dir).households == 0  # idempotent
    assert CaseHousehold.objects.count() == made.households
    assert HouseholdLogin.objects.filter(user=family).count() == 1


@pytest.mark.django_db
def test_no_demo_household_has_a_contact_person_in_the_exports(
    synth_dir: Path, demo_world: None
) -> None:
    path = synth_dir / "truth" / "facts" / "contact_assignments.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        assigned = {x["household_id"] for x in csv.DictReader(handle)}
    veendam = Partner.objects.get(code="gemeente-veendam")
    found = _candidates(synth_dir, veendam, dt.date(2026, 12, 1))
    assert len(found) > CASELOAD // 2
    assert not {c.household_id for c in found} & assigned
    assert assigned  # the check above can fail: the region does assign contact persons


def test_the_work_zone_takes_the_demo_key_only_when_it_has_none(
    key_file: Path, tmp_path: Path, settings: Any
) -> None:
    settings.WORK_ZONE_PARTNER_KEY = ""
    settings.WORK_ZONE_PARTNER_KEY_FILE = tmp_path / "werkzone" / "partnersleutel.txt"
    assert partner_key_deliver(key_file) == TEST_KEY
    assert settings.WORK_ZONE_PARTNER_KEY_FILE.read_text().strip() == TEST_KEY.hex()
    assert settings.WORK_ZONE_PARTNER_KEY_FILE.stat().st_mode & 0o777 == 0o600
    settings.WORK_ZONE_PARTNER_KEY = bytes(32).hex()  # a different key already held: refused
    with pytest.raises(UserError) as caught:
        partner_key_deliver(key_file)
    assert caught.value.code == "werkzone-partnersleutel-anders"


@pytest.mark.django_db
def test_the_command_reports_in_dutch(
    synth_dir: Path, key_file: Path, settings: Any, demo_world: None
) -> None:
    settings.WORK_ZONE_PARTNER_KEY = TEST_KEY.hex()
    out = io.StringIO()
    call_command(
        "casework", "demo", "--regio", str(synth_dir), "--partnersleutel", str(key_file), stdout=out
    )
    assert out.getvalue().startswith("Werkproces: ")
    assert "huishoudens met" in out.getvalue()


def test_the_demo_names_the_work_zone_files_as_the_work_zone_writes_them() -> None:
    """`web.demo` may not import the work zone, so it names its mapping, partner and files by
    hand: they must stay what `casework.delivery` writes."""
    from doorbraak.casework import delivery
    from doorbraak.web import demo

    assert demo.WORK_ZONE_MAPPING == delivery.MAPPING_FILE
    assert demo.WORK_ZONE_MAPPING.is_file()
    assert demo.WORK_ZONE_PARTNER == delivery.PARTNER_CODE
    assert tuple(d.file for d in delivery.DATASETS) == demo.WORK_ZONE_FILES
