"""BSN normalisation and the elfproef."""

import re
from dataclasses import dataclass

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


@dataclass(frozen=True)
class BsnResult:
    status: str  # "geldig", "hersteld", "ontbreekt", "ongeldig"
    bsn: str | None = None


def elfproef(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11 == 0


def bsn_normalise(raw: str) -> BsnResult:
    """Return the normalised 9-digit BSN with its status, or why there is none."""
    text = re.sub(r"[.,]0+$", "", (raw or "").strip())  # a spreadsheet's 123456782.0
    text = re.sub(r"[\s.\-]", "", text)
    if not text:
        return BsnResult("ontbreekt")
    if not text.isdigit():
        return BsnResult("ongeldig")
    if len(text) == 9 and elfproef(text):
        return BsnResult("geldig", text)
    if len(text) == 8 and elfproef("0" + text):
        return BsnResult("hersteld", "0" + text)
    return BsnResult("ongeldig")
