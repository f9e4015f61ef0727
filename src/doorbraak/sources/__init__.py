"""Reading and writing partner export files (pure: no Django).

Owns the declared mapping format (`mappings.yaml`), tolerant readers for CSV and XLSX in the
partners' dialects, writers that hand files back in the same dialect, typed value parsing, and
the row map and the join that write the platform's verdicts into a partner's own file
(`rowmap`, `feedback`, `result_file`). Imports `core` (the pure error hierarchy).
"""
