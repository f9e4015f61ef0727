"""Pseudonymisation at the partner (pure: no Django, no database).

Owns BSN validation, the keyed replacement of identifying columns and the `doorbraak
pseudonymise` command. Imports `core` (pseudonyms, per-field encodings, errors) and
`sources` (partner files); never linkage.
"""
