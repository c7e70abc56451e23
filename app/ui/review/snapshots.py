"""Pictures of rendered emails for the review grid, taken by the preview's own engine.

One hidden web view, locked down like the editor's preview (no scripts, no network),
loads each email at the device's width and is grabbed once painted, one email at a
time so the grid fills without freezing the window. Until its picture arrives a cell
shows the drawn thumbnail of :mod:`.thumbnail`.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtWebEngineCore import QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView

from ...core.devices import device as device_preset
from ...core.resource_hints import disarm_resource_hints
from ..preview.web_page import PreviewPage

PAINT_DELAY_MS = 120  # after loadFinished, for the compositor to paint the page


class EmailSnapshotter(QObject):
    """Queue emails with :meth:`request`; ``sig_snapshot(key, image)`` as each is taken,
    ``sig_idle`` when the queue is empty."""

    sig_snapshot = Signal(object, QImage)
    sig_idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view: QWebEngineView | None = None  # made on the first request, not at start
        self._queue: deque[tuple[object, str, str, QUrl]] = deque()
        self._current: object | None = None
        self._timer = QTimer(self, singleShot=True, interval=PAINT_DELAY_MS)
        self._timer.timeout.connect(self._grab)

    @property
    def view(self) -> QWebEngineView:
        """The hidden web view the pictures are taken from."""
        if self._view is None:
            view = QWebEngineView()  # top-level (hidden): a child would sit in the grid
            self.destroyed.connect(view.deleteLater)
            view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            page = PreviewPage(view)
            page.settings().setAttribute(QWebEngineSettings.WebAttribute.ShowScrollBars, False)
            view.setPage(page)
            page.loadFinished.connect(self._on_loaded)
            self._view = view
        return self._view

    def request(self, key: object, html: str, device: str, base: Path) -> None:
        """Take a picture of ``html`` at ``device``'s width (a newer request for the same
        key replaces one still waiting)."""
        self._queue = deque(item for item in self._queue if item[0] != key)
        self._queue.append((key, html, device, QUrl.fromLocalFile(str(base.resolve()) + "/")))
        if self._current is None:
            self._next()

    def clear(self) -> None:
        """Forget the waiting requests (the grid is being rebuilt)."""
        self._queue.clear()

    @property
    def busy(self) -> bool:
        """Whether pictures are still being taken."""
        return self._current is not None or bool(self._queue)

    def _next(self) -> None:
        if not self._queue:
            self._current = None
            self.sig_idle.emit()
            return
        key, html, device, base = self._queue.popleft()
        self._current = key
        width = device_preset(device).width
        self.view.resize(width, int(width * 1.45))
        if not self.view.isVisible():
            self.view.show()
        self.view.page().setHtml(disarm_resource_hints(html), base)  # no preconnect

    def _on_loaded(self, _ok: bool) -> None:
        if self._current is not None:
            self._timer.start()

    def _grab(self) -> None:
        key = self._current
        image = self.view.grab().toImage()
        self._current = None
        if key is not None and not image.isNull():
            self.sig_snapshot.emit(key, image)
        self._next()
