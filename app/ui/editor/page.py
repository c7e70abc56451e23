"""An editor page: one project file, its editor, find bar and a banner for what
happened to the file on disk (changed by someone else, deleted, failed to save)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core.model import is_rtl
from ...core.project_files import read_project_text
from ...kernel.errors import MissiveError
from ..banner import Banner
from .code_editor import CodeEditor, editor_text
from .find_bar import FindBar


def locale_of(rel_path: str) -> str | None:
    """The content locale a project file is written in, if its path says so."""
    parts = rel_path.split("/")
    if len(parts) >= 4 and parts[0] == "templates":
        return parts[2]
    if len(parts) >= 3 and parts[0] == "partials":
        return parts[1]
    return None


class EditorPage(QWidget):
    """A file in an editor; ``disk_text`` is the text last read from or saved to disk."""

    sig_modified_changed = Signal(bool)

    def __init__(self, root: Path, rel_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.rel_path = rel_path
        self.path = root / rel_path
        self.banner = Banner(self)
        self.editor = CodeEditor(self.path.name, self)
        self.find_bar = FindBar(self.editor, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.banner)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        locale = locale_of(rel_path)
        self.editor.set_right_to_left(bool(locale and is_rtl(locale)))
        self.disk_text = self.read_disk() or ""
        self.keep_mine = False  # the user chose to keep their text over the disk's
        self.editor.setPlainText(self.disk_text)
        self.editor.document().setModified(False)
        self.editor.document().modificationChanged.connect(self.sig_modified_changed)

    @property
    def text(self) -> str:
        """The editor's text."""
        return editor_text(self.editor)

    @property
    def modified(self) -> bool:
        """Whether the text differs from what was last loaded or saved."""
        return self.editor.document().isModified()

    def read_disk(self) -> str | None:
        """The file's text on disk now (None if it is gone or unreadable)."""
        try:  # a regular file of bounded size only: a FIFO would freeze the window
            return read_project_text(self.path)
        except MissiveError:
            return None

    def set_text(self, text: str, modified: bool) -> None:
        """Replace the whole text (one undo step) and set the modified flag."""
        cursor = self.editor.textCursor()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        self.editor.document().setModified(modified)

    def reload(self) -> None:
        """Take the disk's text (the user chose reload)."""
        disk = self.read_disk()
        if disk is None:
            return
        self.disk_text = disk
        self.keep_mine = False
        self.set_text(disk, modified=False)

    def mark_saved(self, text: str) -> None:
        """Record that ``text`` is now what is on disk."""
        self.disk_text = text
        self.keep_mine = False
        self.editor.document().setModified(False)
