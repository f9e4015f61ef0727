"""Shared foundations: the error hierarchy and value types used by every app.

Owns the audit log (AuditEvent) and the pure disclosure rules. Imports nothing from the
project; every package may import it.

Pure modules (no Django), also used by the partner-side tools: `pseudonyms` and `encodings`
(keyed pseudonyms and per-field encodings, computed by `pseudonymise` and compared by
`linkage`), `periods`, `disclosure_gate`. `bulk` is the one prepared bulk INSERT.
"""
