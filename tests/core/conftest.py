"""Fixtures shared by the core tests."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def anchors(tmp_path: Path) -> Iterator[Path]:
    """An anchor after every audit line, in this test's own file."""
    before = settings.AUDIT_ANCHOR_FILE, settings.AUDIT_ANCHOR_EVERY
    settings.AUDIT_ANCHOR_FILE, settings.AUDIT_ANCHOR_EVERY = tmp_path / "ankers.jsonl", 1
    yield settings.AUDIT_ANCHOR_FILE
    settings.AUDIT_ANCHOR_FILE, settings.AUDIT_ANCHOR_EVERY = before
