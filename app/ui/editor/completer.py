"""Completion of placeholders: the template's declared variables, the sample's keys,
the names the renderer provides and the locale filters.

The popup opens by itself inside ``{{ … }}`` and ``{% … %}`` after a letter, and on
Ctrl+Space anywhere.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCompleter

from ...kernel.sandbox import FILTERS

if TYPE_CHECKING:
    from .code_editor import CodeEditor

BUILTIN_NAMES = ("message.locale", "message.lang", "message.dir", "message.rtl",
                 "message.align", "message.align_end", "message.channel", "message.subject",
                 "message.preheader", "sender.email_from", "sender.email_reply_to",
                 "sender.sms_sender", "sender.whatsapp_number", "sender.support_url",
                 "sender.support_phone", "brand.name", "brand.domains")
_WORD = re.compile(r"[\w.]*$")


class PlaceholderCompleter(QCompleter):
    """A completer bound to one editor."""

    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self._model = QStringListModel(self)
        self.setModel(self._model)
        self.setWidget(editor)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.activated.connect(self.insert)
        self.set_names([])

    def set_names(self, names: list[str]) -> None:
        """Offer these names (variables and sample keys) plus the built-in ones."""
        words = sorted(set(names)) + list(BUILTIN_NAMES) + sorted(FILTERS)
        self._model.setStringList(list(dict.fromkeys(words)))

    def names(self) -> list[str]:
        """Everything offered now."""
        return self._model.stringList()

    def prefix(self) -> str:
        """The partial name left of the cursor."""
        cursor = self.editor.textCursor()
        text = cursor.block().text()[:cursor.positionInBlock()]
        return _WORD.search(text).group(0)

    def in_placeholder(self) -> bool:
        """Whether the cursor is inside an open ``{{`` or ``{%`` on its line."""
        cursor = self.editor.textCursor()
        text = cursor.block().text()[:cursor.positionInBlock()]
        opened = max(text.rfind("{{"), text.rfind("{%"))
        closed = max(text.rfind("}}"), text.rfind("%}"))
        return opened > closed

    def insert(self, completion: str) -> None:
        """Replace the prefix with the chosen name."""
        cursor = self.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor,
                            len(self.prefix()))
        cursor.insertText(completion)
        self.editor.setTextCursor(cursor)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Keys the open popup takes (Enter, Tab, Escape); Ctrl+Space opens it."""
        if self.popup().isVisible() and event.key() in (
                Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Tab,
                Qt.Key.Key_Backtab):
            event.ignore()
            return True
        if event.key() == Qt.Key.Key_Space and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.show_popup()
            return True
        return False

    def after_key(self, event: QKeyEvent) -> None:
        """Open, update or close the popup after the editor handled a key."""
        prefix = self.prefix()
        if not event.text() or not self.in_placeholder() or not prefix:
            if not prefix:
                self.popup().hide()
            elif self.popup().isVisible():
                self._update(prefix)
            return
        self.show_popup()

    def show_popup(self) -> None:
        """Open the popup for the current prefix."""
        self._update(self.prefix())
        if self.completionCount() == 0:
            self.popup().hide()
            return
        rect = self.editor.cursorRect()
        rect.setWidth(self.popup().sizeHintForColumn(0)
                      + self.popup().verticalScrollBar().sizeHint().width() + 12)
        self.complete(rect)

    def _update(self, prefix: str) -> None:
        if prefix != self.completionPrefix():
            self.setCompletionPrefix(prefix)
        self.popup().setCurrentIndex(self.completionModel().index(0, 0))
