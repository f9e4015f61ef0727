"""Encode many person records over several processes (pure: no Django).

`encode_records(key, rows)` gives the same list as `[encode_record(key, **row) for row in
rows]`, in the same order. With at least `POOL_FROM` rows it forks one worker per core (or
`processes`), each encoding a contiguous chunk with its own field caches; the parent only
joins the results. Fewer rows are encoded in this process: forking costs more than it saves.

The key reaches the workers by fork (inherited memory), never through a pipe or a file.
"""

import gc
import multiprocessing
import os
from collections.abc import Mapping, Sequence
from typing import Any

from doorbraak.core.encodings import encode_record

POOL_FROM = 20_000  # rows; below this one process is faster
CHUNK = 5_000  # rows a worker encodes per task
# set in the parent just before the fork and read by the workers: the key and the rows
# reach them as inherited memory; only (start, stop) goes through the pipe
_SHARED: dict[str, Any] = {}


def encode_records(
    key: bytes,
    rows: Sequence[Mapping[str, Any]],
    *,
    processes: int | None = None,
    **options: Any,
) -> list[dict[str, str]]:
    """Every row's `encode_record(key, **row, **options)`, in order."""
    workers = processes or os.cpu_count() or 1
    if workers < 2 or len(rows) < POOL_FROM:
        return [encode_record(key, **row, **options) for row in rows]
    _SHARED.update(key=key, rows=rows, options=options)
    chunks = [(start, min(start + CHUNK, len(rows))) for start in range(0, len(rows), CHUNK)]
    gc.freeze()  # the workers' collector leaves the inherited objects alone (no copies)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [record for done in pool.imap(_encode_chunk, chunks) for record in done]
    finally:
        gc.unfreeze()
        _SHARED.clear()


def _encode_chunk(bounds: tuple[int, int]) -> list[dict[str, str]]:
    key, rows, options = _SHARED["key"], _SHARED["rows"], _SHARED["options"]
    return [encode_record(key, **row, **options) for row in rows[bounds[0] : bounds[1]]]
