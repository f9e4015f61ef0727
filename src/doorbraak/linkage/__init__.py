"""Linkage: from partners' pseudonymised records to persons and households.

Owns the linkage model, link runs, the review list and reviewers' decisions. Imports `core`
(encodings, pseudonyms, audit), `partners` (access, source partner), `intake` (the source
records it links), `register` (the linked facts it writes) and `sources` (the spreadsheet
guard a partner's file may carry); the pure engines import nothing
from the project's Django apps.

Pure engines (no Django): `model` (splink's Fellegi-Sunter model over the keyed per-field
encodings partners compute, which live in `core.encodings`, shared with `pseudonymise`;
splink trains it, on a sample from `model.TRAIN_SIZE` records), `score` (blocking and scoring
of the candidate pairs with the trained model, in numpy, ADR 0025), `link` (records ->
persons, with the review list and reviewers' decisions), `households` (persons + address
pseudonyms + dates -> households), `composition` (households, memberships and residences from
the BRP registrations where a gemeente delivers them, ADR 0019) and `cli` (`doorbraak link` on
plain files, with a match threshold `--drempel` and the review band beside the pairs).

The Django side links the intake's source records (`services.linkage_run`, `doorbraak linkage
run`), keeps every run's persons, households and review list (`models`), and lets a reviewer
with the linkage capability decide the pairs the model is unsure of (`views`); decisions are
kept as facts and respected by every later run. It never holds a name or a BSN: only the
encodings and pseudonyms the intake stored, and non-identifying context (birth year, postcode
area, source partner).
"""
