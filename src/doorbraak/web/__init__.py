"""The site shell: layout (a menu button on a narrow screen; every page reflows to 320 px; the
menu kept per role, language and URL configuration, `context`, ADR 0040),
login, each role's start page, the public programme page, error pages; the template filters
`number_nl` (a figure by the one rounding rule of `core.numbers`, the Dutch way) and
`area_name` (an area by its name, never its CBS code).

Owns no tables. Imports `core` (errors; the demo's pseudonym key), `evaluation` (the demo's
decision on an evaluation, so E5 has a value), `synth` (the demo's synthetic region),
`partners` (access; the demo's partners and users), `areas`, `programme` (the plan on the
public page), `register` (caseload and timeline), `intake` (the demo's
mappings), `learning` (the demo's learning network), `linkage`, `monitor` (the generational
ratio on the public page), `opendata` (the demo's published indicators and the public page's
ambition figures), `pipeline` (the demo goes the whole way through its jobs) and `surveys` (the
demo's synthetic survey rounds).
"""
