"""Vroegsignalering in the work zone (ADR 0029): early signals of payment arrears turned into
outreach, in the GGM's own terms (`ggm`, the pinned model version). Owns `Vroegsignaal` (the
person identified, encrypted per field), `Vroegsignaalzaak` (one household's signals bundled,
routed to the gemeente's outreach team or to the household's regisseur), `Contactpoging`, the
worklist with its priority and norm, and the GGM JSON exchange. Imports `core`, `partners`,
`pseudonymise` (the BSN check) and `casework` (its encryption, blind indexes and regisseurs).
No monitor-zone app imports it.
"""
