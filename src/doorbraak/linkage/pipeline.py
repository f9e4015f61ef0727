"""The whole way from partners' raw exports to a linked register (the demo goes this way).

1. `exports_deliver`: every partner pseudonymises its exports with the partners' key (never
   the monitor's) and the CBS address-to-buurt file, then delivers them through the intake;
2. `linkage.services.linkage_run`: persons and households across partners;
3. `register_from_linkage`: the linked records become register facts (`linkage.facts`) in a
   batch of kind "gekoppeld" that replaces the facts of any earlier linked batch.
"""

import datetime as dt
import multiprocessing
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from doorbraak.intake.models import SourceMapping
from doorbraak.intake.services import import_batch_run
from doorbraak.linkage.facts import facts_build
from doorbraak.linkage.models import LinkRun
from doorbraak.partners.models import Partner
from doorbraak.pseudonymise.files import partner_pseudonymise
from doorbraak.register import models as r
from doorbraak.register.loading import LoadResult, register_load_facts
from doorbraak.sources.mapping import mapping_load

Progress = Callable[[str], None]
HOUSEHOLD_FACTS = (
    r.ContactAssignment, r.Enrolment, r.CapitalAssessment, r.Outcome, r.Signal, r.Residence,
    r.Membership, r.SupportPlan,
)  # fmt: skip
FACT_MODELS = (r.PlanGoal, *HOUSEHOLD_FACTS)  # deleted in this order (goals before plans)


@dataclass
class Delivered:
    files: int = 0
    read: int = 0
    accepted: int = 0
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
                done.rejected += batch.rejected
                done.per_partner[code] += batch.accepted
        progress(f"  {code}: aangeleverd ({done.files} bestanden tot nu toe)")
    return done


def dataset_kinds() -> dict[tuple[str, str], str]:
    kinds = {}
    for partner, dataset, spec in SourceMapping.objects.values_list(
        "partner__code", "dataset", "spec"
    ):
        kinds[(partner, dataset)] = spec.get("kind", "")
    return kinds


def register_from_linkage(
    run: LinkRun, *, reference_dir: Path, key: bytes, as_of: dt.date, progress: Progress
) -> LoadResult:
    """Load the run's facts; facts of earlier linked batches are removed in the same step."""
    with tempfile.TemporaryDirectory() as folder:
        facts_dir = Path(folder)
        counts = facts_build(run, dataset_kinds(), reference_dir, facts_dir)
        progress(f"  feiten uit koppelrun {run.pk}: {sum(counts.values())} rijen")
        with transaction.atomic():
            result = register_load_facts(
                facts_dir=facts_dir,
                key=key,
                as_of=as_of,
                progress=progress,
                kind=r.FactBatch.Kind.LINKED,
                label="gekoppelde aanleveringen",
            )
            older = r.FactBatch.objects.filter(kind=r.FactBatch.Kind.LINKED).exclude(
                pk=result.batch.pk
            )
            if older.exists():
                for model in FACT_MODELS:
                    model.objects.filter(batch__in=older).delete()
                older.delete()
                _unreferenced_entities_delete()
    return result


def _unreferenced_entities_delete() -> None:
    """Persons and households that only a superseded linked batch referred to."""
    households = r.Household.objects.all()
    for model in HOUSEHOLD_FACTS:
        households = households.exclude(pk__in=model.objects.values("household_id"))
    households.delete()
    persons = r.Person.objects.all()
    for model in (r.Membership, r.Signal, r.Enrolment, r.CapitalAssessment, r.Outcome):
        persons = persons.exclude(pk__in=model.objects.values("person_id"))
    persons.delete()
