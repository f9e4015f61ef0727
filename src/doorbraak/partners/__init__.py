"""Partner organisations of the alliance, the people who log in, and what each role may do.

Owns Partner, User and the role/capability matrix (`access`); connecting a partner (`doorbraak
partners add`, `/partners/nieuw`), its data steward's account with a one-time link to choose a
password (`partners steward`), and the shared key's generations by key id (`keys`, `partners
key`, ADR 0010). Imports `core` (errors, audit log).
"""
