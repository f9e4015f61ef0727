"""The site shell: layout, login, each role's start page, the public programme page, error pages.

Owns no tables. Imports `partners` (access), `programme`, `areas`, `register` and `intake`.
"""
