"""The pipeline's steps, in order. Each is idempotent: with nothing new it reuses what is
stored (the link run, the register's linked batch, the monitor run for the same inputs)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from doorbraak.core.errors import UserError
from doorbraak.linkage.facts import register_from_linkage
from doorbraak.linkage.models import LinkRun
from doorbraak.linkage.services import linkage_run
from doorbraak.monitor.services import monitor_run
from doorbraak.pipeline.models import PipelineJob
from doorbraak.register.models import FactBatch

Progress = Callable[[str], None]
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
    job.fact_batch = register_update(job.link_run, as_of=job.as_of, progress=progress)


def monitor(job: PipelineJob, progress: Progress) -> None:
    result = monitor_run(progress=progress)
    job.monitor_run = result.run


def register_update(run: LinkRun, *, as_of: dt.date | None, progress: Progress) -> FactBatch:
    """The one place the pipeline writes linked facts to the register."""
    return register_from_linkage(run, as_of=as_of, progress=progress).batch


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
