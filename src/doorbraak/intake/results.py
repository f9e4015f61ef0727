"""What a steward gets back from a delivery: the verdict per row in words, and the files that
carry it (see docs/adr/0011-own-file-back.md).

- The result file (web download, `doorbraak import --resultaat`): the delivered file as it came,
  with per row its number in the partner's own export (`_regel`), `resultaat` (geaccepteerd,
  geaccepteerd met waarschuwing, afgewezen) and `opmerking` (code, column and Dutch hint).
- The partner's own export with `resultaat` and `opmerking` added, where the export is at hand
  (`doorbraak import --export`; at the partner `doorbraak terugmelding` does the same from the
  result file): the platform itself never holds the export's identifying columns.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from doorbraak.intake.delivery import result_file_build, source_mapping
from doorbraak.intake.models import ImportBatch, RowResult
from doorbraak.intake.services import content_unpack
from doorbraak.sources.feedback import RESULT_COLUMNS, file_annotate
from doorbraak.sources.rowmap import export_check, layout_of, row_map_path, row_map_read

Result = RowResult.Result
Verdict = tuple[str, str]
# a row stored unchanged or updated is accepted: the file says so, and the remark says how
STORED_AS = {
    Result.ACCEPTED: Result.ACCEPTED,
    Result.UNCHANGED: Result.ACCEPTED,
    Result.UPDATED: Result.ACCEPTED,
    Result.WARNED: Result.WARNED,
    Result.REJECTED: Result.REJECTED,
}


def verdict_words(result: str) -> str:
    """geaccepteerd, geaccepteerd met waarschuwing or afgewezen."""
    return str(Result(STORED_AS.get(Result(result), Result.REJECTED)).label)


def remark(*, result: str, code: str, column: str, message: str) -> str:
    """The `opmerking` of a row: its code, the column (unless the hint names it) and the Dutch
    hint; for an accepted row, whether it was new, updated or already there."""
    if result == Result.UPDATED:
        return _("bijgewerkt: vervangt de eerder aangeleverde versie van dit record")
    if result == Result.UNCHANGED:
        return _("ongewijzigd: dit record was al eerder zo aangeleverd")
    if not code:
        return message
    where = _(", kolom '%s'") % column if column and f"'{column}'" not in message else ""
    return f"{code}{where}: {message}"


def batch_verdicts(batch: ImportBatch) -> dict[int, Verdict]:
    """Per row number in the partner's own export: `resultaat` and `opmerking`."""
    rows = RowResult.objects.filter(batch=batch).values_list(
        "row_number", "result", "error_code", "column", "message"
    )
    return {
        number: (
            verdict_words(result),
            remark(result=result, code=code, column=column, message=message),
        )
        for number, result, code, column, message in rows.iterator(chunk_size=10_000)
    }


def result_file_write(batch: ImportBatch) -> bytes:
    spec = batch.mapping.spec if batch.mapping else {}
    return result_file_build(
        content=content_unpack(batch), spec=spec, verdicts=batch_verdicts(batch)
    )


def result_file_name(batch: ImportBatch) -> str:
    stem, dot, suffix = batch.file_name.rpartition(".")
    return f"{stem}-resultaat.{suffix}" if dot else f"{batch.file_name}-resultaat"


def own_file_write(batch: ImportBatch, *, export: Path, delivered: Path, target: Path) -> list[str]:
    """The partner's own `export` with `resultaat` and `opmerking` added, written to `target`;
    returns the names the two columns got. The row map `doorbraak pseudonymise` kept beside
    the `delivered` file gives the export's layout and proves it unchanged; a delivered file
    without one is the export itself, or made without `pseudonymise`: its layout is read."""
    map_path = row_map_path(delivered)
    if map_path.is_file():
        row_map = row_map_read(map_path)
        export_check(row_map, export)
        layout = row_map.layout
    else:
        spec = batch.mapping.spec if batch.mapping else {}
        layout = layout_of(export, *source_mapping(spec))
    done = file_annotate(export, target, layout, names=RESULT_COLUMNS, cells=batch_verdicts(batch))
    return done.names
