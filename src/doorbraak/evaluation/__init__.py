"""Evaluation: honest effect estimates of experiments and interventions, research extracts and
the programme's decisions on them (DESIGN.md §5, ADR 0037).

Owns EvaluationDecision, ExtractRequest and ExtractDownload. Pure modules (no Django):
`estimators`, `labels`, `panels` (clean facts to panels), `extracts` (minimise, fresh
pseudonyms, rare-combination check). Reads the monitor zone only (`register`, `areas`),
through `sources`; imports `core` (errors, audit, the gate's threshold) and `partners` (roles).
Never holds or shows an identity.
"""
