"""The Bakker family's own page in Chromium, on a laptop (1280 px) and a phone (390 px): they
log in, see their contact person and their plan, download the plan as a PDF and all their
data, and send a comment; nothing sticks out sideways and axe-core finds nothing serious."""

import io
import json
import secrets
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize, expect
from pypdf import PdfReader

from doorbraak.partners.models import Partner, Role, User
from doorbraak.web.demo import DEMO_PASSWORD
from tests.browser.conftest import screenshot, serious_violations
from tests.casework.own_world import BAKKER_GOALS, world_make

pytestmark = [pytest.mark.browser]
SIZES = {"1280": ViewportSize(width=1280, height=900), "390": ViewportSize(width=390, height=844)}


@pytest.fixture(autouse=True)
def _work_zone_keys(settings: Any) -> None:
    settings.WORK_ZONE_KEY = secrets.token_bytes(32).hex()
    settings.WORK_ZONE_PARTNER_KEY = secrets.token_bytes(32).hex()


def _professional(username: str, *, partner: Partner | None = None) -> User:
    return User.objects.create_user(
        username=username,
        first_name=username.capitalize(),
        role=Role.PROFESSIONAL,
        partner=partner or Partner.objects.order_by("pk").first(),
    )


def _fits(page: Page, name: str) -> None:
    screenshot(page, name)
    sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert sideways <= 0, f"{name}: the page scrolls {sideways} px sideways"
    assert serious_violations(page) == []


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_bakkers_see_download_and_comment(
    page: Page, site: str, login: Callable[[str], None], size: str
) -> None:
    world_make(_professional)
    bakker = User.objects.get(username="bakker")
    bakker.set_password(DEMO_PASSWORD)
    bakker.save()
    page.set_viewport_size(SIZES[size])
    login("bakker")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw huishouden")
    expect(page.locator("[data-contact]")).to_contain_text("Fatima Yilmaz")
    expect(page.locator("[data-contact]")).to_contain_text("0598 123 456")
    for goal in BAKKER_GOALS.values():
        expect(page.get_by_text(goal)).to_be_visible()
    _fits(page, f"family-page-{size}")

    with page.expect_download() as pdf:
        page.locator("[data-download-plan]").click()
    pdf_path = pdf.value.path()
    text = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages
        ).split()
    )
    assert all(goal in text for goal in BAKKER_GOALS.values())

    with page.expect_download() as data:
        page.locator("[data-download-data]").click()
    exported = json.loads(data.value.path().read_text())
    assert exported["contactpersoon"]["naam"] == "Fatima Yilmaz"

    page.get_by_label("Iets laten verbeteren dat niet klopt").check()
    page.get_by_label("Uw bericht").fill("Noor heet voluit Noor Anna.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Uw contactpersoon ziet uw bericht")).to_be_visible()
    expect(page.locator("[data-comments]")).to_contain_text("Noor heet voluit Noor Anna.")
    _fits(page, f"family-comment-{size}")
