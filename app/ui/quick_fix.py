"""Quick fixes in the studio: the findings panel offers a finding's fixes (its button, or
Ctrl+. on the selected finding) and this applies one to the documents in the editor.

Every file a fix touches is opened in the editor and changed there as one undoable edit
(Ctrl+Z takes it back); nothing is written until the writer saves. The edits were made
against the text the check read — unsaved text included — and are refused, all of them,
when that text has changed since, so a fix never lands in the wrong place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QWidget

from ..core.checks.fixes import Edit, Fix
from .i18n import _


def _utf16(text: str, index: int) -> int:
    """A Python index as a Qt text position (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


def apply_fix(editors: Any, fix_data: dict[str, Any]) -> str:
    """Apply a fix (its JSON form) to the editor's documents; "" on success, else why not."""
    fix = Fix.from_dict(fix_data)
    pages = {}
    for path in fix.paths:
        page = editors.open(path, focus=False)
        if page is None:
            return _("The fix could not be applied: {path} can't be opened.").format(path=path)
        pages[path] = page
    for edit in fix.edits:
        if pages[edit.path].text[edit.start:edit.end] != edit.old:
            return _("The text changed since the check; the fix was not applied. "
                     "Try again when the findings are up to date.")
    for path, page in pages.items():
        _edit_document(page.editor, page.text, [e for e in fix.edits if e.path == path])
    first = fix.edits[0]
    editors.open(first.path, focus=True)
    return ""


def _edit_document(editor: Any, text: str, edits: list[Edit]) -> None:
    cursor = QTextCursor(editor.document())
    cursor.beginEditBlock()  # one step for Ctrl+Z
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        cursor.setPosition(_utf16(text, edit.start))
        cursor.setPosition(_utf16(text, edit.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.new)
    cursor.endEditBlock()
    last = min(edits, key=lambda e: e.start)
    cursor.setPosition(_utf16(text, last.start) + _utf16(last.new, len(last.new)))
    editor.setTextCursor(cursor)


def install(window: Any) -> QShortcut:
    """Connect the findings panel's fixes to the editor, and Ctrl+. to the panel."""
    def run(fix_data: dict[str, Any]) -> None:
        problem = apply_fix(window.editors, fix_data)
        window.statusBar().showMessage(problem or _("Fixed: {title}").format(
            title=window.findings.fix_title(fix_data)), 8000)

    window.findings.sig_fix.connect(run)
    shortcut = QShortcut(QKeySequence("Ctrl+."), window)
    shortcut.activated.connect(lambda: _offer(window))
    return shortcut


def _offer(window: QWidget) -> None:
    """Ctrl+.: the fixes of the selected finding, or of the first one on the cursor's line."""
    panel = window.findings
    if panel.currentItem() is None:
        page = window.editors.current_page()
        if page is not None:
            line = page.editor.textCursor().blockNumber() + 1
            panel.select_at(page.rel_path, line)
    panel.offer_fixes()
