"""Shared foundations: the error hierarchy and value types used by every app.

Owns the audit log (AuditEvent) and the pure disclosure rules. Imports nothing from the
project; every package may import it.

Pure modules (no Django), also used by the partner-side tools: `errors` (the one user-error
hierarchy), `problems` (the one problem record), `definitions` (the YAML definition toolkit
of plan, indicator rules and mappings), `area_levels` (the one area-level type),
`pseudonyms` and `encodings` (keyed pseudonyms and per-field encodings, computed by
`pseudonymise` and compared by `linkage`), `periods`, `disclosure_gate`. With Django: `bulk`
(the one prepared bulk INSERT), `audit` and `models.AuditAction` (every audited action),
`page_shell` (a whole page kept per key and filled in per request, ADR 0040).
"""
