"""Partner organisations of the alliance, the people who log in, and what each role may do.

Owns Partner, User and the role/capability matrix (`access`). Imports `core` (errors).
"""
