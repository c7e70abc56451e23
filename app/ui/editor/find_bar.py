"""Find and replace under an editor (Ctrl+F, Ctrl+H)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ..i18n import _, ngettext


class FindBar(QWidget):
    """Find next/previous, replace, replace all; Escape closes it."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.find_field = QLineEdit(self)
        self.find_field.setPlaceholderText(_("Find"))
        self.replace_field = QLineEdit(self)
        self.replace_field.setPlaceholderText(_("Replace with"))
        self.case = QCheckBox(_("Match case"), self)
        self.status = QLabel(self)
        buttons = [(_("Next"), self.find_next), (_("Previous"), self.find_previous),
                   (_("Replace"), self.replace_one), (_("Replace all"), self.replace_all)]
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.find_field, 0, 0)
        layout.addWidget(self.replace_field, 1, 0)
        for i, (label, slot) in enumerate(buttons):
            button = QPushButton(label, self)
            button.clicked.connect(slot)
            layout.addWidget(button, i // 2, 1 + i % 2)
        layout.addWidget(self.case, 0, 3)
        layout.addWidget(self.status, 1, 3)
        self.find_field.returnPressed.connect(self.find_next)
        self.replace_field.returnPressed.connect(self.replace_one)
        self.hide()

    def open(self, replace: bool) -> None:
        """Show the bar (with the replace field if ``replace``) and focus the find field."""
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_field.setText(selected)
        self.replace_field.setVisible(replace)
        self.show()
        self.find_field.setFocus()
        self.find_field.selectAll()

    def keyPressEvent(self, event: object) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.editor.setFocus()
            return
        super().keyPressEvent(event)

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _find(self, backward: bool) -> bool:
        text = self.find_field.text()
        if not text:
            return False
        if self.editor.find(text, self._flags(backward)):
            self.status.clear()
            return True
        cursor = self.editor.textCursor()  # wrap around
        cursor.movePosition(QTextCursor.MoveOperation.End if backward
                            else QTextCursor.MoveOperation.Start)
        self.editor.setTextCursor(cursor)
        found = self.editor.find(text, self._flags(backward))
        self.status.setText("" if found else _("Not found"))
        return found

    def find_next(self) -> bool:
        """Select the next match (wrapping at the end)."""
        return self._find(False)

    def find_previous(self) -> bool:
        """Select the previous match (wrapping at the start)."""
        return self._find(True)

    def _matches(self, selected: str) -> bool:
        wanted = self.find_field.text()
        if self.case.isChecked():
            return selected == wanted
        return selected.lower() == wanted.lower()

    def replace_one(self) -> None:
        """Replace the selected match, then select the next."""
        cursor = self.editor.textCursor()
        if cursor.hasSelection() and self._matches(cursor.selectedText()):
            cursor.insertText(self.replace_field.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match in one undo step; returns how many."""
        text = self.find_field.text()
        if not text:
            return 0
        document = self.editor.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        count = 0
        found = document.find(text, 0, self._flags())
        while not found.isNull():
            found.insertText(self.replace_field.text())
            count += 1
            found = document.find(text, found.position(), self._flags())
        cursor.endEditBlock()
        self.status.setText(ngettext("{n} replaced", "{n} replaced", count).format(n=count))
        return count
