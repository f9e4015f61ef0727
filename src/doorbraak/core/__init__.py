"""Shared foundations: the error hierarchy and value types used by every app.

Owns the audit log (AuditEvent) and the pure disclosure rules. Imports nothing from other
doorbraak apps; every app may import it.
"""
