"""Open data: only published indicators leave, only gated numbers, for everyone without login;
only the programme team chooses, and every choice is in the audit log."""

import csv
import io
import json
import re
from collections import defaultdict
from decimal import Decimal
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.areas.models import Area
from doorbraak.core.audit import audit_verify
from doorbraak.core.disclosure_gate import is_disclosive
from doorbraak.core.models import AuditEvent
from doorbraak.core.numbers import rounded
from doorbraak.monitor.models import IndicatorValue
from doorbraak.monitor.services import monitor_run
from doorbraak.opendata.models import PublishedIndicator
from doorbraak.opendata.selectors import computed_codes, publication_run
from doorbraak.opendata.services import DEFAULT_CODES, publication_set, publish_defaults
from doorbraak.partners.models import Role
from tests.conftest import UserOf

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
YEAR = "2025"


@pytest.fixture
def computed(demo_world: None) -> None:
    monitor_run(periods=[YEAR], levels=("region", "gemeente", "wijk"))


def _publish(user_of: UserOf, *codes: str) -> None:
    publication_set(codes=codes, actor=user_of(Role.PROGRAMME_TEAM))


def _csv(client: Client) -> list[dict[str, str]]:
    response = client.get(reverse("opendata:csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def _metadata(client: Client) -> dict[str, Any]:
    response = client.get(reverse("opendata:metadata"))
    assert response.status_code == 200
    metadata: dict[str, Any] = json.loads(response.content.decode("utf-8"))
    return metadata


def _page_codes(html: str) -> set[str]:
    return set(
        re.findall(r'<h3 class="utrecht-heading-3"[^>]*><span class="site-code">([^<]+)<', html)
    )


def test_public_page_shows_only_published_indicators_without_login(
    computed: None, user_of: UserOf
) -> None:
    _publish(user_of, "D1", "P2-TIJDIG")
    client = Client()
    response = client.get("/open-data")
    assert response.status_code == 200
    html = response.content.decode()
    assert _page_codes(html) == {"D1", "P2-TIJDIG"}
    assert "Huishoudens ondersteund vanuit experimenten" in html
    assert "Hoe we gezinnen beschermen" in html
    assert "De drempel is 10." in html
    assert reverse("opendata:choose") not in html  # no link for the public
    assert client.get(reverse("opendata:indicator", args=["D1"])).status_code == 200
    assert {row["indicator"] for row in _csv(client)} == {"D1", "P2-TIJDIG"}


def test_never_published_and_withdrawn_indicators_are_absent_everywhere(
    computed: None, user_of: UserOf
) -> None:
    _publish(user_of, "D1", "D2")
    _publish(user_of, "D1")  # D2 withdrawn again; P1 never published
    client = Client()
    html = client.get("/open-data").content.decode()
    assert _page_codes(html) == {"D1"}
    for code in ("D2", "P1"):
        assert client.get(reverse("opendata:indicator", args=[code])).status_code == 404
        assert f'<span class="site-code">{code}</span>' not in html
    rows = _csv(client)
    assert {row["indicator"] for row in rows} == {"D1"}
    notes = _metadata(client)["notes"]
    assert [note["dc:identifier"] for note in notes] == ["D1"]
    withdrawn = IndicatorValue.objects.filter(
        indicator_code="D2", period=YEAR, area_level="region", breakdown=""
    ).get()
    assert withdrawn.value
    assert withdrawn.value > 10
    assert f"{withdrawn.value:.0f}" not in client.get("/open-data").content.decode()
    assert client.get(reverse("opendata:indicator", args=["X9"])).status_code == 404


def test_suppressed_cells_show_no_number_anywhere(computed: None, user_of: UserOf) -> None:
    codes = [code for code in DEFAULT_CODES if code in computed_codes()]
    _publish(user_of, *codes)
    client = Client()
    rows = _csv(client)
    stored = {
        (v.indicator_code, v.period, v.area_code): v
        for v in IndicatorValue.objects.filter(
            run=publication_run(), breakdown="", indicator_code__in=codes
        )
    }
    suppressed = [row for row in rows if row["status"] == "afgeschermd"]
    assert suppressed, "the small wijken should be suppressed"
    for row in suppressed:
        assert (row["waarde"], row["teller"], row["noemer"]) == ("", "", "")
    for key, value in stored.items():
        if value.suppressed:
            row = next(r for r in rows if (r["indicator"], r["periode"], r["gebiedscode"]) == key)
            assert row["status"] == "afgeschermd"
    # the pages: every gemeente the stored run suppressed says 'afgeschermd', never a number
    names = dict(Area.objects.values_list("code", "name"))
    for code in codes:
        html = client.get(reverse("opendata:indicator", args=[code])).content.decode()
        for (indicator, _period, area), value in stored.items():
            if indicator == code and value.suppressed and value.area_level == "gemeente":
                cell = re.search(
                    rf'scope="row">{re.escape(names[area])}</th>\s*<td[^>]*>(.*?)</td>', html, re.S
                )
                assert cell is not None
                assert "afgeschermd" in cell.group(1)


def test_at_an_enormous_threshold_only_zeros_are_left(
    demo_world: None,
    user_of: UserOf,
    settings: Any,
) -> None:
    settings.DISCLOSURE_THRESHOLD = 10**6
    monitor_run(periods=[YEAR], levels=("region", "gemeente", "wijk"))
    _publish(user_of, "D1", "D2", "P2-TIJDIG")
    client = Client()
    for row in _csv(client):
        assert row["waarde"] in ("", "0"), row
        assert row["teller"] in ("", "0")
        assert row["noemer"] in ("", "0")
    html = client.get("/open-data").content.decode()
    cells = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r'numeric-data">(.*?)</td>', html, re.S)
    ]
    assert cells
    assert set(cells) <= {"0", "–", "afgeschermd"}
    assert "afgeschermd" in cells


