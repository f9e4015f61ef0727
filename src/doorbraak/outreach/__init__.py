"""Vroegsignalering in the work zone (ADR 0029): early signals of payment arrears turned into
outreach, in the GGM's own terms (`ggm`, the pinned model version). Owns `Vroegsignaal` (the
person identified, encrypted per field), `Vroegsignaalzaak` (one household's signals bundled,
routed to the gemeente's outreach team or to the household's regisseur), `Contactpoging`,
`Toeleiding` (a reached household led on with its consent, then opened in casework from the
signals through casework's own `household_register`), the worklist with its priority and norm,
the GGM JSON exchange and the workflow's delivery to the register. Imports `core`, `partners`,
`areas` (the gemeente's name), `pseudonymise` (the BSN check) and `casework` (its
encryption, blind indexes, regisseurs and registration). No monitor-zone app imports it.
"""
