"""The recovery area: unsaved editor buffers kept on disk until they are saved.

The studio calls :meth:`RecoveryStore.save` every few seconds with the text of every
modified editor; after a crash or a kill, the next start finds them with
:meth:`RecoveryStore.load` and offers to restore them. One JSON file per project,
named by a hash of the project's path, written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from pathlib import Path

from .atomic import atomic_write_text


class RecoveryStore:
    """Unsaved buffers per project, in ``folder`` (created when first needed)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _file(self, project_root: str | Path) -> Path:
        key = hashlib.sha256(str(Path(project_root).resolve()).encode()).hexdigest()[:16]
        return self.folder / f"{key}.json"

    def save(self, project_root: str | Path, buffers: dict[str, str]) -> None:
        """Keep ``buffers`` ({project-relative path: text}); an empty dict clears."""
        if not buffers:
            self.clear(project_root)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        record = {"project": str(Path(project_root).resolve()), "saved_at": time.time(),
                  "files": dict(sorted(buffers.items()))}
        atomic_write_text(self._file(project_root), json.dumps(record, ensure_ascii=False))

    def load(self, project_root: str | Path) -> dict[str, str]:
        """The buffers kept for this project ({} when none or unreadable)."""
        try:
            record = json.loads(self._file(project_root).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        files = record.get("files") if isinstance(record, dict) else None
        if not isinstance(files, dict):
            return {}
        return {str(k): v for k, v in files.items() if isinstance(v, str)}

    def clear(self, project_root: str | Path) -> None:
        """Forget this project's buffers (after they were saved, restored or discarded)."""
        with contextlib.suppress(FileNotFoundError):
            self._file(project_root).unlink()
