"""A phone screen to put chat bubbles in: a title bar and a conversation area.

The screen mirrors for right-to-left messages, as a phone set to Hebrew or Arabic
does: bubbles sit on the right and their text reads from the right.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

PHONE_WIDTH = 375


class PhoneScreen(QFrame):
    """A 375-pixel phone with a title bar; add bubbles with :meth:`add_row`."""

    def __init__(self, background: str, bar: str, bar_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phoneScreen")
        self.setFixedWidth(PHONE_WIDTH + 20)
        self.setStyleSheet(
            f"#phoneScreen {{ background: #1f2328; border-radius: 30px; }}"
            f"#phoneBody {{ background: {background}; border-bottom-left-radius: 20px;"
            f" border-bottom-right-radius: 20px; }}"
            f"#phoneBar {{ background: {bar}; color: {bar_text}; padding: 10px;"
            f" border-top-left-radius: 20px; border-top-right-radius: 20px; }}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 18, 10, 18)
        outer.setSpacing(0)
        self.title = QLabel(self)
        self.title.setObjectName("phoneBar")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QWidget(self)
        body.setObjectName("phoneBody")
        body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.rows = QVBoxLayout(body)
        self.rows.setContentsMargins(12, 16, 12, 16)
        self.rows.setSpacing(6)
        self.rows.addStretch(1)
        outer.addWidget(self.title)
        outer.addWidget(body, 1)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def set_rtl(self, rtl: bool) -> None:
        """Mirror the screen for a right-to-left message."""
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)

    def add_row(self, widget: QWidget) -> None:
        """Put a bubble at the leading edge of the conversation (before the stretch)."""
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(widget)
        row.addStretch(1)
        self.rows.insertLayout(self.rows.count() - 1, row)


INFO_MIN_WIDTH = 260  # below this the details beside a phone wrap word by word


class PhoneWithDetails(QWidget):
    """A phone with a column of details beside it, or under it when the panel is narrow
    (side by side, two previews share the width). Subclasses call :meth:`place`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(12, 12, 12, 12)
        self.box.setSpacing(16)

    def place(self, phone: PhoneScreen, details: QVBoxLayout) -> None:
        """Put the phone and its details in the layout."""
        self.box.addWidget(phone)
        self.box.addLayout(details, 1)

    def resizeEvent(self, event: object) -> None:
        # The phone is PHONE_WIDTH + 20 wide; margins and spacing take 40 more.
        wide = self.width() >= PHONE_WIDTH + 60 + INFO_MIN_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide \
            else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)
        super().resizeEvent(event)


def bubble_label(style: str, parent: QWidget | None = None) -> QLabel:
    """A word-wrapped rich-text label styled as a bubble, at most 80% of the screen."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setMaximumWidth(int(PHONE_WIDTH * 0.8))
    label.setStyleSheet(style)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() + 1.5)
    label.setFont(font)
    return label


def paragraph(html: str, rtl: bool) -> str:
    """Rich text in one paragraph of the message's direction."""
    direction = "rtl" if rtl else "ltr"
    align = "right" if rtl else "left"
    return f'<p dir="{direction}" align="{align}" style="margin:0">{html}</p>'
