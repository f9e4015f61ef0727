"""Shared foundations: the error hierarchy and value types used by every app.

Owns no tables. Imports nothing from other doorbraak apps; every app may import it.
"""
