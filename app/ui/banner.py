"""An inline message bar with buttons: problems are shown where they happen, not in
modal dialogs (a file changed on disk, a save that failed, edits to recover)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

STYLES = {
    "info": "background: #ddf4ff; border: 1px solid #54aeff; color: #0a3069;",
    "warning": "background: #fff8c5; border: 1px solid #d4a72c; color: #4d2d00;",
    "error": "background: #ffebe9; border: 1px solid #ff8182; color: #82071e;",
}


class Banner(QFrame):
    """A hidden bar; :meth:`show_message` fills it with text and action buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        self.hide()

    def show_message(self, text: str, kind: str = "info",
                     actions: Sequence[tuple[str, Callable[[], None]]] = ()) -> None:
        """Show ``text`` with a button per (label, callback); a button also hides the bar."""
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        self.setStyleSheet(f"#banner {{ {STYLES.get(kind, STYLES['info'])} border-radius: 4px; }}"
                           " QLabel { border: none; background: transparent; }")
        self.label.setText(text)
        for label, callback in actions:
            button = QPushButton(label, self)
            button.clicked.connect(self.hide)
            button.clicked.connect(callback)
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.show()

    def button(self, label: str) -> QPushButton | None:
        """The action button with this label (for keyboard users and tests)."""
        return next((b for b in self.buttons if b.text() == label), None)
