"""Pages for a partner's data steward: own deliveries, upload, one delivery, file back; and for
every staff role the deliveries of all partners at a glance."""

import logging
import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.intake import selectors
from doorbraak.intake.followup import delivery_followup
from doorbraak.intake.forms import UploadForm
from doorbraak.intake.results import result_file_name, result_file_write
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.access import Capability, requires

log = logging.getLogger("doorbraak.intake")
ROWS_SHOWN = 1000  # per verdict on the page; the result file has every row
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


@requires(Capability.OWN_ORGANISATION)
def batch_list_view(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch_id = _upload(request, form)
        if batch_id is not None:
            return redirect("intake:detail", pk=batch_id)
        return redirect("intake:list")
    batches = selectors.batch_list_for(request.user).select_related("mapping")[:100]
    return render(request, "intake/list.html", {"form": form, "batches": batches})


@requires(Capability.VIEW_PARTNERS)
def glance_view(request: HttpRequest) -> HttpResponse:
    """Per partner and dataset: the last delivery, days since, its rows and rejected share, and
    whether it is late against the agreed rhythm. About organisations: nothing suppressed."""
    rows = selectors.deliveries_at_a_glance()
    shown = [
        {
            **vars(row),
            "rejected_share": row.rejected_share,
            "days_late": -row.due_in if row.due_in is not None else None,
            "rhythm_label": RHYTHM_NAMES[row.rhythm],
        }
        for row in rows
    ]
    return render(
        request, "intake/glance.html", {"rows": shown, "late": sum(row.late for row in rows)}
    )


RHYTHM_NAMES = {
    "maand": gettext_lazy("elke maand"),
    "kwartaal": gettext_lazy("elk kwartaal"),
    "halfjaar": gettext_lazy("elk halfjaar"),
    "jaar": gettext_lazy("elk jaar"),
}


def _upload(request: HttpRequest, form: UploadForm) -> int | None:
    upload = form.cleaned_data["file"]
    if request.user.partner is None:  # type: ignore[union-attr]
        messages.error(request, _("Uw account hoort niet bij een partner; vraag de beheerder."))
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            batch = import_batch_run(
                partner=request.user.partner,  # type: ignore[union-attr]
                path=path,
                dataset=form.cleaned_data["dataset"] or None,
                user=request.user,
                dry_run=form.cleaned_data["dry_run"],
                file_name=Path(upload.name or "bestand").name,
            )
        except UserError as error:
            messages.error(request, error.message)
            return None
        except Exception:
            log.exception("intake upload failed")
            messages.error(request, _("Er ging intern iets mis; de beheerder is ingelicht."))
            return None
    if delivery_followup(batch=batch, user=request.user):
        messages.info(
            request,
            _("De aanlevering is verwerkt; koppelen, register en monitor volgen vanzelf."),
        )
    return batch.pk


@requires(Capability.OWN_ORGANISATION)
def batch_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_for(request.user, pk)
    context = {
        "batch": batch,
        "rejected": selectors.batch_rejected_rows(batch)[:ROWS_SHOWN],
        "rejected_more": max(0, batch.rejected - ROWS_SHOWN),
        "warned": selectors.batch_warned_rows(batch)[:ROWS_SHOWN],
        "warned_more": max(0, batch.warned - ROWS_SHOWN),
        "result_name": result_file_name(batch),
    }
    return render(request, "intake/detail.html", context)


@requires(Capability.OWN_ORGANISATION)
def result_file_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_for(request.user, pk)
    if not batch.content_size:
        messages.error(request, _("Van deze aanlevering is geen bestand bewaard."))
        return redirect("intake:detail", pk=pk)
    try:
        content = result_file_write(batch)
    except UserError as error:
        messages.error(request, error.message)
        return redirect("intake:detail", pk=pk)
    audit_record(
        actor=request.user,
        action=AuditAction.INTAKE_RESULT_FILE_DOWNLOAD,
        object_type="aanlevering",
        object_id=str(batch.pk),
        result="getoond",
        origin=client_address(request),
    )
    kind = (batch.mapping.spec.get("file") if batch.mapping else "") or "csv"
    response = HttpResponse(content, content_type=CONTENT_TYPES.get(kind, "text/csv"))
    response["Content-Disposition"] = f'attachment; filename="{result_file_name(batch)}"'
    return response
