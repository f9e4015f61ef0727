"""Reading and writing partner export files (pure: no Django).

Owns the declared mapping format (`mappings.yaml`), tolerant readers for CSV and XLSX in the
partners' dialects, writers that hand files back in the same dialect, and typed value parsing.
Imports `core` (the pure error hierarchy).
"""
