"""The Copy view writes into the same open documents as the code editor.

One document per file: an edit from the Copy view opens the file's editor page if it is
not open yet (without switching to it) and replaces the block's span there as one
undoable step, so the code editor, the preview, the recovery area, saving and the
external-change banner all see it as they see typing. Undo and redo are the document's.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from ...core.copy import CopyEdit
from ..editor import EditorArea, EditorPage


def utf16_offset(text: str, index: int) -> int:
    """A Python string index as a Qt document position (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


class DocumentBridge:
    """Reads the open documents' text and applies copy edits to them."""

    def __init__(self, editors: EditorArea) -> None:
        self.editors = editors

    def overlay(self) -> dict[str, str]:
        """{path: text} of every open document (what the Copy view must read)."""
        return {page.rel_path: page.text for page in self.editors.pages()}

    def page(self, rel_path: str, open_it: bool = False) -> EditorPage | None:
        """The file's page; opened in the background when ``open_it``."""
        page = self.editors.page_for(rel_path)
        if page is None and open_it:
            page = self.editors.open(rel_path, focus=False)
        return page

    def apply(self, edit: CopyEdit) -> bool:
        """Replace the edit's span in the file's document (one undo step); False if the
        document no longer holds the text the edit was computed from."""
        page = self.page(edit.path, open_it=True)
        if page is None:
            return False
        text = page.text
        if text != edit.old_source:
            return False
        cursor = QTextCursor(page.editor.document())
        cursor.beginEditBlock()
        cursor.setPosition(utf16_offset(text, edit.start))
        cursor.setPosition(utf16_offset(text, edit.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.replacement)
        cursor.endEditBlock()
        return True

    def undo(self, rel_path: str) -> None:
        """Undo the last step of the file's document."""
        page = self.page(rel_path)
        if page is not None:
            page.editor.document().undo()

    def redo(self, rel_path: str) -> None:
        """Redo the next step of the file's document."""
        page = self.page(rel_path)
        if page is not None:
            page.editor.document().redo()

    def save(self, paths: set[str]) -> bool:
        """Save the modified documents among ``paths`` (atomically, with the usual
        external-change rules); False if one was not saved."""
        ok = True
        for rel in sorted(paths):
            page = self.page(rel)
            if page is not None and page.modified:
                ok = self.editors.save(page) and ok
        return ok
