"""The eiland van reflectie: the yearly reflection report, reproducible from frozen figures.

Owns `ReflectionSnapshot` (a year frozen: the gated figures it reports, copied, with the
monitor run, plan version, deliveries and their hashes, the software version and the lock
file's hash; never changed, a correction is a new version), the section registry that other
apps plug their frozen sections into (`sections`), `Interpretation` (partners', the programme
team's and residents' readings of the figures) and `Decision` (what the reflection decided,
turned into the next plan version), the report itself (HTML, PDF through WeasyPrint, CSV
annex; an internal and a public version) and `doorbraak report` (ADR 0038).

Imports `core` (errors, audit, numbers), `partners` (access), `areas` (area names),
`programme` (the plan, its targets and their trajectory; its services make the next plan
version), `register` (the fact batches' reference dates), `intake` (the deliveries), `monitor`
(the gated figures and the computation rules), `opendata` (which figures are published),
`surveys`, `learning` and `evaluation` (the report sections they supply, listed among the
providers; a decision to stop an experiment goes through learning's services).
"""
