"""Intake: declared mappings per partner source, deliveries as atomic batches with a result per
row, the steward's file handed back, and facts written to the register with provenance.

Owns ImportBatch and its row results. Imports `core` (errors, audit, bulk insert), `sources`
(the pure readers and writers of partner files, adapted in intake.delivery), `partners`
(sources of a delivery, access) and `register` (the fact batch a delivery writes).
"""