def _children(cells: dict[str, dict[str, str]], *, parent: dict[str, str]) -> dict[str, list[str]]:
    """The areas in `cells` below each area in `cells`."""
    children: dict[str, list[str]] = defaultdict(list)
    for area in cells:
        if parent.get(area) in cells:
            children[parent[area]].append(area)
    return children


def _assert_hidden_rest_not_small(
    cells: dict[str, dict[str, str]], *, top: str, below: list[str], column: str
) -> None:
    """A shown total minus its shown parts (what its hidden parts hold together) is no small
    count, and no part is hidden alone."""
    if cells[top]["status"] != "getoond" or cells[top][column] == "":
        return
    hidden = [c for c in below if cells[c]["status"] == "afgeschermd"]
    if not hidden:
        return
    assert len(hidden) != 1
    rest = float(cells[top][column]) - sum(
        float(cells[c][column] or 0) for c in below if c not in hidden
    )
    assert not is_disclosive(rest, 10), (cells[top], rest)


def test_no_published_total_gives_a_small_count_away(computed: None, user_of: UserOf) -> None:
    codes = [code for code in DEFAULT_CODES if code in computed_codes()]
    _publish(user_of, *codes)
    rows = _csv(Client())
    parent = dict(Area.objects.filter(parent__isnull=False).values_list("code", "parent__code"))
    tables: dict[tuple[str, str], dict[str, dict[str, str]]] = defaultdict(dict)
    for row in rows:
        tables[(row["indicator"], row["periode"])][row["gebiedscode"]] = row
    for cells in tables.values():  # one indicator × period, by area code
        children = _children(cells, parent=parent)
        for column in ("teller", "noemer"):
            for top, below in children.items():
                _assert_hidden_rest_not_small(cells, top=top, below=below, column=column)
    for row in rows:  # counts: the value is the count
        if row["eenheid"] in ("huishoudens", "personen", "signalen", "ouders") and row["waarde"]:
            assert not is_disclosive(float(row["waarde"]), 10)


