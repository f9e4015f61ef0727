"""The programme team reads the linkage report and decides a pair on the review list."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from doorbraak.core.numbers import nl
from doorbraak.intake.mappings import mappings_load
from doorbraak.linkage.models import ReviewDecision, ReviewPair
from doorbraak.linkage.services import linkage_run
from tests.browser.conftest import screenshot, serious_violations
from tests.linkage.conftest import deliver

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_programme_team_reads_the_report_and_decides_a_pair(
    page: Page,
    site: str,
    login,
    synth_dir: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    mappings_load(path=synth_dir / "exports" / "mappings.yaml")
    deliver(synth_dir, tmp_path)
    run = linkage_run()
    if not ReviewPair.objects.filter(run=run).exists():  # the model was sure of everything
        links = list(run.links.values_list("record_id", flat=True)[:2])
        ReviewPair.objects.create(
            run=run,
            left_id=links[0],
            right_id=links[1],
            probability=0.8,
            agreement={"enc_given_name": "bijna gelijk", "bsn": "onbekend"},
            context={"links": {"geboortejaar": "1980"}, "rechts": {"geboortejaar": "1980"}},
        )

    login("programma")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Koppeling").click()
    expect(page.locator("h1")).to_have_text("Koppeling van personen en huishoudens")
    expect(page.get_by_role("cell", name=nl(run.persons), exact=True).first).to_be_visible()
    screenshot(page, "linkage-report")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Naar de paren die beoordeeld moeten worden").click()
    expect(page.locator("h1")).to_have_text("Paren beoordelen")
    screenshot(page, "linkage-review")
    assert serious_violations(page) == []
    expect(page.locator("[data-shortcuts]")).to_contain_text("weet niet")
    page.keyboard.press("j")  # the first pair has focus: 2 = verschillende personen
    expect(page.locator("section.doorbraak-review").first).to_be_focused()
    page.keyboard.press("2")
    expect(page.get_by_text("Besluit vastgelegd")).to_be_visible()
    assert ReviewDecision.objects.filter(same=False).count() == 1
