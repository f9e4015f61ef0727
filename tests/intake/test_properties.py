"""Property: whatever the rows hold, every row is accounted for (read = accepted + rejected),
and each row gets exactly one result."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorbraak.core.pseudonyms import KEY_ID_COLUMN
from doorbraak.intake.models import RowResult
from doorbraak.intake.services import import_batch_run
from tests.intake.conftest import KEY_ID

HEADER = f"bsn_pseudonym;Dossiernummer;Soort;Achterstand;Gemeld aan gemeente;{KEY_ID_COLUMN}"
cell = st.text(
    alphabet=st.characters(blacklist_characters=';"', blacklist_categories=("Cc",), codec="cp1252"),
    max_size=12,
)
row = st.tuples(
    st.sampled_from(["HA1", "HA2", "HA3", "", "HA4"]),
    st.sampled_from(["Huur", "Gas", ""]),
    st.one_of(st.just("12,50"), cell),
    st.one_of(st.just("01-02-2025"), cell),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(row, min_size=1, max_size=15))  # header-only is refused whole
def test_every_row_is_accounted_for(partner, tmp_path: Path, rows) -> None:  # type: ignore[no-untyped-def]
    lines = [HEADER, *(";".join(["p", *r, KEY_ID]) for r in rows)]
    path = tmp_path / "huurachterstanden.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    batch = import_batch_run(partner=partner, path=path, dry_run=True)
    assert batch.read == batch.accepted + batch.warned + batch.rejected
    assert RowResult.objects.filter(batch=batch).count() == batch.read
