"""Length-prefixed pickles over a pipe, the worker's only conversation with its parent.

The parent reads with a timeout (:class:`Reader`), so a worker that stops answering is
noticed; the worker reads blocking. Both sides are our own code, so pickle is safe here:
nothing from a template is ever unpickled by the parent except plain results.
"""

from __future__ import annotations

import os
import pickle
import select
import time
from typing import IO, Any

_HEADER = 8


def send(stream: IO[bytes], message: Any) -> None:
    """Write one message."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(_HEADER, "little") + data)
    stream.flush()


def encode(message: Any) -> bytes:
    """One message as bytes (to measure it before sending)."""
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def send_bytes(stream: IO[bytes], data: bytes) -> None:
    """Write one message already encoded."""
    stream.write(len(data).to_bytes(_HEADER, "little") + data)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """Read one message (blocking); EOFError when the other side is gone."""
    header = stream.read(_HEADER)
    if len(header) < _HEADER:
        raise EOFError
    size = int.from_bytes(header, "little")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


class Reader:
    """Reads messages from a file descriptor with a timeout."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()

    def _take(self) -> tuple[bool, Any]:
        if len(self.buffer) < _HEADER:
            return False, None
        size = int.from_bytes(self.buffer[:_HEADER], "little")
        if len(self.buffer) < _HEADER + size:
            return False, None
        data = bytes(self.buffer[_HEADER:_HEADER + size])
        del self.buffer[:_HEADER + size]
        return True, pickle.loads(data)

    def poll(self, timeout: float) -> tuple[bool, Any]:
        """(True, message) if one arrives within ``timeout`` seconds, else (False, None);
        EOFError when the writer is gone."""
        end = time.monotonic() + timeout
        while True:
            ready, message = self._take()
            if ready:
                return True, message
            left = end - time.monotonic()
            if left <= 0:
                return False, None
            readable, _, _ = select.select([self.fd], [], [], left)
            if not readable:
                return False, None
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                raise EOFError
            self.buffer += chunk
