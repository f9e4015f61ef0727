"""The work zone stays apart (ADR 0024): no package outside the work zone (`casework` and
`outreach`, ADR 0029) imports `casework`, and no code outside it reads the work zone's keys
(the settings module declares them, nothing else)."""

import re
from pathlib import Path

from doorbraak.core.architecture import graph_read, package_of

WORK_ZONE = {"casework", "outreach"}
SRC = Path(__file__).resolve().parents[2] / "src" / "doorbraak"


def test_no_other_package_imports_the_work_zone() -> None:
    graph = graph_read(SRC)
    found = [
        f"{i.source}:{i.line} imports {i.target}"
        for i in graph.crossing()
        if package_of(i.target) == "casework" and package_of(i.source) not in WORK_ZONE
    ]
    assert found == []


def test_only_the_work_zone_reads_its_keys() -> None:
    pattern = re.compile(r"WORK_ZONE_(?:PARTNER_)?KEY|WORK_ZONE_OLD_KEYS")
    readers = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    )
    assert readers == ["casework/keys.py", "conf/settings.py"]


def test_the_test_above_sees_an_import_when_there_is_one(tmp_path: Path) -> None:
    """The graph check can fail: a tiny tree where the monitor imports casework."""
    tmp_path = tmp_path / "doorbraak"
    tmp_path.mkdir()
    for package, body in {
        "casework": '"""Owns x. Imports nothing from the project."""\n',
        "monitor": '"""Owns y."""\nfrom doorbraak.casework import keys\n',
    }.items():
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text(body, encoding="utf-8")
    (tmp_path / "casework" / "keys.py").write_text("", encoding="utf-8")
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    crossing = [
        (package_of(i.source), package_of(i.target)) for i in graph_read(tmp_path).crossing()
    ]
    assert ("monitor", "casework") in crossing
