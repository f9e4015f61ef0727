"""Intake: declared mappings per partner source, deliveries as atomic batches with a result per
row, the steward's file handed back, and facts written to the register with provenance.

Owns ImportBatch and its row results. Imports `core`, `partners`, `areas` and `register`, and
reads and writes files with the pure `doorbraak.sources` (adapter: `intake.delivery`).
"""
