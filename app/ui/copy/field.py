"""A block as an editable field: text with bold, italic and links, placeholders and logic
as chips, in the locale's direction.

The field shows a block's runs and gives them back (:meth:`CopyField.runs`); it never
writes a file. Undo and redo are the document's (one history per file), so the field
asks for them with ``sig_undo``/``sig_redo`` instead of keeping its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from ...core.copy import Run
from ..i18n import translate_template
from .chips import (
    OBJECT_CHAR,
    PROP_BRANCHES,
    PROP_KIND,
    PROP_LINK_TAG,
    PROP_SOURCE,
    PROP_TEXT,
    chip_format,
    is_chip,
    placeholder_label,
    prop,
)

LINE_SEPARATOR = "\u2028"
LINK_COLOR = "#0969da"
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][\w-]*)")


def say(text: str) -> str:
    """A core sentence (a ``Message``, maybe holding others) in the interface language."""
    template = getattr(text, "template", None)
    if template is None:
        return str(text)
    args = {k: say(v) for k, v in getattr(text, "args", {}).items()}
    return translate_template(template, args, str(text))


def _markup_label(source: str) -> str:
    match = _TAG_NAME.match(source)
    return f"<{match.group(1)}>" if match else "…"


class CopyField(QTextEdit):
    """One block's text. ``fmt`` is the block's format (``html`` allows formatting and
    line breaks); ``multiline`` plain fields take Enter as a new line."""

    sig_edited = Signal()
    sig_undo = Signal()
    sig_redo = Signal()
    sig_focused = Signal()

    def __init__(self, fmt: str, direction: str, multiline: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fmt = fmt
        self.multiline = multiline
        self._loading = False
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        doc = self.document()
        doc.setUndoRedoEnabled(False)  # the file's document keeps the one undo history
        doc.setDocumentMargin(5)
        self.set_direction(direction)
        doc.contentsChanged.connect(self._on_changed)
        doc.documentLayout().documentSizeChanged.connect(lambda _s: self._fit())
        self.cursorPositionChanged.connect(self._leave_chip_format)

    # -- direction and size ------------------------------------------------------------
    def set_direction(self, direction: str) -> None:
        """Lay the text out right to left (he, ar) or left to right."""
        rtl = direction == "rtl"
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)
        option.setAlignment(Qt.AlignmentFlag.AlignLeading)  # right in he/ar, left in en
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)

    def _fit(self) -> None:
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 2
        if height != self.height():
            self.setFixedHeight(max(height, self.fontMetrics().height() + 14))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    # -- runs in and out -----------------------------------------------------------------
    def set_runs(self, runs: Sequence[Run]) -> None:
        """Show ``runs`` (without emitting ``sig_edited``)."""
        self._loading = True
        try:
            self.document().clear()
            cursor = QTextCursor(self.document())
            for run in runs:
                self._insert_run(cursor, run)
            self.setTextCursor(QTextCursor(self.document()))
        finally:
            self._loading = False
        self._fit()

    def _text_format(self, run: Run) -> QTextCharFormat:
        return _with_emphasis(QTextCharFormat(), run, link_style=True)

    def _insert_run(self, cursor: QTextCursor, run: Run) -> None:
        base = self._text_format(run)
        if run.kind == "text":
            cursor.insertText(run.text.replace("\r\n", "\n"), base)
        elif run.kind == "break":
            fmt = QTextCharFormat(base)
            fmt.setProperty(PROP_SOURCE, run.source)
            cursor.insertText(LINE_SEPARATOR if self.fmt == "html" else "\n", fmt)
        else:
            label = placeholder_label(run.text) if run.kind == "placeholder" else \
                say(run.text) if run.kind == "logic" else _markup_label(run.source)
            fmt = self._chip(run.kind, run.source, label, run.text, run.branches)
            cursor.insertText(OBJECT_CHAR, _with_emphasis(fmt, run, link_style=False))

    def _chip(self, kind: str, source: str, label: str, text: str,
              branches: tuple[str, ...] = ()) -> QTextCharFormat:
        return chip_format(self.document(), self.font(), self.devicePixelRatioF(), kind,
                           source, label, text, branches)

    def runs(self) -> list[Run]:
        """The field's content as runs (text runs carry no source: they are new text)."""
        out: list[Run] = []
        block = self.document().begin()
        first = True
        while block.isValid():
            if not first:
                out.append(Run("break", "\n", "<br>") if self.fmt == "html"
                           else Run("text", "\n", ""))
            first = False
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                self._fragment_runs(frag.text(), frag.charFormat(), out)
                it += 1
            block = block.next()
        return _merge(out)

    def _fragment_runs(self, text: str, fmt: QTextCharFormat, out: list[Run]) -> None:
        bold = fmt.fontWeight() >= QFont.Weight.Bold
        italic = fmt.fontItalic()
        href = fmt.anchorHref() if fmt.isAnchor() else None
        tag = prop(fmt, PROP_LINK_TAG) if href is not None else None
        marks = {"bold": bold, "italic": italic, "href": href,
                 "link_tag": str(tag) if tag else None}
        buffer = ""
        for char in text:
            if char == OBJECT_CHAR and is_chip(fmt):
                if buffer:
                    out.append(Run("text", buffer, "", **marks))
                    buffer = ""
                branches = prop(fmt, PROP_BRANCHES)
                out.append(Run(prop(fmt, PROP_KIND), prop(fmt, PROP_TEXT),
                               prop(fmt, PROP_SOURCE), **marks,
                               branches=tuple(branches.split("\n")) if branches else ()))
            elif char == LINE_SEPARATOR:
                if buffer:
                    out.append(Run("text", buffer, "", **marks))
                    buffer = ""
                source = prop(fmt, PROP_SOURCE)
                out.append(Run("break", "\n", str(source) if source else "<br>", **marks)
                           if self.fmt == "html" else Run("text", "\n", ""))
            elif char != OBJECT_CHAR:
                buffer += char
        if buffer:
            out.append(Run("text", buffer, "", **marks))

    # -- editing -----------------------------------------------------------------------
    def _on_changed(self) -> None:
        if not self._loading and not self.isReadOnly():
            self.sig_edited.emit()

    def _leave_chip_format(self) -> None:
        """Text typed next to a chip is plain text, not part of the chip."""
        fmt = self.currentCharFormat()
        if is_chip(fmt) or fmt.isImageFormat():
            clean = QTextCharFormat()
            clean.setFontWeight(fmt.fontWeight())
            clean.setFontItalic(fmt.fontItalic())
            self.setCurrentCharFormat(clean)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.sig_focused.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.sig_undo.emit()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self.sig_redo.emit()
            return
        if self.fmt == "html" and not self.isReadOnly():
            if event.matches(QKeySequence.StandardKey.Bold):
                self.toggle_bold()
                return
            if event.matches(QKeySequence.StandardKey.Italic):
                self.toggle_italic()
                return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.isReadOnly():
            if self.fmt == "html":
                self.textCursor().insertText(LINE_SEPARATOR, QTextCharFormat())
            elif self.multiline:
                self.textCursor().insertText("\n")
            return  # a one-line text (a subject, a label) takes no new line
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste as plain text: formatting from elsewhere is not the message's."""
        text = source.text()
        if self.fmt == "html" or not self.multiline:
            text = text.replace("\r\n", "\n").replace("\n", LINE_SEPARATOR if
                                                      self.fmt == "html" else " ")
        self.textCursor().insertText(text)

    def _merge_format(self, fmt: QTextCharFormat) -> None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        cursor.mergeCharFormat(fmt)
        self.mergeCurrentCharFormat(fmt)

    def toggle_bold(self) -> None:
        """Bold on or off for the selection (or the word at the cursor)."""
        fmt = QTextCharFormat()
        bold = self.currentCharFormat().fontWeight() >= QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Normal if bold else QFont.Weight.Bold)
        self._merge_format(fmt)

    def toggle_italic(self) -> None:
        """Italic on or off for the selection (or the word at the cursor)."""
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.currentCharFormat().fontItalic())
        self._merge_format(fmt)

    def set_link(self, href: str) -> None:
        """Link the selection to ``href`` (an empty ``href`` removes the link)."""
        fmt = QTextCharFormat()
        fmt.setAnchor(bool(href))
        fmt.setAnchorHref(href)
        fmt.setForeground(QColor(LINK_COLOR) if href else self.palette().text().color())
        fmt.setFontUnderline(bool(href))
        fmt.setProperty(PROP_LINK_TAG, "")
        self._merge_format(fmt)

    def insert_chip(self, kind: str, source: str, expression: str) -> None:
        """Insert a placeholder at the cursor (replacing the selection)."""
        fmt = self._chip(kind, source, placeholder_label(expression), expression)
        cursor = self.textCursor()
        cursor.insertText(OBJECT_CHAR, fmt)
        self.setTextCursor(cursor)
        self.setFocus()


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        prev = out[-1] if out else None
        if prev and run.kind == prev.kind == "text" and \
                (prev.bold, prev.italic, prev.href) == (run.bold, run.italic, run.href):
            out[-1] = Run("text", prev.text + run.text, "", prev.bold, prev.italic, prev.href,
                          prev.link_tag)
        else:
            out.append(run)
    return out


def _with_emphasis(fmt: QTextCharFormat, run: Run, link_style: bool) -> QTextCharFormat:
    """``fmt`` with the bold, italic and link around ``run`` (a chip keeps its own colours,
    so only text gets the link's colour and underline)."""
    if run.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if run.italic:
        fmt.setFontItalic(True)
    if run.href is not None:
        fmt.setAnchor(True)
        fmt.setAnchorHref(run.href)
        if link_style:
            fmt.setForeground(QColor(LINK_COLOR))
            fmt.setFontUnderline(True)
        if run.link_tag:
            fmt.setProperty(PROP_LINK_TAG, run.link_tag)
    return fmt
