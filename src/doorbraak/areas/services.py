"""Writes for areas: load a region from its configuration and the CBS lists, and CBS's published
figures from StatLine downloads. Idempotent."""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.text import slugify

from doorbraak.areas import cbs, statline
from doorbraak.areas.models import Area, AreaGroup, AreaGroupKind, AreaLevel, AreaStatistic
from doorbraak.core.errors import UserError

REGIONS_DIR = cbs.DATA_DIR / "regions"


@dataclass(frozen=True)
class RegionLoadResult:
    region: Area
    gemeenten: int
    wijken: int
    buurten: int
    dorpen: int


def region_config_read(name: str) -> dict[str, Any]:
    path = REGIONS_DIR / f"{name}.yaml"
    if not path.exists():
        known = sorted(p.stem for p in REGIONS_DIR.glob("*.yaml"))
        raise UserError(
            "onbekende-regio",
            f"Regioconfiguratie '{name}' bestaat niet. Beschikbaar: {', '.join(known)}.",
        )
    config: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return config


class _AreaWriter:
    """Upserts areas level by level with a few bulk queries instead of one query per row."""

    def __init__(self) -> None:
        self.stored = {(a.code, a.vintage): a for a in Area.objects.all()}

    def upsert(self, rows: list[Area]) -> dict[str, Area]:
        fields = ["name", "level", "parent"]
        new, changed = [], []
        for row in rows:
            current = self.stored.get((row.code, row.vintage))
            if current is None:
                new.append(row)
            elif any(
                getattr(current, f) != getattr(row, f) for f in ("name", "level", "parent_id")
            ):
                row.pk = current.pk
                changed.append(row)
        Area.objects.bulk_create(new)
        Area.objects.bulk_update(changed, fields)
        if new and new[0].pk is None:  # backends that do not return keys from bulk inserts
            self.stored = {(a.code, a.vintage): a for a in Area.objects.all()}
        else:
            self.stored.update({(a.code, a.vintage): a for a in new + changed})
        return {row.code: self.stored[(row.code, row.vintage)] for row in rows}


@transaction.atomic
def region_load(*, name: str) -> RegionLoadResult:
    config = region_config_read(name)
    wanted = list(config["gemeenten"])
    gemeenten = {
        g.code: g
        for g in cbs.read_gemeenten(cbs.DATA_DIR / config["gemeenten_file"])
        if g.code in wanted
    }
    if missing := [code for code in wanted if code not in gemeenten]:
        raise UserError(
            "onbekende-gemeente",
            f"Deze gemeentecodes staan niet in de CBS-lijst: {', '.join(missing)}.",
        )
    vintage = int(config["buurten_vintage"])
    buurten = [
        b
        for b in cbs.read_buurten(cbs.DATA_DIR / config["buurten_file"])
        if b.gemeente_code in gemeenten
    ]
    writer = _AreaWriter()
    region = writer.upsert(
        [
            Area(
                code=config["code"],
                vintage=int(config["gemeenten_vintage"]),
                name=config["name"],
                level=AreaLevel.REGION,
            )
        ]
    )[config["code"]]
    gemeente_areas = writer.upsert(
        [
            Area(code=c, vintage=g.vintage, name=g.name, level=AreaLevel.GEMEENTE, parent=region)
            for c, g in gemeenten.items()
        ]
    )
    wijk_codes = sorted({b.wijk_code: b for b in buurten}.items())
    wijk_buurten: dict[str, list[cbs.CbsBuurt]] = {}
    for buurt in buurten:
        wijk_buurten.setdefault(buurt.wijk_code, []).append(buurt)
    wijk_areas = writer.upsert(
        [
            Area(
                code=code,
                vintage=vintage,
                level=AreaLevel.WIJK,
                name=cbs.wijk_name(gemeente_areas[b.gemeente_code].name, code, wijk_buurten[code]),
                parent=gemeente_areas[b.gemeente_code],
            )
            for code, b in wijk_codes
        ]
    )
    writer.upsert(
        [
            Area(
                code=b.code,
                vintage=vintage,
                name=b.name,
                level=AreaLevel.BUURT,
                parent=wijk_areas[b.wijk_code],
            )
            for b in buurten
        ]
    )
    dorpen = _dorpen_load(buurten, vintage, gemeente_areas) if config.get("derive_dorpen") else 0
    return RegionLoadResult(region, len(gemeente_areas), len(wijk_areas), len(buurten), dorpen)


def _dorpen_load(buurten: list[cbs.CbsBuurt], vintage: int, gemeenten: dict[str, Area]) -> int:
    groups = cbs.derive_dorpen(buurten)
    for key, members in groups.items():
        gemeente_code, name = key.split(":", 1)
        group, _ = AreaGroup.objects.update_or_create(
            code=f"dorp-{gemeente_code.lower()}-{slugify(name)}",
            defaults={
                "name": name,
                "kind": AreaGroupKind.DORP,
                "gemeente": gemeenten[gemeente_code],
            },
        )
        group.members.set(Area.objects.filter(code__in=[m.code for m in members], vintage=vintage))
    return len(groups)


@dataclass(frozen=True)
class StatlineLoadResult:
    table: str
    years: tuple[int, ...]
    figures: int
    secret: int
    areas: int
    outside_region: int
    rows_skipped: int
    columns_ignored: tuple[str, ...]


def _areas_by_code(codes: set[str]) -> dict[str, Area]:
    """The newest vintage of each code (StatLine keys areas by code within its own vintage)."""
    found: dict[str, Area] = {}
    for area in Area.objects.filter(code__in=codes).order_by("vintage"):
        found[area.code] = area
    return found


@transaction.atomic
def statline_load(
    *, path: Path, table: str | None = None, year: int | None = None, synthetic: bool = False
) -> StatlineLoadResult:
    """Load one StatLine download for the areas of the loaded region. The table's figures for
    the years in the file replace what an earlier load of the same table and years stored, so
    a repeat changes nothing."""
    parsed = statline.read_statline(path, table=table, year=year)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    areas = _areas_by_code({f.area_code for f in parsed.figures})
    kept = [f for f in parsed.figures if f.area_code in areas]
    years = tuple(sorted({f.year for f in kept}))
    AreaStatistic.objects.filter(source_table=parsed.table, year__in=years).delete()
    AreaStatistic.objects.bulk_create(
        AreaStatistic(
            area=areas[f.area_code],
            year=f.year,
            measure=f.measure,
            value=f.value,
            secret=f.secret,
            source_table=parsed.table,
            file_digest=digest,
            synthetic=synthetic,
        )
        for f in kept
    )
    return StatlineLoadResult(
        table=parsed.table,
        years=years,
        figures=len(kept),
        secret=sum(f.secret for f in kept),
        areas=len({f.area_code for f in kept}),
        outside_region=len({f.area_code for f in parsed.figures} - set(areas)),
        rows_skipped=parsed.areas_skipped,
        columns_ignored=tuple(parsed.columns_ignored),
    )
