"""The household's plan as a PDF (WeasyPrint), in Dutch, from the same data as its own page.

The HTML is a template of its own (`casework/own/plan_pdf.html`) with its styles inline, set in
DejaVu Sans (`tasks.py` installs fonts-dejavu-core; it has every Dutch letter). WeasyPrint may
fetch nothing: no URL scheme is allowed, so a text in the plan can never make the server fetch
a file or an address.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from doorbraak.casework.own_selectors import OwnPage


def plan_pdf(page: OwnPage) -> bytes:
    """The plan, the contact person and who does what, as PDF bytes."""
    html = render_to_string(
        "casework/own/plan_pdf.html", {"page": page, "made_at": timezone.localtime()}
    )
    fetcher = URLFetcher(allowed_protocols=(), allow_redirects=False)
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    assert pdf is not None  # noqa: S101 - write_pdf without a target always returns the bytes
    return bytes(pdf)
