"""The code editor: QPlainTextEdit with line numbers, highlighting, completion and
right-to-left writing for Hebrew and Arabic files.

In a right-to-left file the editor is mirrored (line numbers on the right) and each
line takes the direction of its first strong letter: a Hebrew sentence reads from the
right, while a line of MJML or TOML code stays left-to-right and readable. Plain text
files (the SMS) are prose: every line is right-to-left. Markup lines are not wrapped
(never inside a placeholder) and never justified; the highlighter sets Hebrew and
Arabic runs in a proportional font so Arabic letters join.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from .completer import PlaceholderCompleter
from .highlighter import JinjaHighlighter, kind_for


class _LineNumbers(QWidget):
    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.line_number_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.editor.paint_line_numbers(event)


class CodeEditor(QPlainTextEdit):
    """An editor for one project file; ``sig_cursor_moved(line, column)``."""

    sig_cursor_moved = Signal(int, int)

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind_for(file_name)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTabChangesFocus(False)
        self._numbers = _LineNumbers(self)
        self.highlighter = JinjaHighlighter(self.document(), self.kind)
        self.completer = PlaceholderCompleter(self)
        self.rtl = False
        self.set_right_to_left(False)
        self.horizontalScrollBar().rangeChanged.connect(self._start_at_the_left)
        self.blockCountChanged.connect(self._update_margins)
        self.updateRequest.connect(self._on_update_request)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self._update_margins()

    # -- writing direction -------------------------------------------------------
    def set_right_to_left(self, rtl: bool) -> None:
        """Edit right-to-left (Hebrew, Arabic) or left-to-right."""
        self.rtl = rtl
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)
        option = self.document().defaultTextOption()
        if self.kind == "text":
            # Prose (the SMS): every line in the language's direction, wrapped at words,
            # aligned to its own edge and never stretched.
            option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl
                                    else Qt.LayoutDirection.LayoutDirectionAuto)
            option.setAlignment((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                                | Qt.AlignmentFlag.AlignAbsolute)
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        else:
            # Markup: each line follows its first strong letter, so a line of MJML or TOML
            # reads left to right with its Hebrew or Arabic words ordered inside it, and a
            # line of prose reads from the right. Lines are not wrapped: a wrap would cut
            # a {{ placeholder }} at its spaces, and only a wrapped line is ever justified,
            # so "justify" here just means "to the right edge for right-to-left lines".
            option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
            option.setAlignment(Qt.AlignmentFlag.AlignJustify if rtl
                                else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
            option.setWrapMode(QTextOption.WrapMode.NoWrap)
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.document().setDefaultTextOption(option)
        self._update_margins()
        self.viewport().update()

    def _start_at_the_left(self, _low: int, high: int) -> None:
        """Markup lines start at the left edge; a mirrored scroll area would open on
        their right end (cutting "{% extends" off), so show the left, then the cursor."""
        if self.rtl and self.kind != "text":
            self.horizontalScrollBar().setValue(high)
            self.ensureCursorVisible()

    # -- line numbers ------------------------------------------------------------
    def line_number_width(self) -> int:
        """Width of the line-number gutter for the current number of lines."""
        digits = max(3, len(str(self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margins(self) -> None:
        width = self.line_number_width()
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            self.setViewportMargins(0, 0, width, 0)
        else:
            self.setViewportMargins(width, 0, 0, 0)
        self._place_numbers()

    def _place_numbers(self) -> None:
        rect = self.contentsRect()
        width = self.line_number_width()
        x = rect.right() - width + 1 if self.rtl else rect.left()
        self._numbers.setGeometry(QRect(x, rect.top(), width, rect.height()))

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._numbers.scroll(0, dy)
        else:
            self._numbers.update(0, rect.y(), self._numbers.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_numbers()

    def paint_line_numbers(self, event: QPaintEvent) -> None:
        """Draw the numbers of the visible lines in the gutter."""
        painter = QPainter(self._numbers)
        painter.fillRect(event.rect(), QColor("#f6f8fa"))
        painter.setPen(QColor("#8c959f"))
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = self._numbers.width() - 6
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight,
                                 str(number + 1))
            block = block.next()
            top = bottom
            number += 1
        painter.end()

    # -- cursor ------------------------------------------------------------------
    def go_to(self, line: int, column: int = 0) -> None:
        """Put the cursor on a 1-based line and column and show it."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            block = self.document().lastBlock()
        cursor = QTextCursor(block)
        if column > 1:
            cursor.movePosition(QTextCursor.MoveOperation.Right,
                                QTextCursor.MoveMode.MoveAnchor,
                                min(column - 1, max(0, block.length() - 1)))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def _on_cursor_moved(self) -> None:
        cursor = self.textCursor()
        self.sig_cursor_moved.emit(cursor.blockNumber() + 1, cursor.positionInBlock() + 1)

    # -- completion --------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.completer.handle_key(event):
            return
        super().keyPressEvent(event)
        self.completer.after_key(event)


def editor_text(editor: QPlainTextEdit) -> str:
    """The editor's text exactly: toPlainText() turns no-break spaces (U+00A0) and line
    separators (U+2028) into plain ones, so a save would lose them; the raw text keeps
    them, with U+2029 between paragraphs, and counts positions as the document does."""
    return editor.document().toRawText().replace("\u2029", "\n")
