"""The linkage report and the review list, for a reviewer with the linkage capability."""

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorbraak.core.audit import audit_record
from doorbraak.core.models import AuditAction
from doorbraak.intake.models import ImportBatch
from doorbraak.linkage.models import ReviewDecision, ReviewPair
from doorbraak.linkage.services import review_decide, run_latest
from doorbraak.partners.access import Capability, requires
from doorbraak.partners.models import Partner

FIELD_LABELS = {
    "enc_given_name": _("Voornaam"),
    "enc_surname": _("Achternaam"),
    "enc_dob": _("Geboortedatum"),
    "address": _("Adres"),
    "bsn": _("BSN"),
}
PAGE = 10


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
    """The open pairs of the latest run, PAGE at a time: "1-10 van 854", a next and previous
    page, and per pair three choices (the same person, different persons, don't know: the pair
    stays open)."""
    run = run_latest()
    pairs, total, number = [], 0, 1
    if run is not None:
        decided = set(ReviewDecision.objects.values_list("left_id", "right_id"))
        open_ids = [
            pk
            for pk, left, right in run.review.values_list("pk", "left_id", "right_id")
            if (left, right) not in decided and (right, left) not in decided
        ]
        total = len(open_ids)
        last = max(1, -(-total // PAGE))
        number = min(_page_number(request.GET.get("pagina")), last)
        shown = open_ids[(number - 1) * PAGE : number * PAGE]
        partners = dict(Partner.objects.values_list("code", "name"))
        for pair in run.review.filter(pk__in=shown).order_by("pk"):
            fields = [(FIELD_LABELS.get(k, k), v) for k, v in pair.agreement.items()]
            sources = [
                partners.get(str(side.get("partner", "")), side.get("partner") or "?")
                for side in (pair.context.get("links", {}), pair.context.get("rechts", {}))
            ]
            pairs.append({"pair": pair, "fields": fields, "sources": sources})
        audit_record(
            actor=request.user,
            action=AuditAction.LINKAGE_REVIEW_VIEW,
            object_type="linkage.LinkRun",
            object_id=str(run.pk),
            result="ok",
            reason="beoordelen van twijfelparen",
        )
    first = (number - 1) * PAGE + 1
    return render(
        request,
        "linkage/review.html",
        {
            "run": run,
            "pairs": pairs,
            "total": total,
            "first": first,
            "last_shown": first + len(pairs) - 1,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number * PAGE < total else None,
        },
    )


def _page_number(text: str | None) -> int:
    """?pagina=N; anything else is page 1."""
    return int(text) if text and text.isascii() and text.isdigit() and 0 < len(text) < 7 else 1


@require_POST
@requires(Capability.LINKAGE_REVIEW)
def decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(ReviewPair, pk=pk)
    verdict = request.POST.get("besluit")
    if verdict == "weet-niet":  # nothing is stored: the pair stays open for another reviewer
        messages.info(request, _("Niets vastgelegd; het paar blijft open staan."))
        return redirect(_review_url(request.POST.get("pagina")))
    if verdict not in ("zelfde", "verschillend"):
        messages.error(request, _("Kies 'dezelfde persoon' of 'verschillende personen'."))
        return redirect("linkage:review")
    review_decide(pair=pair, same=verdict == "zelfde", user=request.user)
    messages.success(
        request,
        _("Besluit vastgelegd; de volgende koppelrun houdt zich eraan."),
    )
    return redirect(_review_url(request.POST.get("pagina")))


def _review_url(page: str | None) -> str:
    return f"{reverse('linkage:review')}?pagina={_page_number(page)}"
