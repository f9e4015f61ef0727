"""Issue 16 item 8: plan, monitor and areas link both ways; each role lands where its work
is; the public home keeps its figures per publication instead of computing them per request."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.areas.models import Area, AreaLevel
from doorbraak.core.numbers import nl
from doorbraak.monitor.kept_pages import pages_forget
from doorbraak.monitor.services import monitor_run
from doorbraak.opendata import selectors as opendata_selectors
from doorbraak.opendata.services import publish_defaults
from doorbraak.partners.models import Role
from doorbraak.programme.models import Indicator

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def _client(user_of, role: Role) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_of(role))
    return client


def test_plan_monitor_and_areas_link_both_ways(demo_world, user_of) -> None:  # type: ignore[no-untyped-def]
    monitor_run(periods=["2025"], levels=("region", "gemeente", "wijk"))
    client = _client(user_of, Role.PROGRAMME_TEAM)
    indicator = Indicator.objects.filter(operational_goal__isnull=False).first()
    assert indicator is not None
    goal = indicator.operational_goal.code
    goal_page = client.get(reverse("programme:goal", args=[goal])).content.decode()
    assert reverse("monitor:indicator", args=[indicator.code]) in goal_page
    assert "volgen zodra de monitor draait" not in goal_page
    monitor_page = client.get(reverse("monitor:indicator", args=[indicator.code])).content.decode()
    assert reverse("programme:goal", args=[goal]) in monitor_page
    gemeente = Area.objects.filter(level=AreaLevel.GEMEENTE).first()
    assert gemeente is not None
    areas_page = client.get(reverse("areas:detail", args=[gemeente.code])).content.decode()
    assert reverse("monitor:area", args=[gemeente.code]) in areas_page
    monitor_area = client.get(reverse("monitor:area", args=[gemeente.code])).content.decode()
    assert reverse("areas:detail", args=[gemeente.code]) in monitor_area


def test_each_role_lands_on_its_work_and_open_data_opens_the_page(demo_world, user_of) -> None:  # type: ignore[no-untyped-def]
    for role, page in ((Role.PROGRAMME_TEAM, "monitor:dashboard"), (Role.BOARD, "monitor:board")):
        landed = _client(user_of, role).get(reverse("web:start"), follow=True)
        assert landed.redirect_chain[-1][0] == reverse(page)
    menu = _client(user_of, Role.PROGRAMME_TEAM).get(reverse("monitor:dashboard")).content.decode()
    assert f'href="{reverse("opendata:public")}"' in menu
    assert f'href="{reverse("opendata:choose")}"' not in menu


def test_the_public_home_shows_published_figures_computed_once_per_publication(demo_world) -> None:  # type: ignore[no-untyped-def]
    monitor_run(periods=["2024", "2025"], levels=("region", "gemeente", "wijk"))
    published = publish_defaults()
    pages_forget()
    real = opendata_selectors.headline_figures
    with mock.patch.object(opendata_selectors, "headline_figures", wraps=real) as computed:
        pages = [Client().get(reverse("web:public")).content.decode() for _ in range(3)]
    assert computed.call_count == 1
    figures = {figure.code: figure for figure in real()}
    goal_codes = set(
        Indicator.objects.filter(operational_goal__isnull=False).values_list("code", flat=True)
    )
    shown = [code for code in published if code in goal_codes and code in figures]
    assert shown, published  # a goal's indicator is published and has a figure
    for code in shown:
        assert f'data-published="{code}"' in pages[0]
        assert f"{nl(figures[code].cell.value)} {figures[code].unit}" in pages[0]
    unpublished = goal_codes - set(published)
    assert all(f'data-published="{code}"' not in pages[0] for code in unpublished)
