"""The read-only API (/api/v1): the monitor's gated aggregates for other tools.

Owns no tables (being built: see issue #5). Imports `core`, `monitor` (selectors over materialised values),
`programme` (indicator names), `areas` (area names) and `partners` (access checks).
"""
