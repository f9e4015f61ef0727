"""`generate`: run the synthetic region from the programme start to the as-of day.

Households are simulated in chunks (`production.CHUNK_HOUSEHOLDS`), each fixed by the seed and its
number alone. Worker processes produce chunks in parallel; this process writes them in chunk
order, holding at most a few chunks at a time, so memory stays bounded at any scale and the
files are byte-identical whatever the number of workers.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from doorbraak.core.errors import UserError
from doorbraak.synth.cbs import write_statline
from doorbraak.synth.exports import partner_exports
from doorbraak.synth.interventions import plan_experiments, write_programme_reference
from doorbraak.synth.learning import write_learning
from doorbraak.synth.mappings import write_mappings
from doorbraak.synth.output import OutputWriter
from doorbraak.synth.partners import load_partners
from doorbraak.synth.production import (
    ChunkOutput,
    Producer,
    Settings,
    produce_in_worker,
    setup_world,
    start_worker,
)
from doorbraak.synth.region import REGION_HOUSEHOLDS
from doorbraak.synth.truth import effect_rows, poverty_model_rows, static_fact_rows

MAX_HOUSEHOLDS = 8_000_000
DEFAULT_AS_OF = date(2026, 6, 30)
Progress = Callable[[str, int, int], None]


class ScaleError(UserError, ValueError):
    """The scale is not 'region' or a whole number of households from 1 to 8 million."""

    def __init__(self, scale: str) -> None:
        super().__init__(
            "schaal-ongeldig",
            f"schaal '{scale}' kan niet: gebruik 'region' of een aantal huishoudens "
            f"van 1 tot {MAX_HOUSEHOLDS:,}.".replace(",", "."),
        )
        self.scale = scale


@dataclass
class SynthSummary:
    seed: int
    as_of: str
    initial_households: int
    households: int = 0
    persons: int = 0
    signals_per_source: dict[str, int] = field(default_factory=dict)
    plans: int = 0
    contact_assignments: int = 0
    enrolments: int = 0
    assessments: int = 0
    outcomes: int = 0
    export_rows_per_partner: dict[str, int] = field(default_factory=dict)
    faults_per_kind: dict[str, int] = field(default_factory=dict)
    files_written: list[str] = field(default_factory=list)


def resolve_scale(scale: str | int) -> int:
    if isinstance(scale, str) and scale.strip().lower() == "region":
        return REGION_HOUSEHOLDS
    try:
        households = int(scale)
    except (TypeError, ValueError):
        raise ScaleError(str(scale)) from None
    if not 1 <= households <= MAX_HOUSEHOLDS:
        raise ScaleError(str(scale))
    return households


def default_workers(chunks: int) -> int:
    return max(1, min(os.cpu_count() or 1, 4, chunks))


def _prepare(out_dir: Path) -> None:
    """Start from empty output folders, so a rerun leaves exactly the files of this run."""
    for name in ("exports", "truth"):
        target = out_dir / name
        if target.is_dir():
            shutil.rmtree(target)
    out_dir.mkdir(parents=True, exist_ok=True)


def generate(
    *,
    seed: int,
    out_dir: Path,
    scale: str | int = "region",
    as_of: date = DEFAULT_AS_OF,
    progress: Progress | None = None,
    workers: int | None = None,
    corruption: str = "normaal",
) -> SynthSummary:
    """Write the partners' exports, the truth and the clean facts for one synthetic region.

    `workers`: processes producing chunks (default: up to the number of cores); the output
    does not depend on it. `corruption`: "normaal" or "zwaar" (`faults.CORRUPTION`): how
    corrupted the identifying fields of the exports are.
    """
    settings = Settings(seed, resolve_scale(scale), as_of, corruption)
    out_dir = Path(out_dir)
    _prepare(out_dir)
    partners = partner_exports(load_partners())
    writer = OutputWriter(out_dir, partners, as_of)
    chunks = settings.chunks
    for output in _outputs(settings, workers or default_workers(chunks)):
        writer.write(output)
        if progress is not None:
            done = settings.households_through(output.number)
            progress("huishoudens", done, settings.households)
    return _finish(settings, out_dir, writer, partners)


def _outputs(settings: Settings, workers: int) -> Iterator[ChunkOutput]:
    """Chunk outputs in chunk order; with several workers, a few chunks ahead at most."""
    if workers <= 1:
        producer = Producer(settings)
        for number in range(settings.chunks):
            yield producer.produce(number)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with context.Pool(workers, initializer=start_worker, initargs=(settings,)) as pool:
        pending: deque[Any] = deque()
        submitted = 0
        while submitted < settings.chunks or pending:
            while submitted < settings.chunks and len(pending) < 2 * workers:
                pending.append(pool.apply_async(produce_in_worker, (submitted,)))
                submitted += 1
            yield pending.popleft().get()


def _finish(
    settings: Settings, out_dir: Path, writer: OutputWriter, partners: dict[str, Any]
) -> SynthSummary:
    experiments = plan_experiments(setup_world(settings))
    for name, rows in static_fact_rows(experiments).items():
        writer.write_table(f"facts/{name}", rows)
    writer.write_table("truth/poverty_model", poverty_model_rows())
    written, files = writer.close()
    effects_path = out_dir / "truth" / "effects.csv"
    _write_effects(effects_path, effect_rows(writer.effects))
    written += [effects_path, write_mappings(writer.root, partners, files)]
    written.append(write_programme_reference(out_dir / "programma", experiments))
    written += write_learning(
        out_dir,
        seed=settings.seed,
        as_of=settings.as_of,
        partners=sorted(p.code for p in load_partners()),
        experiments=experiments,
    )
    written.append(_write_address_register(out_dir))
    written.append(write_statline(out_dir, settings.as_of))
    summary = SynthSummary(
        settings.seed, settings.as_of.isoformat(), settings.households, **writer.summary_counts()
    )
    summary_path = out_dir / "truth" / "summary.json"
    written.append(summary_path)
    summary.files_written = sorted(p.relative_to(out_dir).as_posix() for p in written)
    summary_path.write_text(
        json.dumps(asdict(summary), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return summary


def _write_address_register(out_dir: Path) -> Path:
    """exports/adressen.csv: which buurt each address lies in (postcode, number, suffix).

    The stand-in for CBS's yearly "buurt, wijk en gemeente bij postcode en huisnummer" file,
    which is public: `doorbraak pseudonymise --adressen` adds the buurt code to each record
    before the address itself is dropped.
    """
    import csv

    path = out_dir / "exports" / "adressen.csv"
    with (out_dir / "truth" / "addresses.csv").open(encoding="utf-8", newline="") as source:
        rows = sorted(
            (row["postcode"], row["house_number"], row["house_number_suffix"], row["buurt_code"])
            for row in csv.DictReader(source)
        )
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";", lineterminator="\n")
        out.writerow(["postcode", "huisnummer", "toevoeging", "buurtcode"])
        out.writerows(rows)
    return path


def _write_effects(path: Path, rows: list[tuple[object, ...]]) -> None:
    from doorbraak.synth.tables import FileTable
    from doorbraak.synth.truth import POSITIONED_TABLES

    table = FileTable(path, POSITIONED_TABLES["effects"])
    table.add_many(rows)
    table.close()
