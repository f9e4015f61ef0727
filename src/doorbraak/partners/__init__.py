"""Partner organisations of the alliance, the people who log in, and what each role may do.

Owns Partner, User and the role/capability matrix (`access`), and adding a partner
(`doorbraak partners add`, `/partners/nieuw`). Imports `core` (errors, audit log).
"""
