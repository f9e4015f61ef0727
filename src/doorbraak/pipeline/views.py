"""The pipeline page for the programme team: jobs, their step and status, retry."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.access import Capability, requires
from doorbraak.pipeline import selectors
from doorbraak.pipeline.models import PipelineJob
from doorbraak.pipeline.services import job_retry

# The programme team's capability for the linkage and what follows it (the only role with it).
PIPELINE = Capability.LINKAGE_REVIEW


@requires(PIPELINE)
def jobs_view(request: HttpRequest) -> HttpResponse:
    jobs = list(selectors.jobs_recent())
    waiting = (PipelineJob.Status.WAITING, PipelineJob.Status.RUNNING)
    active = any(job.status in waiting for job in jobs)
    return render(request, "pipeline/jobs.html", {"jobs": jobs, "active": active})


@require_POST
@requires(PIPELINE)
def retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        job = job_retry(job_id=pk)
    except UserError as error:
        messages.error(request, error.message)
        return redirect("pipeline:jobs")
    audit_record(
        actor=request.user,
        action=AuditAction.PIPELINE_RETRY,
        object_type="pipeline.PipelineJob",
        object_id=str(job.pk),
        result="ok",
        origin=client_address(request),
    )
    messages.info(request, _("Taak %(number)d staat opnieuw in de wachtrij.") % {"number": job.pk})
    return redirect("pipeline:jobs")
