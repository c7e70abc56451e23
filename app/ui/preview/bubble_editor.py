"""Editing an SMS or WhatsApp text in place, over its bubble in the phone preview.

The text shows as the customer reads it, with each placeholder as a chip: one atomic,
left-to-right isolated token that can be deleted whole but never entered or split
(typing next to a chip types plain text). Enter writes the text (Shift+Enter: a new
line), Escape puts it back. What the editor returns is the runs the core turns into
the block's text (:func:`app.core.workspace.preview_marks.text_from_page`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from ...core.copy import Block
from ..copy.chips import placeholder_label
from ..i18n import _

SOURCE = QTextCharFormat.Property.UserProperty + 1
LABEL = QTextCharFormat.Property.UserProperty + 2


def _prop(fmt: QTextCharFormat, key: int) -> str:
    """A chip property of a format, "" when it has none (PySide6 must never be asked for a
    missing property: its None comes back with a miscounted reference)."""
    return str(fmt.property(key)) if fmt.hasProperty(key) else ""


def chip_format(source: str, label: str) -> QTextCharFormat:
    """The look of a placeholder chip, carrying its exact source."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("#ddf4ff"))
    fmt.setForeground(QColor("#0550ae"))
    fmt.setProperty(SOURCE, source)
    fmt.setProperty(LABEL, label)
    fmt.setToolTip(source)
    return fmt


class BubbleEditor(QTextEdit):
    """``sig_commit(items)`` on Enter or leaving the field; ``sig_cancel`` on Escape."""

    sig_commit = Signal(list)
    sig_cancel = Signal()

    def __init__(self, block: Block, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bubbleEditor")
        self.block = block
        self.setAcceptRichText(False)
        self.setStyleSheet("QTextEdit { background: #fff8c5; color: #111; "
                           "border: 2px solid #0b5cad; border-radius: 10px; padding: 4px; }")
        rtl = block.direction == "rtl"
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)
        option = self.document().defaultTextOption()
        option.setTextDirection(self.layoutDirection())
        self.document().setDefaultTextOption(option)
        self._fill()
        self._done = False
        self.insertables: list[tuple[str, str]] = []  # (name, source) the menu offers
        self.document().contentsChange.connect(self._keep_chips_whole)
        self.cursorPositionChanged.connect(self._type_plain_next_to_chips)

    def _fill(self) -> None:
        cursor = QTextCursor(self.document())
        plain = QTextCharFormat()
        for run in self.block.runs:
            if run.kind == "break":
                cursor.insertText("\n", plain)
            elif run.atomic:
                label = placeholder_label(run.text) if run.kind == "placeholder" else run.text
                cursor.insertText(f"\u2066{label}\u2069", chip_format(run.source, label))
            else:
                cursor.insertText(run.text, plain)
        self.document().clearUndoRedoStacks()
        self.moveCursor(QTextCursor.MoveOperation.End)

    def items(self) -> list[dict[str, Any]]:
        """The text as runs: text, chips (by source) and line breaks."""
        out: list[dict[str, Any]] = []
        block = self.document().begin()
        first = True
        while block.isValid():
            if not first:
                out.append({"kind": "text", "text": "\n"})
            first = False
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                source = _prop(fragment.charFormat(), SOURCE)
                if source:
                    out.append({"kind": "chip", "src": source})
                else:
                    out.append({"kind": "text", "text": fragment.text()})
                it += 1
            block = block.next()
        return out

    # -- inserting placeholders -----------------------------------------------------
    def insert_placeholder(self, source: str, label: str) -> None:
        """Insert a placeholder chip at the cursor (from the template's variables)."""
        cursor = self.textCursor()
        cursor.insertText(f"\u2066{label}\u2069", chip_format(source, label))
        self.setCurrentCharFormat(QTextCharFormat())

    def placeholder_menu(self, parent: QMenu | None = None) -> QMenu:
        """The declared variables, each inserting its placeholder."""
        menu = QMenu(_("Insert placeholder"), parent or self)
        for label, source in self.insertables:
            menu.addAction(label, lambda s=source, n=label: self.insert_placeholder(s, n))
        menu.setEnabled(bool(self.insertables))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        menu.addSeparator()
        menu.addMenu(self.placeholder_menu(menu))
        menu.exec(event.globalPos())

    # -- chips stay whole ------------------------------------------------------------
    def _keep_chips_whole(self, _position: int, _removed: int, _added: int) -> None:
        """Remove what is left of a chip after a deletion cut into it."""
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                label = _prop(fmt, LABEL)
                if label and fragment.text() != f"\u2066{label}\u2069":
                    cursor = QTextCursor(self.document())
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.joinPreviousEditBlock()
                    cursor.removeSelectedText()
                    cursor.endEditBlock()
                    return  # contentsChange comes again for what is left
                it += 1
            block = block.next()

    def _type_plain_next_to_chips(self) -> None:
        if _prop(self.currentCharFormat(), SOURCE):
            self.setCurrentCharFormat(QTextCharFormat())

    # -- finishing -------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.finish(commit=True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.finish(commit=False)
            return
        if event.key() == Qt.Key.Key_Space and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.placeholder_menu().exec(self.mapToGlobal(self.cursorRect().bottomLeft()))
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.textCursor().insertText("\n", QTextCharFormat())
            return
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and \
                self._delete_chips(event.key() == Qt.Key.Key_Backspace):
            return
        super().keyPressEvent(event)

    def _chip_span(self, position: int) -> tuple[int, int] | None:
        """(start, end) of the chip holding the character at ``position``, if any."""
        block = self.document().findBlock(position)
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            start = fragment.position()
            if start <= position < start + fragment.length() and \
                    _prop(fragment.charFormat(), SOURCE):
                return start, start + fragment.length()
            it += 1
        return None

    def _delete_chips(self, backward: bool) -> bool:
        """Delete whole chips where a deletion would cut one (one undo step)."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            start, end = cursor.selectionStart(), cursor.selectionEnd()
        else:
            start = end = cursor.position()
            span = self._chip_span(start - 1 if backward else start)
            if span is None:
                return False
            start, end = span
        first, last = self._chip_span(start), self._chip_span(max(end - 1, start))
        start = first[0] if first else start
        end = last[1] if last else end
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self.setTextCursor(cursor)
        return True

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # not for its own menus
            self.finish(commit=True)

    def finish(self, commit: bool) -> None:
        """Write (or drop) the text once, then go away."""
        if self._done:
            return
        self._done = True
        if commit:
            self.sig_commit.emit(self.items())
        else:
            self.sig_cancel.emit()
        self.hide()
        self.deleteLater()
