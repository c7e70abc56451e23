"""Keeping unsaved edits in the recovery area every few seconds, and offering them back.

The store itself is :class:`app.core.workspace.RecoveryStore`; this controller reads
the editors' modified buffers on a timer and shows the restore banner at start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ..core.workspace import RecoveryStore
from .banner import Banner
from .i18n import _, ngettext

INTERVAL_MS = 3000


class RecoveryKeeper(QObject):
    """Saves ``buffers()`` for the project every few seconds when they changed."""

    def __init__(self, store: RecoveryStore, buffers: Callable[[], dict[str, str]],
                 parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.store = store
        self._buffers = buffers
        self.root: Path | None = None
        self._last: dict[str, str] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_now)
        self._timer.start()

    def set_root(self, root: Path | None) -> None:
        """Keep the buffers of this project from now on."""
        self.root = root
        self._last = {}

    def save_now(self) -> None:
        """Write the current buffers if they changed since the last time."""
        if self.root is None:
            return
        buffers = self._buffers()
        if buffers == self._last:
            return
        try:
            self.store.save(self.root, buffers)
        except OSError:
            return  # the recovery area is best effort; the editors still hold the text
        self._last = buffers

    def clear(self) -> None:
        """Forget the buffers (everything was saved or deliberately discarded)."""
        if self.root is not None:
            self.store.clear(self.root)
        self._last = {}

    def offer(self, banner: Banner, restore: Callable[[dict[str, str]], None]) -> bool:
        """If an earlier session left buffers for this project, offer them in ``banner``."""
        if self.root is None:
            return False
        found = self.store.load(self.root)
        found = {rel: text for rel, text in found.items()
                 if _differs_from_disk(self.root / rel, text)}
        if not found:
            self.store.clear(self.root)
            return False
        count = len(found)
        message = ngettext(
            "Unsaved edits to {n} file were kept from an earlier session that did not "
            "close normally: {files}",
            "Unsaved edits to {n} files were kept from an earlier session that did not "
            "close normally: {files}", count).format(n=count, files=", ".join(sorted(found)))
        banner.show_message(message, "warning", [
            (_("Restore"), lambda: restore(found)),
            (_("Discard"), self.clear),
        ])
        return True


def _differs_from_disk(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") != text
    except (OSError, UnicodeDecodeError):
        return True
