"""The editor: right-to-left lines for Hebrew and Arabic files, find/replace, completion."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .helpers import show, type_at_end


def _direction_of_line_with(page, fragment: str) -> Qt.LayoutDirection:
    block = page.editor.document().firstBlock()
    while block.isValid():
        if fragment in block.text():
            return block.textDirection()
        block = block.next()
    raise AssertionError(fragment)


def test_a_hebrew_file_is_edited_right_to_left(window) -> None:
    page = show(window, "invoice_ready", "he", "email")
    assert page.editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # A code line stays left-to-right and readable; a line of Hebrew reads from the right.
    assert _direction_of_line_with(page, "{% extends") == Qt.LayoutDirection.LeftToRight
    page.set_text(page.text + "\nשורה בעברית {{ first_name }}", modified=True)
    assert _direction_of_line_with(page, "שורה בעברית") == Qt.LayoutDirection.RightToLeft
    sms = show(window, "invoice_ready", "ar", "sms")
    assert sms.editor.document().defaultTextOption().textDirection() == \
        Qt.LayoutDirection.RightToLeft
    english = show(window, "invoice_ready", "en", "sms")
    assert english.editor.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_find_and_replace_all(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    window.actions["replace"].trigger()
    assert page.find_bar.isVisible()
    page.find_bar.find_field.setText("Northwind")
    page.find_bar.replace_field.setText("Southwind")
    count = page.find_bar.replace_all()
    assert count >= 1 and "Northwind" not in page.text and "Southwind" in page.text
    window.actions["undo"].trigger()
    assert "Northwind" in page.text  # one undo step


def test_placeholders_complete_from_declarations_and_sample(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    names = page.editor.completer.names()
    assert "amount_due" in names and "receipt_number" in names and "money" in names
    type_at_end(qtbot, page, " {{ amou")
    qtbot.waitUntil(lambda: page.editor.completer.popup().isVisible(), timeout=5000)
    assert page.editor.completer.currentCompletion() == "amount_due"
    qtbot.keyClick(page.editor.completer.popup(), Qt.Key.Key_Return)
    assert page.text.endswith("{{ amount_due")
