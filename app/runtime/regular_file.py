"""Reading a file only when it is a regular file of bounded size.

A named pipe (FIFO) blocks a reader for good, a device such as ``/dev/zero`` never ends,
and a huge file exhausts memory. So the file's type and size are checked before it is
opened, it is opened without blocking, checked again on the open descriptor (the path
may have been swapped in between), and read no further than the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISSOCK, "a socket"))
_CHUNK = 64 * 1024


class UnsafeFile(Exception):
    """The file is not a regular file, or is larger than allowed; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def kind_of(mode: int) -> str:
    """"a named pipe (FIFO)", "a device" … for a file mode that is not a regular file."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _check(st: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeFile(f"{kind_of(st.st_mode)}, not a regular file")
    if st.st_size > limit:
        raise UnsafeFile(f"larger than the limit of {limit:,} bytes ({st.st_size:,} bytes)")


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of ``path`` (links followed); UnsafeFile when it is not a regular file or
    holds more than ``limit`` bytes, OSError when it can't be read."""
    _check(os.stat(path), limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        _check(os.fstat(fd), limit)
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise UnsafeFile(f"larger than the limit of {limit:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
