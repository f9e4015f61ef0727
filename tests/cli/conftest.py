from tests.intake.conftest import export_file, mappings, partner  # noqa: F401 (fixtures)
