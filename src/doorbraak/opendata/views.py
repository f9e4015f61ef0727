"""Open data pages: the public page and its downloads (no login), and the programme team's
choice of what is published (Capability.PUBLISH). Reads come from `opendata.selectors`, which
only ever returns published, gated values.

The CSV is for machines, as Dutch open-data portals (data.overheid.nl) and the W3C's CSV on
the Web expect: UTF-8 without BOM, comma-separated, one header row, a decimal point and no
thousands separator, RFC 4180 quoting; a hidden cell is empty with the status 'afgeschermd'.
Its columns are described by the CSV-W metadata next to it (`indicatoren.csv-metadata.json`,
the name CSV-W looks for). The monitor's own CSV (semicolons, decimal comma, BOM) stays the
spreadsheet download for the programme's staff.
"""

import csv
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address, client_network
from doorbraak.core.models import AuditAction
from doorbraak.core.numbers import plain
from doorbraak.opendata import selectors
from doorbraak.opendata.services import NOTE_LENGTH, publication_set
from doorbraak.partners.access import Capability, requires, user_can

CSV_NAME = "indicatoren.csv"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
COLUMNS: tuple[tuple[str, str, str | dict[str, str]], ...] = (
    ("indicator", "De code van de indicator in het programmaplan.", "string"),
    ("naam", "De naam van de indicator.", "string"),
    ("eenheid", "De eenheid van de waarde (bijvoorbeeld huishoudens of %).", "string"),
    ("periode", "Het jaar; een lopend jaar (zie 'lopend') gaat over een deel ervan.", "gYear"),
    (
        "lopend",
        "ja: een lopend jaar, de gegevens lopen niet tot het eind ervan en de waarde gaat over "
        "een deel van het jaar (niet te vergelijken met een volledig jaar); nee: een volledig "
        "jaar.",
        {"base": "string", "format": "ja|nee"},
    ),
    (
        "gegevens_tot_en_met",
        "Bij een lopend jaar: de laatste dag die de gegevens dekken (leeg bij een volledig jaar).",
        "date",
    ),
    (
        "niveau",
        "Het gebiedsniveau: regio, gemeente of wijk.",
        {"base": "string", "format": "regio|gemeente|wijk"},
    ),
    ("gebiedscode", "De CBS-code van de gemeente (GM) of wijk (WK), of de regiocode.", "string"),
    ("gebied", "De naam van het gebied (bron: CBS).", "string"),
    ("waarde", "De waarde van de indicator; leeg als die is afgeschermd of er geen is.", "decimal"),
    ("teller", "Bij aandelen en verhoudingen: de teller (leeg bij andere soorten).", "decimal"),
    ("noemer", "Bij aandelen en verhoudingen: de noemer (leeg bij andere soorten).", "decimal"),
    (
        "status",
        "getoond; afgeschermd (onthullingsbeheersing: geen getallen); geen waarde "
        "(niet te berekenen, bijvoorbeeld een aandeel zonder noemer).",
        {"base": "string", "format": "getoond|afgeschermd|geen waarde"},
    ),
)


def _threshold() -> int:
    run = selectors.publication_run()
    return int(run.threshold) if run else int(settings.DISCLOSURE_THRESHOLD)


def open_data_view(request: HttpRequest) -> HttpResponse:
    """The public page: every published indicator per year, region and gemeenten."""
    run = selectors.publication_run()
    return render(
        request,
        "opendata/public.html",
        {
            "details": selectors.published_details(),
            "run": run,
            "threshold": _threshold(),
            "disclosure": disclosure_text(_threshold()),
            "can_publish": user_can(request.user, Capability.PUBLISH),
            "running": selectors.running_years(run),
        },
    )


def indicator_view(request: HttpRequest, code: str) -> HttpResponse:
    """One published indicator, with every wijk; 404 for anything not published."""
    details = selectors.published_details(code)
    if not details:
        raise Http404(code)
    return render(
        request,
        "opendata/indicator.html",
        {
            "detail": details[0],
            "run": selectors.publication_run(),
            "threshold": _threshold(),
            "disclosure": disclosure_text(_threshold()),
            "running": details[0].running,
        },
    )


def _number(value: float | None) -> str:
    """Rounded as the page rounds it (`core.numbers`): a decimal point, no thousands
    separator; '' when not shown."""
    return plain(value)


