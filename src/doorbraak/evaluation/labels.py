"""Design-strength labels (pure): the Maryland Scientific Methods Scale level and the wording of
the Erkenningscommissie Interventies.

A comparison-area design is at best Maryland level 3 (difference in differences, or a
synthetic control, with comparison areas and pre-period evidence; matching and regression
adjustment on persons are level 2), and in the recognition language at most "eerste
aanwijzingen voor effectiviteit": never "goede" or "sterke" aanwijzingen, which ask for
(quasi-)experimental replication, and never "erkend", which is the commission's to give.
"""

from __future__ import annotations

NO_EFFECT = "Geen aanwijzing voor een effect: het interval bevat nul"
FIRST_SIGNS = "Eerste aanwijzingen voor effectiviteit (indicatie, niet erkend)"
WEAK = "Onvoldoende bewijs: alleen een vergelijking met correctie (Maryland 2)"

LEVELS = {
    1: "Maryland 1: vergelijking zonder controlegroep of zonder voormeting",
    2: "Maryland 2: vergelijking met correctie voor kenmerken",
    3: "Maryland 3: vergelijkingsgebieden met voor- en nameting (verschil in verschillen of "
    "synthetische controle)",
}


def design_label(method: str, *, significant: bool, pre_trend_ok: bool) -> tuple[int, str]:
    """(Maryland level, Erkenningscommissie wording) for an estimate of `method`."""
    level = (3 if pre_trend_ok else 2) if method in ("did", "synth") else 2
    if not significant:
        return level, NO_EFFECT
    return level, FIRST_SIGNS if level >= 3 else WEAK


def level_text(level: int) -> str:
    return LEVELS.get(level, LEVELS[1])
