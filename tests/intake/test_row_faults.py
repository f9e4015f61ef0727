"""Row faults `doorbraak pseudonymise` marks in `_probleem`, reported by the intake on the
partner's row with the right code, verdict and column (issue 11: every fault caught)."""

from pathlib import Path

from doorbraak.intake.models import RowResult
from doorbraak.intake.services import import_batch_run
from doorbraak.intake.validation import MESSAGES, PSEUDONYMISE_CODES
from doorbraak.partners.models import Partner
from tests.intake.test_fuzz_found import _delivered, _pseudonymised_rows


def test_a_name_without_its_comma_is_warned_on_its_row(
    partner: Partner, synth_dir: Path, tmp_path: Path
) -> None:
    rows = _pseudonymised_rows(synth_dir, tmp_path)
    problem = rows[0].index("_probleem")
    rows[2][problem] = "naam-zonder-komma:Naam"
    batch = import_batch_run(partner=partner, path=_delivered(rows, tmp_path), dry_run=True)
    result = RowResult.objects.get(batch=batch, row_number=int(rows[2][rows[0].index("_regel")]))
    assert (result.result, result.error_code, result.column) == (
        RowResult.Result.WARNED,
        "naam-zonder-komma",
        "Naam",
    )
    assert "komma" in result.message
    assert batch.rejected == 0


def test_every_code_pseudonymise_writes_has_a_dutch_hint() -> None:
    assert set(MESSAGES) >= PSEUDONYMISE_CODES
