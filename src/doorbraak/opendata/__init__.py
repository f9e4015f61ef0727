"""Open data: the indicators the programme chooses to publish, on a public page and as a download.

Owns the publication choices (being built: see issue #5). Imports `core`, `monitor` (gated values), `programme` and `areas`.
"""
