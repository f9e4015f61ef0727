"""A small per-process cache of answers built from one monitor run's values (value pages,
DHIS2 and ADX exports), keyed by that run.

A run's values never change once stored (ADR 0007: one transaction stores a run and all its
values), so a document for (run, kind, filters, page) stays correct for as long as that run
is the one asked for; a newer run has another key. Bounded in bytes, least recently
used out first; each gunicorn worker has its own.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

MAX_BYTES = 64 * 2**20
Document = tuple[bytes, dict[str, str]]  # body and the headers that go with it


class DocumentCache:
    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._documents: OrderedDict[Hashable, Document] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], Document]) -> Document:
        with self._lock:
            found = self._documents.get(key)
            if found is not None:
                self._documents.move_to_end(key)
                return found
        document = build()  # outside the lock: two threads may build the same document once
        with self._lock:
            if key not in self._documents and len(document[0]) <= self.max_bytes:
                self._documents[key] = document
                self._size += len(document[0])
                while self._size > self.max_bytes:
                    _key, (old, _headers) = self._documents.popitem(last=False)
                    self._size -= len(old)
        return document

    def clear(self) -> None:
        with self._lock:
            self._documents.clear()
            self._size = 0


documents = DocumentCache()
