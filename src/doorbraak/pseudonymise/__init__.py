"""Pseudonymisation at the partner (pure: no Django, no database).

Owns BSN validation, the keyed replacement of identifying columns and the `doorbraak
pseudonymise` command. Imports `doorbraak.core.pseudonyms`, `doorbraak.sources` and
`doorbraak.linkage.encoding`.
"""
