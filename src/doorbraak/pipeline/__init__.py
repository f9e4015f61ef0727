"""Pipeline: what follows an accepted delivery, as jobs on a queue in the database.

Owns the pipeline's jobs (`PipelineJob`: linkage run → register update → monitor run, each step
in one transaction; status, Dutch failure reason, retry), the queue's worker (`doorbraak
pipeline worker`), the page `/pijplijn` for the programme team, the demo's delivery of
partners' exports (`deliver`), and, for tests and benchmarks only, the whole path held
against a synthetic region's truth with one tolerance table (`truth`, issue 13).

Imports `core`, `partners`, `intake`, `linkage`, `register`, `monitor`, `pseudonymise` and
`sources` (the demo's deliveries), and `areas` (the synthetic region's CBS figures, in truth.py).

The intake knows nothing of it: `settings.INTAKE_ACCEPTED` names `services.delivery_accepted`,
which the upload page and `doorbraak import` call after a delivery is accepted. ADR 0008 says
why the queue is django-tasks' database backend and what a killed worker leaves behind.
"""