def test_csv_parses_and_matches_the_stored_values(computed: None, user_of: UserOf) -> None:
    _publish(user_of, "D1", "P2-TIJDIG", "P2")
    client = Client()
    rows = _csv(client)
    run = publication_run()
    stored = {
        (v.indicator_code, v.period, v.area_code): v
        for v in IndicatorValue.objects.filter(run=run, breakdown="")
    }
    levels = {"regio": "region", "gemeente": "gemeente", "wijk": "wijk"}
    assert {row["niveau"] for row in rows} == set(levels)
    seen = 0
    for row in rows:
        value = stored[(row["indicator"], row["periode"], row["gebiedscode"])]
        assert value.area_level == levels[row["niveau"]]
        if row["status"] == "getoond":
            # rounded as every page rounds it (core.numbers, ADR 0030)
            assert Decimal(row["waarde"]) == rounded(value.value)
            assert "," not in row["waarde"]
            if row["indicator"] == "P2-TIJDIG":  # a share: numerator and denominator too
                assert float(row["teller"]) == value.numerator
                assert float(row["noemer"]) == value.denominator
            else:
                assert row["teller"] == row["noemer"] == ""
            seen += 1
        elif row["status"] == "geen waarde":
            assert value.value is None
            assert row["waarde"] == ""
    assert seen > 100
    keys = [(row["indicator"], row["periode"], row["niveau"], row["gebiedscode"]) for row in rows]
    assert len(keys) == len(set(keys))  # the declared primary key holds
    metadata = _metadata(client)
    assert metadata["url"] == "indicatoren.csv"
    assert [c["name"] for c in metadata["tableSchema"]["columns"]] == list(rows[0])
    assert metadata["dialect"]["delimiter"] == ","


@pytest.mark.parametrize(
    "role", [Role.DATA_STEWARD, Role.PROFESSIONAL, Role.BOARD, Role.RESEARCHER, Role.HOUSEHOLD]
)
def test_only_the_programme_team_may_choose(computed: None, user_of: UserOf, role: Role) -> None:
    client = Client()
    client.force_login(user_of(role))
    assert client.get(reverse("opendata:choose")).status_code == 403
    response = client.post(reverse("opendata:choose"), {"publiceren": ["D1"]})
    assert response.status_code == 403
    assert not PublishedIndicator.objects.exists()


def test_anonymous_is_sent_to_login_for_the_choice(computed: None) -> None:
    response = Client().post(reverse("opendata:choose"), {"publiceren": ["D1"]})
    assert response.status_code == 302
    assert "/inloggen" in response["Location"]
    assert not PublishedIndicator.objects.exists()


def test_choices_are_saved_and_every_change_is_audited(computed: None, user_of: UserOf) -> None:
    team = user_of(Role.PROGRAMME_TEAM)
    client = Client()
    client.force_login(team)
    page = client.get(reverse("opendata:choose"))
    assert page.status_code == 200
    assert 'value="D1"' in page.content.decode()
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("opendata:choose"),
        {"publiceren": ["D1", "D2", "NOT-A-CODE"], "toelichting-D1": "Sinds de start."},
        follow=True,
    )
    assert "gepubliceerd: D1, D2" in unescape(response.content.decode())
    published = {p.indicator_code: p for p in PublishedIndicator.objects.all()}
    assert set(published) == {"D1", "D2"}
    assert published["D1"].note == "Sinds de start."
    assert published["D1"].published_by == team
    client.post(reverse("opendata:choose"), {"publiceren": ["D1"], "toelichting-D1": "Anders."})
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [(e.action, e.object_id, e.actor) for e in events] == [
        ("opendata.indicator.publish", "D1", team),
        ("opendata.indicator.publish", "D2", team),
        ("opendata.indicator.withdraw", "D2", team),
        ("opendata.indicator.note", "D1", team),
    ]
    assert audit_verify() == []
    assert "Anders." in Client().get("/open-data").content.decode()
    response = client.post(
        reverse("opendata:choose"), {"publiceren": ["D1"], "toelichting-D1": "Anders."}, follow=True
    )
    assert "Er is niets veranderd." in response.content.decode()
    assert AuditEvent.objects.count() == before + 4


def test_publish_defaults_is_idempotent(computed: None) -> None:
    first = publish_defaults()
    assert first
    assert set(first) <= set(DEFAULT_CODES)
    assert set(first) <= set(computed_codes())
    assert publish_defaults() == []
    assert set(PublishedIndicator.objects.values_list("indicator_code", flat=True)) == set(first)


def test_publish_defaults_leaves_the_programme_teams_choice_alone(computed: None) -> None:
    first = publish_defaults()
    publication_set(codes=first[:1], notes={}, actor=None, origin="test")  # withdraw the rest
    assert publish_defaults() == []
    assert list(PublishedIndicator.objects.values_list("indicator_code", flat=True)) == first[:1]


def test_without_a_run_the_pages_still_answer(demo_world: None) -> None:
    client = Client()
    assert "nog geen indicatoren gepubliceerd" in client.get("/open-data").content.decode()
    assert _csv(client) == []
    assert _metadata(client)["notes"] == []
