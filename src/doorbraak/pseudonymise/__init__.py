"""Pseudonymisation at the partner (pure: no Django, no database).

Owns BSN validation, the keyed replacement of identifying columns, the `doorbraak
pseudonymise` command and `doorbraak terugmelding` (the platform's verdicts in the partner's
own export). Imports `core` (pseudonyms, per-field encodings, errors) and `sources` (partner
files); never linkage.
"""
