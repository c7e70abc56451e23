"""Saving a file atomically: the old file stays whole until the new one is complete.

The text goes to a temporary file in the same folder, is flushed and fsynced, and then
replaces the old file with ``os.replace`` (atomic on POSIX and Windows). If anything
fails, the temporary file is removed and :class:`SaveError` says why; the file on disk
is exactly what it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from ..errors import MissiveError


class SaveError(MissiveError):
    """A file could not be saved; the previous version on disk is intact."""


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, keeping the old file's permissions."""
    path = Path(path)
    folder = path.parent
    data = text.encode(encoding)
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fd = -1  # the file object owns it now
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
        tmp = ""
        _fsync_folder(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(f"could not save: {reason}; the file on disk is unchanged",
                        path=path, hint=_hint_for(exc)) from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _hint_for(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only for you; save elsewhere or change its permissions"
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space and save again"
    return "your text is still in the editor; fix the problem and save again"


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders can't be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
