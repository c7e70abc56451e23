"""The email preview: an inbox row, then the email in a device frame, its plain-text
alternative, or its HTML source.

Dark mode applies the email's own ``prefers-color-scheme: dark`` rules; forced dark is
Chromium's automatic darkening, as some mail apps apply it; images off shows alt text.

While someone types, a new version of the email replaces the shown document in place
(a script in Qt's isolated world swaps the parsed document in; the page's own scripts
stay off) instead of loading a new page: no blank frame, and the reader's scroll position
stays. HTML equal to what is shown is not loaded again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from ...core.devices import DEFAULT_DEVICE, DEVICES, Device
from ...core.devices import device as device_preset
from ...core.resource_hints import disarm_resource_hints
from ...core.workspace.preview_text import block_images, emulate_dark_scheme
from ..i18n import N_, _
from .devices import fit_zoom
from .edit_bridge import WORLD, PreviewEditBridge, install_bridge
from .inbox_row import InboxRow
from .web_page import PreviewPage

MODES = (("preview", N_("Preview")), ("text", N_("Plain text")), ("source", N_("HTML source")))


class DeviceFrame(QFrame):
    """The web view at a device's width, zoomed out when the panel is narrower."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deviceFrame")
        self.view = QWebEngineView(self)
        self.page = PreviewPage(self.view)
        self.view.setPage(self.page)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.device: Device = DEVICES[DEFAULT_DEVICE]
        self.zoom = 1.0

    def fit(self, device: Device, available_width: int) -> None:
        """Size the frame for ``device`` within ``available_width`` pixels."""
        self.device = device
        self.zoom = fit_zoom(device, available_width)
        self.view.setZoomFactor(self.zoom)
        self.setFixedWidth(int(device.width * self.zoom) + 2 * device.bezel)
        self.layout().setContentsMargins(device.bezel, device.frame_top, device.bezel,
                                         device.bezel)
        self.setStyleSheet(f"#deviceFrame {{ background: {device.frame_color}; "
                           f"border-radius: {device.radius}px; }}")


