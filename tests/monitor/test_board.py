"""The board's own dashboard (issue 16): the board lands on "waar staan we" (the ambition, a
tile per operational goal with its trajectory, the gemeenten on the map and side by side),
sees no operational detail (no filters, process indicators, deliveries or linkage), and is
refused the programme team's operational pages."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Role
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from tests.conftest import UserOf, catalogue_part

pytestmark = pytest.mark.django_db

# what a board member must not open: operational work of the programme team and partners
REFUSED = (
    "linkage:report",
    "linkage:review",
    "pipeline:jobs",
    "opendata:choose",
    "learning:overview",
    "intake:list",
)
# where the board page may link: the monitor's pages, the plan and the areas
ALLOWED_LINKS = re.compile(r"^/(monitor(/|$)|programma|gebieden|static/|$)")


@pytest.fixture
def board(client: Client, user_of: UserOf) -> Client:
    client.force_login(user_of(Role.BOARD))
    return client


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_the_board_lands_on_its_own_dashboard(board: Client) -> None:
    response = board.get("/start", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("monitor:board")
    assert "Waar staan we" in response.content.decode()


def test_the_board_page_shows_tiles_trajectory_and_map_and_no_operational_detail(
    board: Client,
) -> None:
    monitor_run(
        periods=["2024", "2025"],
        levels=("region", "gemeente"),
        definitions=catalogue_part("P1", "W2", "D2", "P8", "P8-AFGEWEZEN"),
    )
    html = board.get(reverse("monitor:board")).content.decode()
    version = plan_version_current()
    goals = pm.OperationalGoal.objects.filter(strategic_goal__programme_line__plan_version=version)
    assert html.count('<li class="monitor-tile') == goals.count()  # a tile per goal
    assert "Streefwaarde" in html  # the trajectory to the target, in words
    assert 'data-chart="kaart-gebied"' in html  # the gemeenten on the map (W2: a share)
    assert "Gemeenten naast elkaar" in html
    main = _main(html)
    assert "Procesindicatoren" not in main  # P8 and the like are the programme team's
    assert "P8" not in main
    assert 'name="periode"' not in main  # no filter form
    links = re.findall(r'href="([^"#]*)"', main)
    assert links
    wrong = [link for link in links if not ALLOWED_LINKS.match(link)]
    assert not wrong, wrong


def test_the_programme_teams_dashboard_keeps_the_operational_detail(
    client: Client, user_of: UserOf
) -> None:
    monitor_run(periods=["2025"], levels=("region",), definitions=catalogue_part("P8"))
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    html = client.get(reverse("monitor:dashboard")).content.decode()
    assert "Procesindicatoren" in html
    assert 'name="periode"' in html


@pytest.mark.parametrize("name", REFUSED)
def test_the_board_is_refused_operational_pages(board: Client, name: str) -> None:
    response = board.get(reverse(name))
    assert response.status_code == 403, name
    assert "Geen toegang" in response.content.decode()


def test_the_board_may_not_freeze_a_year(board: Client) -> None:
    assert board.post(reverse("reports:freeze"), {"year": "2025"}).status_code == 403
