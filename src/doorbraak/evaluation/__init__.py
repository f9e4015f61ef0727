"""Evaluation: honest effect estimates of experiments and interventions, research extracts and
the programme's decisions on them (DESIGN.md §5, ADR 0037).

Owns EvaluationDecision (with DecisionPartner, what E5 counts), ExtractRequest and
ExtractDownload. Pure modules (no Django): `estimators` (imputation DiD, regression
adjustment), `matching`, `synthetic_control` (ADR 0043), `labels`, `panels` (clean facts to
panels), `extracts` (minimise, fresh pseudonyms, rare-combination check), `run`, `study` (the
simulation study on `synth.evaluation_study`). Reads the monitor zone only, through
`sources`; never holds or shows an identity. Imports `core`, `partners`, `register`, `synth`
and `monitor` (only its per-run cache: an estimate is kept until the monitor's inputs change).
"""
