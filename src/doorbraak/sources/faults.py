"""Files that cannot be read as an export at all, told apart from their first bytes (pure).

Each fault has a stable code and a Dutch message that names the problem and what to do; so do
the limits on what a workbook may ask of the reader (`limits`, checked here before it is
opened). The readers refuse such a file whole; `doorbraak pseudonymise` and the intake
(command and upload page) show the same message.
"""

from gettext import gettext as _
from pathlib import Path

from doorbraak.core.problems import Problem
from doorbraak.sources import limits

SAMPLE_BYTES = 4096

MISSING = "bestand-ontbreekt"
EMPTY = "bestand-leeg"
UTF16 = "bestand-utf16"
NOT_TEXT = "bestand-onleesbaar"
NOT_EXCEL = "bestand-geen-excel"
EXCEL_DAMAGED = "excel-beschadigd"
NO_HEADER = "kopregel-ontbreekt"
HEADER_ONLY = "geen-gegevens"
# A workbook that would make the reader do too much (`limits`): refused whole, like the above.
LIMIT_CODES = limits.CODES

# Known binary formats a steward may pick by mistake, by their first bytes.
_SIGNATURES = (
    (b"\x89PNG", _("een afbeelding (PNG)")),
    (b"\xff\xd8\xff", _("een afbeelding (JPEG)")),
    (b"GIF8", _("een afbeelding (GIF)")),
    (b"%PDF", _("een PDF-bestand")),
    (b"\xd0\xcf\x11\xe0", _("een oud Excel- of Word-bestand (.xls of .doc)")),
    (b"PK\x03\x04", _("een Excel- of zipbestand")),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def missing(path: Path) -> Problem | None:
    if path.is_file():
        return None
    return Problem(MISSING, _("Het bestand %s bestaat niet.") % path, filename=path.name)


def file_fault(path: Path, *, excel: bool) -> Problem | None:
    """Why `path` cannot be read as an export at all (`excel`: it should be a workbook), or
    None. Only the first bytes are read; a damaged workbook shows when it is opened
    (`excel_damaged`)."""
    problem = missing(path)
    if problem is not None:
        return problem
    try:
        with path.open("rb") as handle:
            sample = handle.read(SAMPLE_BYTES)
    except OSError:
        return Problem(NOT_TEXT, _("Het bestand %s kan niet geopend worden.") % path.name)
    problem = sample_fault(sample, excel=excel)
    if problem is None and excel:
        return limits.xlsx_limit_fault(path)  # unpacked size, rows, cells, cell length
    return problem


def sample_fault(sample: bytes, *, excel: bool) -> Problem | None:
    if not sample:
        return Problem(EMPTY, _("Het bestand is leeg (0 bytes). Maak de export opnieuw."))
    if looks_utf16(sample):
        return Problem(
            UTF16,
            _(
                "Het bestand is opgeslagen als UTF-16 (Unicode-tekst); sla op als UTF-8 of "
                "Windows-1252 (in Excel: 'CSV UTF-8' of 'CSV (gescheiden door "
                "lijstscheidingsteken)') en lever het opnieuw aan."
            ),
        )
    if excel:
        return _excel_fault(sample)
    kind = _binary_kind(sample)
    if kind is None:
        return None
    return Problem(
        NOT_TEXT,
        _("Het bestand is geen tekstbestand (CSV) maar %s. Lever de CSV-export aan.") % kind,
    )


def _excel_fault(sample: bytes) -> Problem | None:
    if sample.startswith(b"PK\x03\x04"):
        return None
    kind = _binary_kind(sample)
    if kind is None:
        return Problem(
            NOT_EXCEL,
            _(
                "Het bestand is geen Excel-bestand maar een tekstbestand. Lever de export "
                "aan als Excel-werkmap (.xlsx), zoals in de mapping afgesproken."
            ),
        )
    return Problem(
        NOT_EXCEL,
        _("Het bestand is geen Excel-werkmap (.xlsx) maar %s. Sla het op als .xlsx.") % kind,
    )


def excel_damaged() -> Problem:
    return Problem(
        EXCEL_DAMAGED,
        _(
            "Dit is een beschadigd Excel-bestand: het kan niet geopend worden (misschien is het "
            "niet helemaal opgeslagen of gekopieerd). Open het in Excel, sla het opnieuw op "
            "als Excel-werkmap (.xlsx) en lever het opnieuw aan."
        ),
    )


def looks_utf16(sample: bytes) -> bool:
    """A UTF-16 BOM, or text whose every other byte is zero (UTF-16 without a BOM)."""
    if sample.startswith(_UTF16_BOMS):
        return True
    even = sample[: len(sample) // 2 * 2]
    if len(even) < 4 or b"\x00" not in even:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(encoding)
        except UnicodeDecodeError:
            continue
        plain = sum(ch.isascii() and (ch.isprintable() or ch in "\r\n\t") for ch in text)
        if plain >= 0.9 * len(text):
            return True
    return False


def _binary_kind(sample: bytes) -> str | None:
    """What a binary file seems to be, or None for text."""
    for magic, kind in _SIGNATURES:
        if sample.startswith(magic):
            return kind
    if b"\x00" in sample or _control_share(sample) > 0.1:
        return _("een ander soort bestand (geen tekst)")
    return None


def _control_share(sample: bytes) -> float:
    control = sum(b < 32 and b not in (9, 10, 13, 12) for b in sample)
    return control / len(sample)
