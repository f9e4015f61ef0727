"""What changed between two frozen versions of a year (pure: the sections' plain data).

Per indicator of the figures section, every cell (period × area) whose shown value differs,
appeared or disappeared; per other section, whether it changed at all. As CBS marks a figure
provisional and then definitive, a correction lists exactly which numbers moved.
"""

from typing import Any

from doorbraak.reports.sections import Section, sha256_of


def changed_since(before: dict[str, Section], after: dict[str, Section]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for key in sorted(set(before) | set(after)):
        if sha256_of(before.get(key)) == sha256_of(after.get(key)):
            continue
        if key == "figures" and key in before and key in after:
            found += _figures(before[key], after[key])
        else:
            found.append({"section": key, "subject": "", "period": "", "area": "",
                          "before": None, "after": None})  # fmt: skip
    return found


def _cells(section: Section) -> dict[tuple[str, str, str], float | None]:
    cells: dict[tuple[str, str, str], float | None] = {}
    for indicator in section.get("indicators", []):
        for cell in [*indicator["series"], *indicator["gemeenten"]]:
            cells[(indicator["code"], cell["period"], cell["area"])] = cell["value"]
    return cells


def _figures(before: Section, after: Section) -> list[dict[str, Any]]:
    old, new = _cells(before), _cells(after)
    return [
        {
            "section": "figures",
            "subject": code,
            "period": period,
            "area": area,
            "before": old.get((code, period, area)),
            "after": new.get((code, period, area)),
        }
        for code, period, area in sorted(set(old) | set(new))
        if (code, period, area) not in old
        or (code, period, area) not in new
        or old[(code, period, area)] != new[(code, period, area)]
    ]
