"""The demo's deliveries: every partner pseudonymises its exports with the partners' key
(never the monitor's) and the CBS address-to-buurt file, then delivers them through the intake.
What follows a delivery is the pipeline's job (`services`)."""

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner
from doorbraak.pseudonymise.files import partner_pseudonymise
from doorbraak.sources.mapping import mapping_load

Progress = Callable[[str], None]


@dataclass
class Delivered:
    files: int = 0
    read: int = 0
    accepted: int = 0
    warned: int = 0
    rejected: int = 0
    per_partner: Counter = field(default_factory=Counter)


def exports_deliver(
    exports_dir: Path, work_dir: Path, *, partner_key: bytes, progress: Progress
) -> Delivered:
    """Pseudonymise every export as its partner would, and deliver it through the intake.

    Partners pseudonymise in parallel (one process per core: it is pure Python and needs no
    database); a file whose raw export did not change since it was pseudonymised with this
    key is not done again, and the intake recognises a file it already has.
    """
    mappings = mapping_load(exports_dir / "mappings.yaml")
    jobs = [(exports_dir, work_dir, code, partner_key) for code in mappings.partners]
    spawn = multiprocessing.get_context("spawn")  # never fork a process holding a database
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=spawn) as pool:
        for code, files in pool.map(partner_pseudonymise, jobs):
            progress(f"  {code}: {files} bestanden gepseudonimiseerd")
    partners = {p.code: p for p in Partner.objects.all()}
    done = Delivered()
    for code, partner_mapping in mappings.partners.items():
        for dataset in partner_mapping.datasets.values():
            for name in dataset.files:
                batch = import_batch_run(partner=partners[code], path=work_dir / code / name)
                done.files += 1
                done.read += batch.read
                done.accepted += batch.accepted
                done.warned += batch.warned
                done.rejected += batch.rejected
                done.per_partner[code] += batch.accepted
        progress(f"  {code}: aangeleverd ({done.files} bestanden tot nu toe)")
    return done
