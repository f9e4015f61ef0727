"""The work zone: identified casework (DESIGN.md §3, ADR 0024).

Owns the household as a case with its members' names, birth dates, BSNs, addresses and contact
details (encrypted per field, never logged), the legal ground and consent to share, the one
regisseur and the participants per household, handovers and break-the-glass access, and the
household's own page under /huishouden/ for its linked login (ADR 0027). Imports
`core`, `pseudonymise` and `partners`. No monitor-zone app imports it.
"""
