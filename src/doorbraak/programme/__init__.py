"""The programme plan as data: versions, programme lines, goals, indicators' metadata, targets.

Owns Programme, PlanVersion and everything hanging off a version, plus the pure plan
definition parser (`definition/`). Imports `core` (errors) and `partners` (the access checks
in its views).
"""
