"""Quick fixes in the studio: the findings panel's button and Ctrl+. change the open
document as one undoable edit, from the unsaved text, and never write the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from .helpers import show, type_at_end

SMS = "templates/invoice_ready/en/sms.txt"


def _fixable_item(qtbot, window, word: str):
    def found():
        for index in range(window.findings.topLevelItemCount()):
            item = window.findings.topLevelItem(index)
            if word in item.text(2) and window.findings.itemWidget(item, 4) is not None:
                return item
        return None
    qtbot.waitUntil(lambda: found() is not None, timeout=15000)
    return found()


def test_fix_button_renames_a_misspelt_variable_in_unsaved_text(qtbot, window, demo) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    on_disk = (demo / SMS).read_text(encoding="utf-8")
    type_at_end(qtbot, page, " Ref {{ invoice_numbr }}")
    item = _fixable_item(qtbot, window, "invoice_numbr")
    assert "did you mean 'invoice_number'?" in item.text(2)
    button = window.findings.itemWidget(item, 4).button
    assert isinstance(button, QToolButton)
    assert button.text() == "Rename 'invoice_numbr' to 'invoice_number'"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.text.endswith(" Ref {{ invoice_number }}")  # the typed text is kept
    assert (demo / SMS).read_text(encoding="utf-8") == on_disk  # nothing written
    assert page.editor.document().isModified()
    page.editor.undo()  # one step takes the whole fix back
    assert page.text.endswith(" Ref {{ invoice_numbr }}")
    page.editor.redo()
    qtbot.waitUntil(lambda: not any("invoice_numbr" in window.findings.topLevelItem(i).text(2)
                                    for i in range(window.findings.topLevelItemCount())),
                    timeout=15000)


def test_ctrl_period_fixes_the_finding_on_the_cursor_line(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    type_at_end(qtbot, page, " Total {{ amount_due }}")
    _fixable_item(qtbot, window, "'amount_due' is shown raw")
    window.findings.setCurrentItem(None)
    page.editor.setFocus()
    qtbot.keyClick(page.editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert page.text.endswith(" Total {{ amount_due|money(currency) }}")


def test_a_fix_is_refused_when_the_text_changed_since_the_check(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    type_at_end(qtbot, page, " Ref {{ invoice_numbr }}")
    item = _fixable_item(qtbot, window, "invoice_numbr")
    fix = item.data(0, Qt.ItemDataRole.UserRole)["fixes"][0]
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.Start)
    page.editor.insertPlainText("X")
    from app.ui.quick_fix import apply_fix

    assert "changed since the check" in apply_fix(window.editors, fix)
    assert page.text.endswith(" Ref {{ invoice_numbr }}")
