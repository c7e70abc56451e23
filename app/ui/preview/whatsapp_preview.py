"""The WhatsApp preview: a chat bubble with header, formatted body, footer and buttons."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.workspace.preview_text import whatsapp_html
from ..i18n import _
from .phone import PhoneScreen, PhoneWithDetails, bubble_label, paragraph

BUBBLE = ("QLabel { background: #ffffff; color: #111b21; border-radius: 10px;"
          " padding: 8px 10px; }")
BUTTON = ("QLabel { background: #ffffff; color: #027eb5; border-radius: 10px;"
          " padding: 8px 10px; font-weight: bold; }")
ICONS = {"url": "↗", "phone": "☎", "quick_reply": "↩", "copy_code": "⧉"}


class WhatsAppPreview(PhoneWithDetails):
    """One WhatsApp template message as the customer's chat shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phone = PhoneScreen("#efeae2", "#008069", "#ffffff", self)
        self.bubble = bubble_label(BUBBLE, self)
        self.phone.add_row(self.bubble)
        self.buttons: list[QLabel] = []
        self.message: dict[str, Any] = {}
        self.watcher: QObject | None = None  # sees clicks on the buttons (editing)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        info = QVBoxLayout()
        info.addWidget(self.details)
        info.addStretch(1)
        self.place(self.phone, info)

    def set_message(self, message: dict[str, Any], rtl: bool, sender: str) -> None:
        """Show a rendered WhatsApp message (the documented dict of docs/cli.md)."""
        self.message = message
        self.phone.title.setText(sender)
        self.phone.set_rtl(rtl)
        parts = []
        if message.get("header"):
            parts.append(f"<b>{html.escape(message['header'])}</b>")
        parts.append(whatsapp_html(message.get("body", "")))
        if message.get("footer"):
            parts.append(f'<span style="color:#667781; font-size:small">'
                         f'{html.escape(message["footer"])}</span>')
        self.bubble.setText(paragraph("<br>".join(_spaced(parts)), rtl))
        for label in self.buttons:
            label.deleteLater()
        self.buttons = []
        for button in message.get("buttons", []):
            label = QLabel(f"{ICONS.get(button.get('type', ''), '')} {button.get('text', '')}",
                           self)
            label.setStyleSheet(BUTTON)
            label.setFixedWidth(self.bubble.maximumWidth())
            label.setToolTip(button.get("url") or button.get("phone") or "")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.phone.add_row(label)
            self.buttons.append(label)
            if self.watcher is not None:
                label.installEventFilter(self.watcher)
        params = message.get("parameters", [])
        self.details.setText(_("Category: {category} · language: {language} · "
                               "{count} parameters").format(
                                   category=message.get("category", ""),
                                   language=message.get("language", ""), count=len(params)))


def _spaced(parts: list[str]) -> list[str]:
    # Header, body and footer are separate lines in WhatsApp, with a small gap.
    return [p + "<br>" if i < len(parts) - 1 else p for i, p in enumerate(parts)]
