"""The recovery area: unsaved editor buffers kept on disk until they are saved.

Each running studio window owns its own area per project (:class:`RecoveryArea`): a JSON
file of its modified buffers, written every few seconds, and a lock file holding its
process id and host, locked (``flock``) for as long as the window lives. The operating
system drops the lock when the process dies, even by ``kill -9``.

At start, :meth:`RecoveryStore.orphans` offers only the areas whose owner is gone (their
lock can be taken), and takes their locks while it offers them, so two windows on one
project never offer each other's live text, nor both the same leftovers. An offered area
stays on disk until the writer restores it (its text moves into the new window's own
area first) or discards it; ignoring the offer keeps it for the next start.

Areas live in ``<folder>/<hash of the project path>/<instance>.json``; the single
``<folder>/<hash>.json`` of earlier versions is offered like an area whose owner is gone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_write_text

if sys.platform == "win32":  # pragma: no cover - process id and host are checked instead
    fcntl = None
else:
    import fcntl


def _key(project_root: str | Path) -> str:
    return hashlib.sha256(str(Path(project_root).resolve()).encode()).hexdigest()[:16]


def _read_files(path: Path) -> tuple[dict[str, str], float]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, 0.0
    files = record.get("files") if isinstance(record, dict) else None
    if not isinstance(files, dict):
        return {}, 0.0
    saved = record.get("saved_at", 0.0)
    return ({str(k): v for k, v in files.items() if isinstance(v, str)},
            float(saved) if isinstance(saved, int | float) else 0.0)


def _lock(path: Path) -> int:
    """An open descriptor holding ``path``'s exclusive lock; -1 if another holds it."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return -1
    if fcntl is None:
        if _owner_alive_by_pid(path):
            os.close(fd)
            return -1
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return -1
    return fd


def _unlock(fd: int) -> None:
    if fd < 0:
        return
    with contextlib.suppress(OSError):
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
    with contextlib.suppress(OSError):
        os.close(fd)


def _owner_alive_by_pid(lock_path: Path) -> bool:
    """Without flock: the owner is alive if it is on this host and its process runs."""
    try:
        owner = json.loads(lock_path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return False
    if not isinstance(owner, dict) or not owner.get("pid"):
        return False
    if owner.get("host") != socket.gethostname():
        return True  # another machine's studio: never take its text
    try:
        os.kill(int(owner["pid"]), 0)
    except ProcessLookupError:
        return False
    except (OSError, ValueError):
        return True
    return True


class RecoveryArea:
    """One running window's own area for one project, locked while it lives."""

    def __init__(self, directory: Path) -> None:
        self.instance = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}"
        self.path = directory / f"{self.instance}.json"
        self.lock_path = directory / f"{self.instance}.lock"
        self._fd = -1

    def _ensure_lock(self) -> None:
        if self._fd >= 0:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = _lock(self.lock_path)
        if self._fd >= 0:
            owner = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                "started_at": time.time()})
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
                os.write(self._fd, owner.encode())

    def save(self, buffers: dict[str, str]) -> None:
        """Keep ``buffers`` ({project-relative path: text}); an empty dict clears."""
        if not buffers:
            self.clear()
            return
        self._ensure_lock()
        record = {"saved_at": time.time(), "files": dict(sorted(buffers.items()))}
        atomic_write_text(self.path, json.dumps(record, ensure_ascii=False))

    def load(self) -> dict[str, str]:
        """The buffers this area holds."""
        return _read_files(self.path)[0]

    def clear(self) -> None:
        """Forget the buffers (they were saved, or deliberately discarded)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def release(self) -> None:
        """Give up the area (the window closes): the lock goes, the buffers stay if any
        were left (the caller clears them first on a normal close)."""
        if self._fd >= 0 and not self.path.exists():
            with contextlib.suppress(OSError):
                self.lock_path.unlink()
        _unlock(self._fd)
        self._fd = -1


@dataclass
class Orphan:
    """An area whose window is gone: its buffers, held (locked) while offered."""

    path: Path
    lock_path: Path | None
    files: dict[str, str]
    saved_at: float
    _fd: int = field(default=-1, repr=False)

    def release(self) -> None:
        """Stop holding it (it is offered again at the next start)."""
        _unlock(self._fd)
        self._fd = -1

    def forget(self) -> None:
        """Delete it (restored into a live area, or discarded)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        if self.lock_path is not None:
            with contextlib.suppress(FileNotFoundError):
                self.lock_path.unlink()
        self.release()


class RecoveryStore:
    """The recovery areas of every project, in ``folder`` (created when first needed)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self._own: dict[str, RecoveryArea] = {}

    def area(self, project_root: str | Path) -> RecoveryArea:
        """A new area for one window on this project (locked when it first saves)."""
        return RecoveryArea(self.folder / _key(project_root))

    def orphans(self, project_root: str | Path) -> list[Orphan]:
        """The areas of this project whose window is gone, oldest first, each held (locked)
        by the caller until it calls ``release`` or ``forget``."""
        key = _key(project_root)
        found: list[Orphan] = []
        legacy = self.folder / f"{key}.json"
        if legacy.is_file():
            files, saved = _read_files(legacy)
            found.append(Orphan(legacy, None, files, saved))
        directory = self.folder / key
        live = {a.path for a in self._own.values()}
        for path in sorted(directory.glob("*.json")) if directory.is_dir() else []:
            lock_path = path.with_suffix(".lock")
            if path in live:
                continue
            fd = _lock(lock_path)
            if fd < 0:
                continue  # a live window's text: never offered
            files, saved = _read_files(path)
            found.append(Orphan(path, lock_path, files, saved, fd))
        for lock_path in sorted(directory.glob("*.lock")) if directory.is_dir() else []:
            if not lock_path.with_suffix(".json").exists():  # a gone window's empty area
                fd = _lock(lock_path)
                if fd >= 0:
                    with contextlib.suppress(OSError):
                        lock_path.unlink()
                    _unlock(fd)
        return sorted(found, key=lambda o: o.saved_at)

    # -- the store's own area per project (the command line and simple callers) ---------
    def _default(self, project_root: str | Path) -> RecoveryArea:
        key = _key(project_root)
        if key not in self._own:
            self._own[key] = self.area(project_root)
        return self._own[key]

    def save(self, project_root: str | Path, buffers: dict[str, str]) -> None:
        """Keep ``buffers`` in this store's own area for the project."""
        self._default(project_root).save(buffers)

    def load(self, project_root: str | Path) -> dict[str, str]:
        """The buffers of this store's own area for the project ({} when none)."""
        return self._default(project_root).load()

    def clear(self, project_root: str | Path) -> None:
        """Forget this store's own buffers for the project."""
        self._default(project_root).clear()


def merged(orphans: list[Orphan]) -> dict[str, str]:
    """The buffers of several orphans, the latest text of each file winning."""
    out: dict[str, str] = {}
    for orphan in sorted(orphans, key=lambda o: o.saved_at):
        out.update(orphan.files)
    return out
