"""The programme plan as data: versions, programme lines, goals, indicators' metadata, targets.

Owns Programme, PlanVersion and everything hanging off a version, plus the pure plan
definition parser (`definition/`). Imports `core` and, for users on audit fields, `partners`.
"""
