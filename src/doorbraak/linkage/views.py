"""The linkage report and the review list, for a reviewer with the linkage capability."""

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorbraak.core.audit import audit_record
from doorbraak.core.models import AuditAction
from doorbraak.intake.models import ImportBatch
from doorbraak.linkage.models import ReviewDecision, ReviewPair
from doorbraak.linkage.services import review_decide, run_latest
from doorbraak.partners.access import Capability, requires

FIELD_LABELS = {
    "enc_given_name": _("Voornaam"),
    "enc_surname": _("Achternaam"),
    "enc_dob": _("Geboortedatum"),
    "address": _("Adres"),
    "bsn": _("BSN"),
}
PAGE = 50


@requires(Capability.LINKAGE_REVIEW)
def report_view(request: HttpRequest) -> HttpResponse:
    run = run_latest()
    deliveries = (
        ImportBatch.objects.filter(dry_run=False)
        .values("partner__name")
        .annotate(
            files=Count("id"), read=Sum("read"), accepted=Sum("accepted"), rejected=Sum("rejected")
        )
        .order_by("partner__name")
    )
    totals = ImportBatch.objects.filter(dry_run=False).aggregate(
        read=Sum("read"), accepted=Sum("accepted"), rejected=Sum("rejected")
    )
    return render(
        request,
        "linkage/report.html",
        {
            "run": run,
            "decisions": ReviewDecision.objects.count(),
            "deliveries": deliveries,
            "totals": totals,
        },
    )


@requires(Capability.LINKAGE_REVIEW)
def review_view(request: HttpRequest) -> HttpResponse:
    run = run_latest()
    pairs = []
    if run is not None:
        decided = set(ReviewDecision.objects.values_list("left_id", "right_id"))
        for pair in run.review.all()[: PAGE * 4]:
            if (pair.left_id, pair.right_id) in decided or (pair.right_id, pair.left_id) in decided:
                continue
            fields = [(FIELD_LABELS.get(k, k), v) for k, v in pair.agreement.items()]
            pairs.append({"pair": pair, "fields": fields})
            if len(pairs) >= PAGE:
                break
        audit_record(
            actor=request.user,
            action=AuditAction.LINKAGE_REVIEW_VIEW,
            object_type="linkage.LinkRun",
            object_id=str(run.pk),
            result="ok",
            reason="beoordelen van twijfelparen",
        )
    return render(request, "linkage/review.html", {"run": run, "pairs": pairs})


@require_POST
@requires(Capability.LINKAGE_REVIEW)
def decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(ReviewPair, pk=pk)
    verdict = request.POST.get("besluit")
    if verdict not in ("zelfde", "verschillend"):
        messages.error(request, _("Kies 'dezelfde persoon' of 'verschillende personen'."))
        return redirect("linkage:review")
    review_decide(pair=pair, same=verdict == "zelfde", user=request.user)
    messages.success(
        request,
        _("Besluit vastgelegd; de volgende koppelrun houdt zich eraan."),
    )
    return redirect("linkage:review")
