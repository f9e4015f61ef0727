"""The monitor zone knows nothing of outreach: no package outside the work zone imports it, and
working a signal writes nothing into the register's tables (the monitor's source)."""

from pathlib import Path

from django.apps import apps

from doorbraak.core.architecture import graph_read, package_of
from doorbraak.outreach import services
from doorbraak.partners.models import User

from .conftest import signal

SRC = Path(__file__).resolve().parents[2] / "src" / "doorbraak"


def test_no_package_imports_outreach() -> None:
    found = [
        f"{i.source}:{i.line} imports {i.target}"
        for i in graph_read(SRC).crossing()
        if package_of(i.target) == "outreach" and package_of(i.source) != "outreach"
    ]
    assert found == []


def _register_rows() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_app_config("register").get_models()}


def test_working_a_signal_writes_nothing_to_the_register(worker: User) -> None:
    before = _register_rows()
    case = services.signal_receive(actor=worker, signal=signal("huur-1")).zaak
    services.case_take_up(actor=worker, case=case)
    services.case_close(actor=worker, case=case, result="Definitief geen contact kunnen krijgen")
    assert _register_rows() == before
