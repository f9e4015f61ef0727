"""The indicator page says how the indicator is computed, in the rules file's plain Dutch:
one reading for the prose, the rule and the SQL (issue 13; P4's reading in ADR 0017)."""

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.partners.models import Role

DEFINITIONS = parse_definitions_file().definitions


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["P4", "W2", "P2-TIJDIG"])
def test_the_indicator_page_shows_the_rules_reading(code: str, user_of) -> None:  # type: ignore[no-untyped-def]
    assert DEFINITIONS is not None
    rule = DEFINITIONS.get(code)
    assert rule is not None
    assert rule.note
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    text = client.get(reverse("monitor:indicator", args=[code])).content.decode()
    assert "Zo wordt het berekend:" in text
    assert " ".join(rule.note.split()[:8]) in " ".join(text.split())
