"""How the editor lays out Hebrew and Arabic source: markup lines left to right and
unstretched, placeholders never cut by a wrap, Hebrew and Arabic in a proportional font,
and isolated runs marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QTextCharFormat, QTextCursor

from .helpers import show


def _block_with(page, fragment: str):
    block = page.editor.document().firstBlock()
    while block.isValid():
        if fragment in block.text():
            return block
        block = block.next()
    raise AssertionError(fragment)


def _gaps(page, block) -> list[int]:
    """The on-screen widths of the spaces in a line (equal when nothing is stretched)."""
    widths = []
    for index, char in enumerate(block.text()):
        if char == " " and index + 1 < len(block.text()):
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + index)
            left = page.editor.cursorRect(cursor).x()
            cursor.setPosition(block.position() + index + 1)
            widths.append(abs(page.editor.cursorRect(cursor).x() - left))
    return widths


def test_markup_lines_are_not_wrapped_or_stretched(qtbot, window) -> None:
    for locale in ("he", "ar"):
        page = show(window, "invoice_ready", locale, "email")
        page.editor.resize(420, 500)  # narrower than the lines
        qtbot.wait(50)
        block = page.editor.document().firstBlock()
        while block.isValid():
            assert block.layout().lineCount() <= 1, block.text()  # {{ }} never cut
            block = block.next()
        line = _block_with(page, "{% extends")
        assert line.textDirection() == Qt.LayoutDirection.LeftToRight
        option = page.editor.document().defaultTextOption()
        assert option.wrapMode().name == "NoWrap"
        # The spaces of the code line are all the same width: nothing justified.
        gaps = [g for g in _gaps(page, line) if g]
        assert gaps and max(gaps) - min(gaps) <= 1, gaps


def test_rtl_sms_is_aligned_right_never_justified(window) -> None:
    page = show(window, "invoice_ready", "he", "sms")
    option = page.editor.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    assert not option.alignment() & Qt.AlignmentFlag.AlignJustify


def _families_at(page, fragment: str) -> list[str]:
    block = _block_with(page, fragment)
    at = block.text().index(fragment)
    for fmt_range in block.layout().formats():
        if fmt_range.start <= at < fmt_range.start + fmt_range.length:
            return list(fmt_range.format.fontFamilies() or [])
    return []


def test_hebrew_and_arabic_runs_use_a_proportional_font(qtbot, window) -> None:
    for locale, word in (("he", "החשבונית"), ("ar", "فاتورتك")):
        page = show(window, "invoice_ready", locale, "email")
        qtbot.waitUntil(lambda p=page, w=word: bool(_families_at(p, w)), timeout=5000)
        families = _families_at(page, word)
        assert not QFontDatabase.isFixedPitch(families[0]), families
    code = _families_at(show(window, "invoice_ready", "ar", "email"), "extends")
    assert not code  # code keeps the editor's monospace font


def test_isolated_runs_are_marked(qtbot, window) -> None:
    page = show(window, "login_code", "he", "sms")
    page.set_text(page.text + " \u2066+972 3 555 0100\u2069", modified=True)
    qtbot.wait(50)
    block = _block_with(page, "+972 3")
    at = block.text().index("+972")
    marked = [r for r in block.layout().formats()
              if r.start <= at < r.start + r.length
              and r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine]
    assert marked
