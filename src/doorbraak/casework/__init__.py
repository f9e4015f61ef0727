"""The work zone: identified casework (DESIGN.md §3, ADR 0024).

Owns the household as a case with its members' names, birth dates, BSNs, addresses and contact
details (encrypted per field, never logged), the legal ground and consent to share, the one
regisseur and the participants per household, handovers and break-the-glass access; the
household's own plan in versions (goals per capital in their words, actions, agreement), contact
moments, five-capital readings and the professional's start page (ADR 0026); the household's
own page under /huishouden/ for its linked login (ADR 0027); the delivery of its regie, contact
moments and plans as a partner's pseudonymised files (`delivery`, ADR 0028), the demo's caseload
(`demo`) and the re-encryption after a key rotation (`rekey`). Imports `core`, `pseudonymise`,
`partners`, `programme` (the capitals) and `register` (the instruments' scales, configuration
only). No monitor-zone app imports it.
"""
