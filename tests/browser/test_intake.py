"""The data steward delivers a file in the browser and sees what was accepted, what was accepted
with a warning and what was rejected, each row with its code and hint, at desktop and phone
width; and downloads the result file."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from doorbraak.intake.mappings import mappings_load
from tests.browser.conftest import screenshot, serious_violations
from tests.intake.conftest import PARTNER, pseudonymised

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = ViewportSize(width=390, height=844)


def test_steward_uploads_a_file_and_sees_the_counters(
    page: Page,
    site: str,
    login,
    synth_dir: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    mappings_load(path=synth_dir / "exports" / "mappings.yaml")
    raw = (synth_dir / "exports" / PARTNER / "huurachterstanden-2025.csv").read_bytes()
    text = pseudonymised(raw).decode("cp1252")
    lines = text.split("\r\n")
    lines[1] = lines[1].replace(";Huur;", ";Gas;")
    lines[3] = lines[3].replace(";Huur;", ";HUUR;")  # a code differing in case: a warning
    upload = tmp_path / "huurachterstanden-2025.csv"
    upload.write_bytes("\r\n".join(lines).encode("cp1252"))

    login("gegevensbeheerder")
    page.goto(f"{site}/aanleveringen")
    expect(page.locator("h1")).to_have_text("Aanleveringen")
    assert serious_violations(page) == []
    page.get_by_label("Bestand (.csv of .xlsx, gepseudonimiseerd)").set_input_files(str(upload))
    page.get_by_role("button", name="Aanleveren").click()
    page.wait_for_load_state()
    expect(page.locator('[data-counter="rejected"]')).to_have_text("1")
    expect(page.locator('[data-counter="warned"]')).to_have_text("1")
    accepted = int(page.locator('[data-counter="accepted"]').inner_text())
    assert accepted == len([line for line in lines[1:] if line]) - 2
    rejected = page.get_by_role("table", name="Afgewezen: 1 regel")
    expect(rejected.get_by_role("cell", name="Soort", exact=True)).to_be_visible()
    expect(rejected.get_by_text("code-onbekend", exact=True)).to_be_visible()
    warned = page.get_by_role("table", name="Geaccepteerd met waarschuwing: 1 regel")
    expect(warned.get_by_text("code-hoofdletters", exact=True)).to_be_visible()
    expect(warned.locator("tbody tr")).to_have_count(1)
    expect(warned.get_by_role("cell", name="4", exact=True)).to_be_visible()  # its line
    expect(
        page.get_by_text("doorbraak terugmelding huurachterstanden-2025-resultaat.csv")
    ).to_be_visible()
    screenshot(page, "intake-batch-1280")
    page.get_by_role(
        "heading", name="Het resultaat in uw eigen bestand"
    ).scroll_into_view_if_needed()
    screenshot(page, "intake-batch-1280-resultaat")
    assert serious_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het resultaatbestand").click()
    content = Path(download.value.path()).read_bytes().decode("cp1252")
    assert "_regel;resultaat;opmerking" in content
    assert ';geaccepteerd met waarschuwing;"code-hoofdletters: Kolom' in content
    page.set_viewport_size(PHONE)
    page.reload()
    main = page.locator("main")
    overflow = main.evaluate("main => main.scrollWidth - main.clientWidth")
    assert overflow <= 0, f"the batch page is {overflow} px wider than a phone's screen"
    page.get_by_role(
        "region", name="Geaccepteerd met waarschuwing: 1 regel"
    ).scroll_into_view_if_needed()
    screenshot(page, "intake-batch-390")
    assert serious_violations(page) == []