def csv_view(request: HttpRequest) -> HttpResponse:
    details = {d.code: d for d in selectors.published_details()}
    audit_record(
        actor=request.user,
        action=AuditAction.OPENDATA_CSV_DOWNLOAD,
        object_type="open-data",
        object_id=CSV_NAME,
        result="getoond",
        # anonymous: the network only, never a reader's full address (ADR 0013)
        origin=client_address(request)
        if request.user.is_authenticated
        else client_network(request),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{CSV_NAME}"'
    response["Link"] = f'<{reverse("opendata:metadata")}>; rel="describedby"'
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow([name for name, _description, _type in COLUMNS])
    for cell in selectors.published_cells(details):
        detail = details[cell.indicator_code]
        writer.writerow(
            [
                cell.indicator_code,
                detail.name,
                detail.unit,
                cell.period,
                "ja" if cell.until else "nee",
                cell.until.isoformat() if cell.until else "",
                selectors.LEVEL_NAMES[cell.area_level],
                cell.area_code,
                cell.area_name,
                _number(cell.value),
                _number(cell.numerator),
                _number(cell.denominator),
                cell.status,
            ]
        )
    return response


def metadata_view(request: HttpRequest) -> JsonResponse:
    """CSV-W metadata (W3C, Metadata Vocabulary for Tabular Data) for the CSV."""
    run = selectors.publication_run()
    threshold = _threshold()
    metadata: dict[str, Any] = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "nl"}],
        "url": CSV_NAME,  # next to this file, online and when both are downloaded
        "dc:title": _("Open data van de Alliantie van Kracht"),
        "dc:description": _(
            "Gepubliceerde indicatoren van het programma tegen generatiearmoede, per jaar, "
            "voor de regio, elke gemeente en elke wijk."
        ),
        "dc:publisher": _("Alliantie van Kracht"),
        "dc:license": {"@id": LICENSE},
        "dc:source": _("Gebiedsindeling: CBS (CC BY 4.0)."),
        "rdfs:comment": disclosure_text(threshold),
        "dialect": {
            "delimiter": ",",
            "encoding": "utf-8",
            "header": True,
            "doubleQuote": True,
            "lineTerminators": ["\r\n"],
        },
        "tableSchema": {
            "columns": [
                {
                    "name": name,
                    "titles": name,
                    "dc:description": description,
                    "datatype": datatype,
                    "null": "",
                    "required": name
                    not in ("waarde", "teller", "noemer", "eenheid", "gegevens_tot_en_met"),
                }
                for name, description, datatype in COLUMNS
            ],
            "primaryKey": ["indicator", "periode", "niveau", "gebiedscode"],
        },
        "notes": [
            {
                "dc:identifier": d.code,
                "dc:title": d.name,
                "dc:description": d.description,
                "schema:unitText": d.unit,
                "rdfs:comment": d.note,
                "dc:issued": d.published.published_since.date().isoformat(),
            }
            for d in selectors.published_details()
        ],
    }
    if run is not None and run.finished_at is not None:
        metadata["dc:modified"] = run.finished_at.isoformat()
    running = selectors.running_years(run)
    if running and run is not None and run.data_until is not None:
        metadata["dc:temporal"] = (
            f"{min(p[:4] for p in run.periods)}-01-01/{run.data_until.isoformat()}"
        )
        metadata["dc:description"] += " " + " ".join(
            _("{year} is een {label}: die cijfers gaan over een deel van het jaar.").format(
                year=year, label=label
            )
            for year, label in running.items()
        )
    response = JsonResponse(metadata, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/csvm+json; charset=utf-8"
    return response


def disclosure_text(threshold: int) -> str:
    return _(
        "Deze cijfers gaan over gezinnen in armoede. Om te voorkomen dat iemand herkenbaar wordt, "
        "tonen we geen aantal van 1 tot {t}: zo'n cel is afgeschermd en heeft geen getal. Een "
        "afgeschermde cel zou vaak terug te rekenen zijn uit een totaal en de cellen ernaast, "
        "bijvoorbeeld een gemeente uit het regiototaal en de andere gemeenten. Daarom schermen we "
        "waar nodig ook andere cellen af, zodat ook de afgeschermde cellen samen nooit een aantal "
        "onder de {t} vormen. Een 0 is wel zichtbaar. Afgeschermd betekent dus niet 'weinig': "
        "het aantal kan ook groot zijn. In de download is een afgeschermde cel leeg, met de "
        "status 'afgeschermd'."
    ).format(t=threshold)


@requires(Capability.PUBLISH)
def choose_view(request: HttpRequest) -> HttpResponse:
    """The programme team chooses which computed indicators are published."""
    choices = selectors.publication_choices()
    if request.method == "POST":
        codes = request.POST.getlist("publiceren")
        notes = {c.code: request.POST.get(f"toelichting-{c.code}", "") for c in choices}
        changes = publication_set(
            codes=codes,
            notes=notes,
            actor=request.user,
            origin=client_address(request),
        )
        if changes.any:
            parts = []
            if changes.published:
                parts.append(_("gepubliceerd: {c}").format(c=", ".join(changes.published)))
            if changes.withdrawn:
                parts.append(_("ingetrokken: {c}").format(c=", ".join(changes.withdrawn)))
            if changes.noted:
                parts.append(_("toelichting gewijzigd: {c}").format(c=", ".join(changes.noted)))
            messages.success(request, _("Opgeslagen; {changes}.").format(changes="; ".join(parts)))
        else:
            messages.info(request, _("Er is niets veranderd."))
        return redirect("opendata:choose")
    return render(
        request,
        "opendata/choose.html",
        {"choices": choices, "note_length": NOTE_LENGTH, "run": selectors.publication_run()},
    )
