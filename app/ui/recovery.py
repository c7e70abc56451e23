"""Keeping unsaved edits in the recovery area every few seconds, and offering them back.

The store itself is :class:`app.core.workspace.RecoveryStore`. This controller owns the
window's own, locked area (:class:`~app.core.workspace.recovery.RecoveryArea`), writes the
editors' modified buffers there on a timer, and at start offers the areas of windows that
are gone. Offered text is kept until the writer chooses Restore or Discard: "Later", a
new message in the banner, or closing the window keeps it for the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ..core.workspace import RecoveryStore
from ..core.workspace.recovery import Orphan, RecoveryArea, merged
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
        self.area: RecoveryArea | None = None
        self.offered: list[Orphan] = []
        self._last: dict[str, str] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_now)
        self._timer.start()
        # Destroyed without closing (a crash of the window): the locks go, the text stays.
        held = self._held
        self.destroyed.connect(lambda *_args: [item.release() for item in held()])

    def _held(self) -> list[RecoveryArea | Orphan]:
        return [*([self.area] if self.area else []), *self.offered]

    def set_root(self, root: Path | None) -> None:
        """Keep the buffers of this project from now on (in a new area of this window)."""
        if self.area is not None and root == self.root:
            return
        self.release()
        self.root = root
        self.area = self.store.area(root) if root is not None else None
        self._last = {}

    def save_now(self) -> None:
        """Write the current buffers if they changed since the last time."""
        if self.area is None:
            return
        buffers = self._buffers()
        if buffers == self._last:
            return
        try:
            self.area.save(buffers)
        except OSError:
            return  # the recovery area is best effort; the editors still hold the text
        self._last = buffers

    def clear(self) -> None:
        """Forget this window's buffers (everything was saved or deliberately discarded)."""
        if self.area is not None:
            self.area.clear()
        self._last = {}

    def release(self) -> None:
        """The window closes (or opens another project): clear its own area, and stop
        holding what was offered but not chosen (it is offered again next time)."""
        self.clear()
        for item in self._held():
            item.release()
        self.offered = []

    def offer(self, banner: Banner, restore: Callable[[dict[str, str]], None]) -> bool:
        """If windows that are gone left buffers for this project, offer them in ``banner``."""
        if self.root is None:
            return False
        orphans = self.store.orphans(self.root)
        found = {rel: text for rel, text in merged(orphans).items()
                 if _differs_from_disk(self.root / rel, text)}
        if not found:
            for orphan in orphans:
                orphan.forget()  # nothing in them that the disk doesn't already have
            return False
        self.offered = orphans
        count = len(found)
        message = ngettext(
            "Unsaved edits to {n} file were kept from an earlier session that did not "
            "close normally: {files}",
            "Unsaved edits to {n} files were kept from an earlier session that did not "
            "close normally: {files}", count).format(n=count, files=", ".join(sorted(found)))
        banner.show_message(message, "warning", [
            (_("Restore"), lambda: self._restore(found, restore)),
            (_("Discard"), self._discard),
            (_("Later"), self._later),
        ])
        return True

    def _restore(self, found: dict[str, str], restore: Callable[[dict[str, str]], None]) -> None:
        restore(found)
        self.save_now()  # the text is in this window's own area before the old one goes
        kept = self.area.load() if self.area is not None else {}
        if all(kept.get(rel) == text for rel, text in found.items()):
            self._forget_offered()
        else:  # a file could not be reopened: keep the old area for the next start
            self._later()

    def _discard(self) -> None:
        self._forget_offered()

    def _later(self) -> None:
        for orphan in self.offered:
            orphan.release()
        self.offered = []

    def _forget_offered(self) -> None:
        for orphan in self.offered:
            orphan.forget()
        self.offered = []


def _differs_from_disk(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") != text
    except (OSError, UnicodeDecodeError):
        return True
