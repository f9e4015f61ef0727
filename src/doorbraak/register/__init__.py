"""The register (monitor zone): pseudonymous persons and households and their append-only
facts (memberships, addresses, signals, plans, contact-person assignments, enrolments,
capital assessments, outcomes), each with its provenance.

Owns FactBatch and every fact table. Never holds a name or a BSN. Imports `core`, `areas`
(buurt of an address) and `partners` (source of a fact, access checks).
"""
