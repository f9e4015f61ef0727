"""The steward's own file back, in its own dialect, with `resultaat` and `opmerking` added."""

from doorbraak.intake.delivery import result_file_build
from doorbraak.intake.models import ImportBatch, RowResult
from doorbraak.intake.services import content_unpack

EXTRA_COLUMNS = ("resultaat", "opmerking")


def result_file_write(batch: ImportBatch) -> bytes:
    spec = batch.mapping.spec if batch.mapping else {}
    results = {
        number: (result, message)
        for number, result, message in RowResult.objects.filter(batch=batch).values_list(
            "row_number", "result", "message"
        )
    }
    return result_file_build(
        content=content_unpack(batch), spec=spec, results=results, extra_headers=EXTRA_COLUMNS
    )


def result_file_name(batch: ImportBatch) -> str:
    stem, dot, suffix = batch.file_name.rpartition(".")
    return f"{stem}-resultaat.{suffix}" if dot else f"{batch.file_name}-resultaat"