class EmailPreview(QWidget):
    """Shows one rendered email; ``sig_painted`` when the page has loaded."""

    sig_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabBar(self)
        for _key, label in MODES:
            self.tabs.addTab(_(label))
        self.tabs.setDocumentMode(True)
        self.inbox = InboxRow(self)
        self.frame = DeviceFrame(self)
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.frame)
        row.addStretch(1)
        self.text_view = _read_only_text(self)
        self.source_view = _read_only_text(self, mono=True)
        # Code reads left to right, in a Hebrew or Arabic window too.
        self.source_view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.stack = QStackedWidget(self)
        for widget in (holder, self.text_view, self.source_view):
            self.stack.addWidget(widget)
        inbox_row = QHBoxLayout()
        inbox_row.addStretch(1)
        inbox_row.addWidget(self.inbox, 100)
        inbox_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.tabs)
        layout.addLayout(inbox_row)
        layout.addWidget(self.stack, 1)
        self.tabs.currentChanged.connect(self.stack.setCurrentIndex)
        self.tabs.currentChanged.connect(lambda _i: self.fill_views())
        self.frame.page.loadFinished.connect(self._on_load_finished)
        self.device = DEVICES[DEFAULT_DEVICE]
        self.dark = False
        self.images_off = False
        self._html = ""
        self._shown_html: str | None = None
        self._base = QUrl()
        self._loaded_base = QUrl()
        self._swaps_pending = 0
        self.loads = 0
        self.swaps = 0
        self._views: dict[QPlainTextEdit, str] = {}  # text not yet put into a hidden view
        self.paint_ms = 0.0  # from handing the HTML to the page until it has loaded or swapped
        self._paint_started = 0.0
        self.bridge: PreviewEditBridge | None = None
        self._marked_from = ""  # the plain HTML the shown marked HTML was made from
        self._loading = False

    @property
    def page(self) -> PreviewPage:
        """The locked-down web page."""
        return self.frame.page

    def set_mode(self, key: str) -> None:
        """Show "preview", "text" or "source"."""
        keys = [k for k, _label in MODES]
        self.tabs.setCurrentIndex(keys.index(key) if key in keys else 0)

    def apply_options(self, device: str, dark: bool, forced_dark: bool, images_off: bool) -> None:
        """Device preset and appearance; reloads the page if something changed."""
        self.device = device_preset(device)
        self.dark = dark
        self.images_off = images_off
        self.page.set_forced_dark(forced_dark)
        self.page.set_images(not images_off)
        self._fit()
        self._load()

    def enable_editing(self, bridge: PreviewEditBridge) -> None:
        """Let the page select and edit copy blocks (shown from marked renders)."""
        install_bridge(self.page, bridge)
        self.bridge = bridge

    def run_in_page(self, script: str, callback: Callable[[Any], None] | None = None) -> None:
        """Run the studio's own script in the page's isolated world (never the email's)."""
        if callback is None:
            self.page.runJavaScript(script, WORLD)
        else:
            self.page.runJavaScript(script, WORLD, callback)

    def set_marked(self, marked_html: str, plain_html: str) -> None:
        """With editing on, show the same email with its copy blocks marked (it looks
        the same; clicks and double-clicks on a text then find its block). Only while
        ``plain_html``, the unmarked email it was made from, is what is shown."""
        if self.bridge is not None and marked_html and self._html == plain_html:
            self._html = marked_html
            self._marked_from = plain_html
            self._load()

    def set_message(self, message: dict[str, Any], project_root: Path) -> None:
        """Show a rendered email (the documented dict of docs/cli.md)."""
        rtl = message.get("dir") == "rtl"
        self.inbox.set_message(message.get("from", ""), message.get("subject", ""),
                               message.get("preheader", ""), rtl)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.text_view.setLayoutDirection(direction)
        option = self.text_view.document().defaultTextOption()
        option.setTextDirection(direction)
        # The plain text editor's layout takes AlignLeft literally, even right to left.
        option.setAlignment((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                            | Qt.AlignmentFlag.AlignAbsolute)
        self.text_view.document().setDefaultTextOption(option)
        self._views[self.source_view] = message.get("html", "")
        self.set_text(message)
        html = message.get("html", "")
        if html != self._marked_from:  # the same email again keeps its marked version
            self._html = html
            self._marked_from = ""
        self._base = QUrl.fromLocalFile(str(project_root.resolve()) + "/")
        self._load()

    def set_text(self, message: dict[str, Any]) -> None:
        """Show the message's plain text (painted first, it follows from the same render)."""
        if "text" in message:
            self._views[self.text_view] = message["text"]
        self.fill_views()

    def fill_views(self, hidden_too: bool = False) -> None:
        """Put the latest plain text and source into their views: the shown one now, a
        hidden one only when asked (filling a 60 KB source on every keystroke costs)."""
        shown = self.stack.currentWidget()
        for view in list(self._views):
            if hidden_too or view is shown:
                _set_text(view, self._views.pop(view))

    def reload(self) -> None:
        """Load the page again (after the remote-images toggle changed)."""
        self._shown_html = None
        self._load()

    def is_painting(self) -> bool:
        """Whether the page is still loading or swapping in the newest HTML."""
        return self.page.isLoading() or self._swaps_pending > 0

    def _load(self) -> None:
        html = emulate_dark_scheme(self._html) if self.dark else self._html
        html = disarm_resource_hints(html)  # preconnect & co. would bypass the guard
        if self.images_off:
            html = block_images(html)
        if html == self._shown_html or not self._html:
            return
        in_place = (self._shown_html is not None and self.loads > 0
                    and self._base == self._loaded_base and not self.page.isLoading())
        self._shown_html = html
        self._paint_started = time.perf_counter()
        if in_place:
            self._swaps_pending += 1
            self.page.runJavaScript(_SWAP % json.dumps(html),
                                    QWebEngineScript.ScriptWorldId.ApplicationWorld,
                                    lambda ok, h=html: self._on_swapped(ok, h))
            return
        self._scroll = self.page.scrollPosition()
        self._loaded_base = QUrl(self._base)
        self._loading = True
        self.page.setHtml(html, self._base)

    def _on_swapped(self, ok: object, html: str) -> None:
        self._swaps_pending = max(0, self._swaps_pending - 1)
        if not ok and html == self._shown_html:  # the swap failed: load the page instead
            self._shown_html = None
            self._load()
            return
        self.swaps += 1
        if not self._swaps_pending:
            self.paint_ms = (time.perf_counter() - self._paint_started) * 1000
            self.sig_painted.emit()

    def busy(self) -> bool:
        """Whether a page load or swap asked for is not finished yet."""
        return self._loading or self.is_painting()

    def _on_load_finished(self, _ok: bool) -> None:
        self._loading = False
        scroll: QPointF = getattr(self, "_scroll", QPointF())
        if scroll.y() > 0:  # keep the reader's place while they type
            self.page.runJavaScript(f"window.scrollTo({scroll.x():.0f}, {scroll.y():.0f})",
                                    QWebEngineScript.ScriptWorldId.ApplicationWorld)
        self.loads += 1
        self.paint_ms = (time.perf_counter() - self._paint_started) * 1000
        self.sig_painted.emit()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.frame.fit(self.device, self.width() - 24)
        self.inbox.setMaximumWidth(self.frame.width())


# Replace the document with the new version, keeping the scroll position (isolated world).
_SWAP = """(function (html) {
  var x = window.scrollX, y = window.scrollY;
  var next = new DOMParser().parseFromString(html, "text/html");
  document.replaceChild(document.adoptNode(next.documentElement), document.documentElement);
  window.scrollTo(x, y);
  return true;
})(%s)"""


def _read_only_text(parent: QWidget, mono: bool = False) -> QPlainTextEdit:
    view = QPlainTextEdit(parent)
    view.setReadOnly(True)
    if mono:
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    else:
        font = QFont(view.font())
        font.setPointSizeF(font.pointSizeF() + 1)
        view.setFont(font)
    return view


def _set_text(view: QPlainTextEdit, text: str) -> None:
    if view.toPlainText() != text:
        view.setPlainText(text)
