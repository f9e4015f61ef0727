"""The pipeline's steps, in order. Each is idempotent: with nothing new it reuses what is
stored (the link run, the register's linked batch, the monitor run for the same inputs)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import key_file_read_or_create
from doorbraak.linkage.models import LinkRun
from doorbraak.linkage.pipeline import register_from_linkage
from doorbraak.linkage.services import linkage_run
from doorbraak.monitor.services import monitor_run
from doorbraak.pipeline.models import PipelineJob
from doorbraak.register.models import FactBatch

Progress = Callable[[str], None]
REFERENCE_FILES = ("interventions.csv", "experiments.csv")
Step = PipelineJob.Step


@dataclass(frozen=True)
class StepSpec:
    code: str
    run: Callable[[PipelineJob, Progress], None]
    failure: str  # Dutch, shown (translated) when the step fails for an unforeseen cause


def link(job: PipelineJob, progress: Progress) -> None:
    job.link_run = linkage_run(progress=progress)


def register(job: PipelineJob, progress: Progress) -> None:
    if job.link_run is None:  # the link run was replaced in the meantime: use the newest
        job.link_run = LinkRun.objects.order_by("-id").first()
    if job.link_run is None:
        raise UserError("koppeling-ontbreekt", _("Er is nog geen koppelrun."))
    as_of = job.as_of or timezone.localdate()
    job.fact_batch = register_update(job.link_run, as_of=as_of, progress=progress)


def monitor(job: PipelineJob, progress: Progress) -> None:
    result = monitor_run(progress=progress)
    job.monitor_run = result.run


def register_update(run: LinkRun, *, as_of: dt.date, progress: Progress) -> FactBatch:
    """The one place the pipeline calls the register's loader for linked facts."""
    reference = Path(settings.REFERENCE_DIR)
    missing = [name for name in REFERENCE_FILES if not (reference / name).is_file()]
    if missing:
        raise UserError(
            "referentie-ontbreekt",
            _(
                "De referentiebestanden van het programma ontbreken: {files} in {folder} "
                "(instelling DOORBRAAK_REFERENCE_DIR)."
            ).format(files=", ".join(missing), folder=reference),
        )
    key = key_file_read_or_create(Path(settings.DATA_DIR) / "demo-sleutel.txt")
    result = register_from_linkage(
        run, reference_dir=reference, key=key, as_of=as_of, progress=progress
    )
    return result.batch


_INTERNAL = gettext_noop(
    "Er is niets half opgeslagen. De technische details staan in het foutenlog van de server; "
    "probeer het opnieuw of vraag de beheerder."
)
STEPS = (
    StepSpec(Step.LINK, link, gettext_noop("Het koppelen is door een interne fout mislukt.")),
    StepSpec(
        Step.REGISTER,
        register,
        gettext_noop("Het bijwerken van het register is door een interne fout mislukt."),
    ),
    StepSpec(
        Step.MONITOR,
        monitor,
        gettext_noop("Het berekenen van de monitor is door een interne fout mislukt."),
    ),
)


def failure_reason(spec: StepSpec) -> str:
    return f"{_(spec.failure)} {_(_INTERNAL)}"
