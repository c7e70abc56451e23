"""Compiled Jinja templates shared by every environment of the process.

The studio makes a new environment for each preview render (the editors' unsaved text is
its overlay), so without a shared cache the layout, the partials and the template are
parsed and compiled again on every keystroke. Jinja's bytecode cache keys each file by its
name and checks the source's checksum, so an edited file compiles anew and the others are
reused. Memory only, bounded, thread-safe (the preview renders in worker threads).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from jinja2.bccache import Bucket, BytecodeCache

MAX_ENTRIES = 512


class MemoryBytecodeCache(BytecodeCache):
    """An LRU of compiled templates (marshalled code) by Jinja's bucket key."""

    def __init__(self, limit: int = MAX_ENTRIES) -> None:
        self._limit = limit
        self._store: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def load_bytecode(self, bucket: Bucket) -> None:
        with self._lock:
            data = self._store.get(bucket.key)
            if data is not None:
                self._store.move_to_end(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # ignored if the source's checksum changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        with self._lock:
            self._store[bucket.key] = data
            self._store.move_to_end(bucket.key)
            while len(self._store) > self._limit:
                self._store.popitem(last=False)


SHARED = MemoryBytecodeCache()
