"""The data steward delivers a file in the browser and sees what was accepted and rejected."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from doorbraak.intake.mappings import mappings_load
from tests.browser.conftest import screenshot, serious_violations
from tests.intake.conftest import PARTNER, pseudonymised

pytestmark = [pytest.mark.browser, pytest.mark.slow]


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
    accepted = int(page.locator('[data-counter="accepted"]').inner_text())
    assert accepted == len([line for line in lines[1:] if line]) - 1
    expect(page.get_by_role("cell", name="Soort", exact=True)).to_be_visible()
    screenshot(page, "intake-batch")
    assert serious_violations(page) == []
