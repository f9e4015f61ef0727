"""The read-only API (/api/v1): the monitor's gated aggregates for other tools and DHIS2.

Owns only its tokens: it reads what the monitor materialised through the monitor's one gate for
stored values (`monitor.gated.values_shown`: cells that passed the disclosure gate, suppressed
cells without numbers), the plan's indicator metadata and the area names, and never the
register's persons, households or facts. It owns the API's shape (NL API Design Rules: plural
kebab-case paths without trailing slashes, JSON with HAL links, `API-Version` on every
response, errors as Dutch `application/problem+json`), the DHIS2 dataValueSet and ADX exports
(`api.dhis2`), the OpenAPI document (`/api/v1/openapi.json`) and its tokens for tools: hashed,
scoped to a role, expiring (`ApiToken`, `api.tokens`, `doorbraak api token`; ADR 0014). See
docs/api.md.

Imports `core` (errors, periods, audit), `monitor` (runs, its gate for stored values,
computation rules, levels), `programme` (indicator names, goals, targets), `areas` (area codes
and names) and `partners` (the access matrix: only roles with VIEW_PROGRAMME may read).
"""
