"""One document per file: forms write into the same unsaved text as the code editor.

A form (template settings, a sample, the Copy view…) never writes a file itself. It
reads the file's current text from :class:`FileDocuments` (the open editor's text, or
the disk's when no editor has it) and hands back the whole new text; that goes into
the file's editor page as one edit of only the characters that changed. So the code
editor, every form and the undo history share one document, and saving (atomic),
recovery of unsaved text and the "changed on disk" banner work as for typing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from .area import EditorArea
from .code_editor import editor_text


def _utf16(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, which is how Qt counts positions."""
    return len(text.encode("utf-16-le")) // 2


def replace_changed(editor: QPlainTextEdit, new_text: str) -> bool:
    """Make ``editor`` hold ``new_text`` by replacing only the span that differs.

    One undo step; the rest of the document (and its cursor, when outside the span)
    stays as it was. Returns False when there was nothing to change.
    """
    old = editor_text(editor)
    if old == new_text:
        return False
    start = 0
    limit = min(len(old), len(new_text))
    while start < limit and old[start] == new_text[start]:
        start += 1
    end_old, end_new = len(old), len(new_text)
    while end_old > start and end_new > start and old[end_old - 1] == new_text[end_new - 1]:
        end_old -= 1
        end_new -= 1
    cursor = QTextCursor(editor.document())
    cursor.beginEditBlock()
    cursor.setPosition(_utf16(old[:start]))
    cursor.setPosition(_utf16(old[:end_old]), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new_text[start:end_new])
    cursor.endEditBlock()
    return True


class FileDocuments(QObject):
    """The project's files as the editors hold them; ``sig_changed(rel)`` on any edit."""

    sig_changed = Signal(str)

    def __init__(self, editors: EditorArea) -> None:
        super().__init__(editors)
        self.editors = editors
        editors.sig_text_changed.connect(self.sig_changed)

    def text(self, rel_path: str) -> str | None:
        """The file's current text: unsaved when an editor has it, else the disk's."""
        page = self.editors.page_for(rel_path)
        if page is not None:
            return page.text
        if self.editors.root is None:
            return None
        try:
            return (self.editors.root / rel_path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def write(self, rel_path: str, new_text: str) -> bool:
        """Put ``new_text`` into the file's document (opened in a background tab if
        needed), unsaved; False when the file cannot be opened."""
        page = self.editors.open(rel_path, focus=False)
        if page is None:
            return False
        replace_changed(page.editor, new_text)
        return True

    def save(self, rel_path: str) -> bool:
        """Save the file's document (atomically, as the editor's Save does)."""
        page = self.editors.page_for(rel_path)
        return page is None or not page.modified or self.editors.save(page)
