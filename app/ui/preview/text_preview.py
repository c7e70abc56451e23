"""The preview of a channel that has no picture of its own: its text in a phone bubble
under the sender's name (what a plug-in channel shows until it brings its own widget)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...kernel.channels import spec_for
from .phone import PhoneScreen, PhoneWithDetails, bubble_label, paragraph

BUBBLE = ("QLabel { background: #eef1f5; color: #111; border-radius: 18px;"
          " padding: 10px 14px; }")


class TextPreview(PhoneWithDetails):
    """A rendered message's text (its channel's ``as_text``) in one bubble."""

    def __init__(self, channel: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = channel
        self.phone = PhoneScreen("#ffffff", "#f2f2f7", "#111111", self)
        self.bubble = bubble_label(BUBBLE, self)
        self.phone.add_row(self.bubble)
        info = QVBoxLayout()
        info.addStretch(1)
        self.place(self.phone, info)

    def set_message(self, message: dict[str, Any], rtl: bool, sender: str) -> None:
        """Show a rendered message (its documented dict)."""
        self.phone.title.setText(sender)
        self.phone.set_rtl(rtl)
        text = spec_for(self.channel).as_text(message)
        self.bubble.setText(paragraph(html.escape(text).replace("\n", "<br>"), rtl))
