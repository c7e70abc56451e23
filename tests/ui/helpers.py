"""Small actions a person does in the window, for the GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox

from app.ui.editor import EditorPage
from app.ui.main_window import MainWindow
from tests.limits import file_size_limit


def pick(combo: QComboBox, value: str) -> None:
    """Choose an entry of a picker the way a user does (activation emits ``activated``)."""
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def show(window: MainWindow, template: str, locale: str, channel: str) -> EditorPage:
    """Pick a template, locale and channel; returns the editor of its file."""
    window.select(template=template, locale=locale, channel=channel)
    page = window.editors.current_page()
    assert page is not None
    return page


def type_at_end(qtbot, page: EditorPage, text: str) -> None:
    """Put the cursor at the end of the text and type."""
    cursor = page.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    page.editor.setTextCursor(cursor)
    page.editor.setFocus()
    for char in text:
        if char == "\n":
            qtbot.keyClick(page.editor, Qt.Key.Key_Return)
        elif char.isascii():
            qtbot.keyClicks(page.editor, char)
        else:  # QTest only types Latin-1; a key event with the text is what a keyboard sends
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(page.editor, event)


def press_save(qtbot, window: MainWindow) -> None:
    """Ctrl+S as the File menu's Save does."""
    window.actions["save"].trigger()


def shows_sms(window: MainWindow, fragment: str) -> bool:
    """Whether the SMS bubble shows ``fragment``."""
    return fragment in window.preview.sms.text


__all__ = ["Qt", "file_size_limit", "pick", "press_save", "show", "shows_sms", "type_at_end"]
