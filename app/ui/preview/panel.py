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
from .channels import Shown, shown_channels, view_for
from .email_preview import EmailPreview
from .sms_preview import SmsPreview
from .whatsapp_preview import WhatsAppPreview


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
        self.stack = QStackedWidget(self)
        # One page per channel (app/ui/preview/channels.py); the email's, SMS's and
        # WhatsApp's have features of their own (devices, editing), reached by name.
        self.pages: dict[str, QWidget] = {}
        for channel in shown_channels():
            self.pages[channel] = view_for(channel).make(self)
            self.stack.addWidget(self.pages[channel])
        self.email: EmailPreview = self.pages["email"]  # type: ignore[assignment]
        self.sms: SmsPreview = self.pages["sms"]  # type: ignore[assignment]
        self.whatsapp: WhatsAppPreview = self.pages["whatsapp"]  # type: ignore[assignment]
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
        page = self.pages.get(result.channel)
        if page is None:  # a channel registered after this panel was made
            page = self.pages[result.channel] = view_for(result.channel).make(self)
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
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
        view_for(result.channel).show(page, message, Shown(rtl, sender, project_root))
        if page is self.email and self.email.busy():
            return  # sig_painted follows when the page has loaded or swapped
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
        current = self.stack.currentWidget()
        if current is self.email:
            self.email.fill_views(hidden_too=True)
            return self.email.source_view.toPlainText()
        bubble = getattr(current, "bubble", None)
        return bubble.text() if bubble is not None else ""


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
