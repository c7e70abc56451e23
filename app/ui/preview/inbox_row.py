"""An inbox row: sender, subject and preheader, cut the way a phone's mail list cuts them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...core.workspace.preview_text import display_name
from ..i18n import _


class InboxRow(QFrame):
    """Three elided lines; the content direction follows the message's locale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxRow")
        self.setStyleSheet("#inboxRow { background: #ffffff; border: 1px solid #d0d7de;"
                           " border-radius: 8px; } QLabel { background: transparent; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.sender_label = QLabel(self)
        bold = QFont(self.font())
        bold.setBold(True)
        self.sender_label.setFont(bold)
        self.subject_label = QLabel(self)
        self.subject_label.setFont(bold)
        self.preheader_label = QLabel(self)
        self.preheader_label.setStyleSheet("color: #57606a;")
        for label in (self.sender_label, self.subject_label, self.preheader_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        self._texts = ("", "", "")
        self.setToolTip(_("How the email appears in a phone's inbox list"))

    def set_message(self, sender: str, subject: str, preheader: str, rtl: bool) -> None:
        """Show a message's row; text is cut to the row's width with an ellipsis."""
        self._texts = (display_name(sender), subject, preheader)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)
        # Absolute: a line starting with a Latin name still sits where the locale starts.
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        for label in (self.sender_label, self.subject_label, self.preheader_label):
            label.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute
                               | Qt.AlignmentFlag.AlignVCenter)
        self._elide()

    def texts(self) -> tuple[str, str, str]:
        """The shown sender, subject and preheader (elided)."""
        return (self.sender_label.text(), self.subject_label.text(),
                self.preheader_label.text())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(40, self.width() - 26)
        labels = (self.sender_label, self.subject_label, self.preheader_label)
        for label, text in zip(labels, self._texts, strict=True):
            metrics = QFontMetrics(label.font())
            label.setText(metrics.elidedText(text.replace("\n", " "),
                                             Qt.TextElideMode.ElideRight, width))
