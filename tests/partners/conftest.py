"""Partner fixtures: the intake's mappings and pseudonymised export, for the key id tests."""

from tests.intake.conftest import export_file, mappings  # noqa: F401 (fixtures used here)
