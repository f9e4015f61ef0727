"""The steward's own file back, in its own dialect, with `resultaat` and `opmerking` added."""

from doorbraak.intake.models import ImportBatch, RowResult
from doorbraak.intake.reading import table_read, table_write


def result_file_write(batch: ImportBatch) -> bytes:
    spec = batch.mapping.spec if batch.mapping else {}
    table = table_read(content=bytes(batch.content), spec=spec)
    extra = {
        row.row_number: [row.result, row.message]
        for row in RowResult.objects.filter(batch=batch).only("row_number", "result", "message")
    }
    return table_write(table=table, spec=spec, extra=extra)


def result_file_name(batch: ImportBatch) -> str:
    stem, dot, suffix = batch.file_name.rpartition(".")
    return f"{stem}-resultaat.{suffix}" if dot else f"{batch.file_name}-resultaat"
