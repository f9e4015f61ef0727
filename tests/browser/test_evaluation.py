"""Dr. de Jong's journey (JOURNEYS.md): she requests an extract, the programme team approves
it, she reads an estimate with its interval and label, and downloads the extract; axe-clean."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from doorbraak.evaluation.estimators import EstimationError
from doorbraak.evaluation.selectors import estimate_for, experiment_choices
from doorbraak.register.models import Person
from tests.browser.conftest import log_in, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _estimable(method: str = "") -> str:
    for code, _ in experiment_choices():
        try:
            estimate_for(experiment=code, target="capital:economisch", method=method)
        except EstimationError:
            continue
        return code
    pytest.fail(f"no experiment in the test region can be estimated ({method or 'did'})")


def test_researcher_request_approval_estimate_download(
    page: Page, browser: Browser, site_with_register: str
) -> None:
    site = site_with_register
    experiment = _estimable()
    log_in(page, site, "onderzoeker")
    page.goto(f"{site}/onderzoek")
    expect(page.locator("h1")).to_have_text("Onderzoek en effectevaluatie")
    page.get_by_role("link", name="Een extract aanvragen").click()
    page.get_by_label("Onderzoeksvraag").fill("Werkt budgetcoaching in de dorpen?")
    page.get_by_label("Experiment").select_option(experiment)
    page.get_by_label("capital:economisch").check()
    page.get_by_label("Periode vanaf (jjjj-mm-dd)").fill("2023-01-01")
    page.get_by_label("Periode tot en met (jjjj-mm-dd)").fill("2026-06-30")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_text("Uw aanvraag is ingediend")).to_be_visible()
    expect(page.get_by_role("link", name="Extract downloaden")).to_have_count(0)

    team = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}).new_page()
    log_in(team, site, "programma")
    team.goto(f"{site}/onderzoek/evaluatie/")
    team.get_by_role("button", name="Goedkeuren").click()
    expect(team.locator("#aanvragen")).to_contain_text("goedgekeurd")
    team.context.close()

    page.goto(f"{site}/onderzoek/evaluatie/")
    page.get_by_label("Experiment").first.select_option(experiment)
    page.get_by_label("Uitkomst").first.select_option("capital:economisch")
    page.set_default_timeout(90_000)  # an estimate reads the register and may permute areas
    page.get_by_role("button", name="Schat het effect").click()
    expect(page.locator("#interval")).to_have_text(re.compile(r"-?\d+(,\d+)? tot -?\d+(,\d+)?"))
    expect(page.locator("#oordeel")).to_have_text(
        re.compile("Eerste aanwijzingen|Geen aanwijzing|Onvoldoende bewijs")
    )
    expect(page.locator("#schatting")).to_contain_text("Maryland")
    screenshot(page, "evaluation-estimate")
    assert serious_violations(page) == []

    # by matching: its own method, label and balance table (ADR 0043)
    page.get_by_label("Experiment").first.select_option(_estimable("matching"))
    page.get_by_label("Methode").select_option("matching")
    page.get_by_role("button", name="Schat het effect").click()
    expect(page.locator("#schatting")).to_contain_text("matching")
    expect(page.locator("#schatting")).to_contain_text("Maryland 2")
    expect(page.locator("#oordeel")).to_have_text(
        re.compile("Geen aanwijzing|Onvoldoende bewijs")  # Maryland 2 at most
    )
    expect(page.locator("#balans")).to_contain_text("Na matching")
    assert serious_violations(page) == []

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Extract downloaden").click()
    content = Path(waiting.value.path()).read_text(encoding="utf-8-sig")
    assert content.startswith("pseudoniem;wijk")
    released = {line.split(";")[0] for line in content.splitlines()[1:]}
    assert released
    assert not released & set(Person.objects.values_list("pseudonym", flat=True))
