"""One preview: the right widget for the channel, and a bar when the text doesn't render.

While the text has an error, the last version that rendered stays visible under a
red bar naming the error, so the copywriter keeps their bearings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from ...core.model import is_rtl
from ...core.workspace import PreviewResult
from ..i18n import _
from .email_preview import EmailPreview
from .sms_preview import SmsPreview
from .whatsapp_preview import WhatsAppPreview

CHANNEL_INDEX = {"email": 0, "sms": 1, "whatsapp": 2}


class PreviewPanel(QWidget):
    """Shows :class:`PreviewResult` s of one slot; ``sig_painted`` once each is on screen."""

    sig_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("previewTitle")
        self.title.setStyleSheet("#previewTitle { color: #57606a; padding: 4px 8px; }")
        self.error_bar = QLabel(self)
        self.error_bar.setObjectName("previewError")
        self.error_bar.setWordWrap(True)
        self.error_bar.setTextFormat(Qt.TextFormat.PlainText)
        self.error_bar.setStyleSheet("#previewError { background: #ffebe9; color: #82071e;"
                                     " border: 1px solid #ff8182; padding: 6px; }")
        self.error_bar.hide()
        self.email = EmailPreview(self)
        self.sms = SmsPreview(self)
        self.whatsapp = WhatsAppPreview(self)
        self.stack = QStackedWidget(self)
        for widget in (self.email, self.sms, self.whatsapp):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.error_bar)
        layout.addWidget(self.stack, 1)
        self.email.sig_painted.connect(self.sig_painted)
        self.result: PreviewResult | None = None
        self.shown = 0

    def show_result(self, result: PreviewResult, project_root: Path, sender: str) -> None:
        """Show a result: the message, or the error above the last good message."""
        self.result = result
        self.title.setText(" · ".join(p for p in (result.template, result.locale,
                                                   result.channel, result.sample) if p))
        self.stack.setCurrentIndex(CHANNEL_INDEX.get(result.channel, 0))
        if result.error:
            self.error_bar.setText(_format_error(result.error))
            self.error_bar.show()
            self.shown += 1
            self.sig_painted.emit()
            return
        self.error_bar.hide()
        message: dict[str, Any] = result.message or {}
        rtl = is_rtl(result.locale)
        self.shown += 1
        if result.channel == "email":
            self.email.set_message(message, project_root)
            if self.email.busy():
                return  # sig_painted follows when the page has loaded or swapped
        elif result.channel == "sms":
            self.sms.set_message(message, rtl)
        else:
            self.whatsapp.set_message(message, rtl, sender)
        self.sig_painted.emit()

    def complete(self, result: PreviewResult) -> None:
        """The shown result again, with the plain text the parse added after the paint."""
        if self.result is None or self.result.generation != result.generation:
            return
        self.result = result
        if result.channel == "email" and result.message:
            self.email.set_text(result.message)

    def visible_text(self) -> str:
        """The text a person reads in the current text preview (SMS or WhatsApp)."""
        if self.stack.currentWidget() is self.sms:
            return self.sms.bubble.text()
        if self.stack.currentWidget() is self.whatsapp:
            return self.whatsapp.bubble.text()
        self.email.fill_views(hidden_too=True)
        return self.email.source_view.toPlainText()


def _format_error(error: dict[str, Any]) -> str:
    where = error.get("path", "")
    if error.get("line"):
        where += f":{error['line']}"
        if error.get("column"):
            where += f":{error['column']}"
    text = _("Not rendered: {message}").format(message=error.get("message", ""))
    if where:
        text = f"{where}: {text}"
    if error.get("hint"):
        text += f" ({error['hint']})"
    return text + "\n" + _("The preview below is the last version that rendered.")
