"""A frozen 2025 over the session's synthetic region: a monitor run over 2024-2025 (region and
gemeenten), the demo's open-data choice, and the year frozen."""

import pytest

from doorbraak.monitor.services import monitor_run
from doorbraak.opendata.services import publish_defaults
from doorbraak.reports.models import ReflectionSnapshot
from doorbraak.reports.services import snapshot_freeze

YEAR = 2025
PERIODS = ("2024", "2025")


@pytest.fixture
def run_2025(demo_world: None) -> None:
    monitor_run(periods=list(PERIODS), levels=("region", "gemeente"))
    publish_defaults()


@pytest.fixture
def frozen(run_2025: None) -> ReflectionSnapshot:
    return snapshot_freeze(year=YEAR).snapshot
