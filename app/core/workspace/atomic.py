"""Saving a file atomically: the old file stays whole until the new one is complete.

The text goes to a temporary file in the same folder, is flushed and fsynced, and then
replaces the old file with ``os.replace`` (atomic on POSIX and Windows). If anything
fails, the temporary file is removed and :class:`SaveError` says why; the file on disk
is exactly what it was.

A save killed midway must not leave a file behind in the project: on Linux the text is
written to an unnamed file (``O_TMPFILE``) that gets a name only for the instant before
the rename. Elsewhere, and for that instant, the temporary name holds the writer's
process id (``.email.mjml.<pid>-<random>.tmp``), so :func:`clean_stale_temp_files`
(run when the studio opens a project) removes the leftovers of processes that are gone,
and :func:`is_temp_file` lets the review hash and the checks ignore them.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from pathlib import Path

from ...kernel.errors import MissiveError


class SaveError(MissiveError):
    """A file could not be saved; the previous version on disk is intact."""


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, keeping the old file's permissions."""
    path = Path(path)
    folder = path.parent
    data = text.encode(encoding)
    tmp = ""
    try:
        mode: int | None = None
        with contextlib.suppress(FileNotFoundError):
            mode = stat.S_IMODE(path.stat().st_mode)
        tmp = _write_unnamed(folder, path.name, data, mode) or _write_named(folder, path.name,
                                                                           data, mode)
        os.replace(tmp, path)
        tmp = ""
        _fsync_folder(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(f"could not save: {reason}; the file on disk is unchanged",
                        path=path, hint=_hint_for(exc)) from None
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _write_all(fd: int, data: bytes, mode: int | None) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fsync(fd)
    if mode is not None and hasattr(os, "fchmod"):
        os.fchmod(fd, mode)


def _write_unnamed(folder: Path, name: str, data: bytes, mode: int | None) -> str:
    """Linux: write an unnamed file (``O_TMPFILE``) and name it only now; "" when the
    system or the file system can't (the caller then writes a named one)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return ""
    try:
        fd = os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:
        return ""
    try:
        _write_all(fd, data, mode)
        tmp = str(folder / temp_name(name))
        return tmp if _give_name(fd, tmp) else ""
    finally:
        os.close(fd)


def _give_name(fd: int, tmp: str) -> bool:
    """Link the unnamed file ``fd`` at ``tmp``: through /proc, else with
    ``linkat(AT_EMPTY_PATH)`` (allowed where /proc links are not, e.g. some sandboxes)."""
    try:
        os.link(f"/proc/self/fd/{fd}", tmp, follow_symlinks=True)
        return True
    except OSError:
        pass
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        at_fdcwd, at_empty_path = -100, 0x1000
        return libc.linkat(fd, b"", at_fdcwd, os.fsencode(tmp), at_empty_path) == 0
    except (OSError, AttributeError):
        return False


def _write_named(folder: Path, name: str, data: bytes, mode: int | None) -> str:
    tmp = str(folder / temp_name(name))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        _write_all(fd, data, mode)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    if mode is not None and not hasattr(os, "fchmod"):
        os.chmod(tmp, mode)
    return tmp


_TEMP = re.compile(r"^\..+\.(?:(\d+)-[0-9a-f]{8}|[A-Za-z0-9_]{8})\.tmp$")
# Other writers' temporary files (review snapshots, export zips, proof PDFs): no process
# id in their names, so they count as left over after a minute.
_OTHER_TEMP = re.compile(r"^\.(?:(?:snapshot-|missive-export-)[A-Za-z0-9_]{8}|.+\.pdf\.tmp)$")
STALE_AFTER_S = 3600.0


def temp_name(name: str) -> str:
    """A temporary file name for saving ``name``: hidden, with this process's id."""
    return f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"


def is_temp_file(name: str) -> bool:
    """Whether a file name is one of our saves' temporary files (this version's or an
    earlier one's ``.<name>.<8 characters>.tmp``)."""
    return bool(_TEMP.match(name))


def _writer_gone(match: re.Match[str], path: Path) -> bool:
    try:
        age = time.time() - path.lstat().st_mtime
    except OSError:
        return False
    if age > STALE_AFTER_S:
        return True
    pid = match.group(1) if match.re is _TEMP else None
    if pid is None:  # an earlier version's name: no process id to ask
        return age > 60
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def clean_stale_temp_files(root: str | Path) -> list[Path]:
    """Remove the temporary files that interrupted saves left in the project (their
    process is gone); returns what was removed."""
    removed: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in (".git", "node_modules")]
        for name in files:
            match = _TEMP.match(name) or _OTHER_TEMP.match(name)
            path = Path(folder) / name
            if match and _writer_gone(match, path):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


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
