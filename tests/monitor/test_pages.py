"""The indicator page and its CSV download on the session's synthetic region: gated values
only, Dutch numbers, and only roles that may see the programme."""

import csv
import io

import openpyxl
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Role

pytestmark = pytest.mark.slow


@pytest.fixture
def computed(demo_world: None) -> None:
    monitor_run(periods=["2025"], levels=("region", "gemeente", "wijk"))


def _client(user_of, role: Role) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_of(role))
    return client


@pytest.mark.django_db
def test_the_indicator_page_shows_trend_gemeenten_and_breakdowns(computed, user_of) -> None:
    page = _client(user_of, Role.PROGRAMME_TEAM).get(reverse("monitor:indicator", args=["D2"]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Verloop in de regio" in text
    assert "Per gemeente in 2025" in text
    assert "Veendam" in text
    assert "Uitgesplitst naar" in text
    dashboard = _client(user_of, Role.BOARD).get(reverse("monitor:dashboard")).content.decode()
    assert reverse("monitor:indicator", args=["D2"]) in dashboard


@pytest.mark.django_db
def test_an_indicator_that_waits_says_what_for(computed, user_of) -> None:
    page = _client(user_of, Role.PROGRAMME_TEAM).get(reverse("monitor:indicator", args=["D6"]))
    assert page.status_code == 200
    assert "wacht nog op een gegevensbron" in page.content.decode()


@pytest.mark.django_db
def test_the_csv_holds_no_count_below_the_threshold(computed, user_of) -> None:
    response = _client(user_of, Role.RESEARCHER).get(reverse("monitor:indicator_csv", args=["P1"]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    # P1 has the dorp and experiment breakdowns, so their groups follow as levels (ADR 0042)
    levels = {row["niveau"] for row in rows}
    assert (
        {"region", "gemeente", "wijk", "dorp"}
        <= levels
        <= {"region", "gemeente", "wijk", "dorp", "experiment"}
    )
    threshold = int(settings.DISCLOSURE_THRESHOLD)
    for row in rows:
        if row["onderdrukt"] == "ja":
            assert (row["teller"], row["noemer"], row["waarde"]) == ("", "", "")
        else:
            count = float(row["teller"].replace(",", "."))
            assert count == 0 or count >= threshold
    assert any(row["onderdrukt"] == "ja" for row in rows)  # wijken with few households


@pytest.mark.django_db
def test_roles_without_the_programme_are_refused(computed, user_of) -> None:
    household = _client(user_of, Role.HOUSEHOLD)
    assert household.get(reverse("monitor:indicator", args=["D2"])).status_code == 403
    assert household.get(reverse("monitor:indicator_csv", args=["D2"])).status_code == 403
    staff = _client(user_of, Role.PROGRAMME_TEAM)
    assert staff.get(reverse("monitor:indicator", args=["X9"])).status_code == 404


@pytest.mark.django_db
def test_the_xlsx_holds_the_same_gated_values(computed, user_of) -> None:
    client = _client(user_of, Role.PROGRAMME_TEAM)
    response = client.get(reverse("monitor:indicator_xlsx", args=["P1"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    csv_rows = client.get(reverse("monitor:indicator_csv", args=["P1"])).content
    assert len(rows) == len(csv_rows.decode("utf-8-sig").strip().splitlines())
    threshold = int(settings.DISCLOSURE_THRESHOLD)
    for row in rows[1:]:
        numerator, suppressed = row[7], row[10]
        if suppressed == "ja":
            assert numerator in (None, "")
        else:
            assert numerator == 0 or numerator >= threshold
