"""Intake: declared mappings per partner source, deliveries as atomic batches with a result per
row, the steward's file handed back, and facts written to the register with provenance;
deliveries at a glance (`/aanleveringen/overzicht`, and a steward's own datasets on her
organisation's page through the `{% load intake %}` template tag, which is no import).

Owns ImportBatch and its row results. Imports `core` (errors, audit, bulk insert), `sources`
(the pure readers and writers of partner files, adapted in intake.delivery), `partners`
(sources of a delivery, access) and `register` (the fact batch a delivery writes).
"""
