"""Editing in the email preview: a click selects the block, a double-click edits it in
place; the email's own content can never run script or reach the page bridge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui

HE_MJML = "templates/payment_received/he/email.mjml"


def _js(qtbot, window, expression: str):
    """The value of a JavaScript expression in the studio's isolated world of the page."""
    box: dict = {}
    window.preview.email.run_in_page(f"JSON.stringify({expression})",
                                     lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=10000)
    return json.loads(box["v"]) if box["v"] else None


def _show(qtbot, window, template="payment_received", locale="he", sample="dana_he"):
    window.select(template=template, locale=locale, channel="email", sample=sample)
    window.render.flush()
    with qtbot.waitSignal(window.sig_preview_ready, timeout=30000):
        pass
    attr = window.preview_editing.bridge.attribute
    # The marked email comes with the checks, after the first paint.
    qtbot.waitUntil(lambda: _js(qtbot, window, f"typeof window.missiveSelect == 'function' "
                                               f"&& !!document.querySelector('[{attr}]')"),
                    timeout=10000)
    return attr


def _point(qtbot, window, attr: str, block_id: str) -> QPoint:
    # The middle of the first line box of the text (not the corner of its bounding box,
    # which in a right-aligned paragraph may be empty space).
    rect = _js(qtbot, window, f"""(function(){{
        var r = document.querySelector('[{attr}="{block_id}"]').getClientRects()[0];
        return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
    zoom = window.preview.email.frame.zoom
    return QPoint(int(rect[0] * zoom), int(rect[1] * zoom))


def _type(target, text: str) -> None:
    """Type ``text`` as a keyboard in that language delivers it (committed input)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(target, event)


def _double_click(target, point: QPoint) -> None:
    """Press, release, press as a double-click, release: what a mouse sends."""
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(target, left, none, point)
    QTest.mouseRelease(target, left, none, point)
    QTest.mouseDClick(target, left, none, point)
    QTest.mouseRelease(target, left, none, point)


def test_click_selects_and_double_click_edits_in_place(qtbot, window, demo: Path) -> None:
    attr = _show(qtbot, window)
    bridge = window.preview_editing.bridge
    ids = _js(qtbot, window, f"Array.from(document.querySelectorAll('[{attr}]'))"
                             f".map(e => e.getAttribute('{attr}'))")
    assert "email.body.text2" in ids and "email.partial-footer.text1" in ids
    # The HTML source tab and the checks still see the unmarked email.
    assert attr not in window.preview.result.message["html"]

    selected: list[str] = []
    window.preview_editing.sig_block_selected.connect(selected.append)
    view = window.preview.email.frame.view
    target = view.focusProxy()
    point = _point(qtbot, window, attr, "email.body.text2")
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.waitUntil(lambda: selected == ["email.body.text2"], timeout=10000)

    _double_click(target, point)
    qtbot.waitUntil(lambda: "editing email.body.text2" in bridge.calls, timeout=10000)
    assert _js(qtbot, window, f"document.querySelector('[{attr}=\"email.body.text2\"]')"
                              f".isContentEditable") is True
    _type(target, " ועוד")
    QTest.keyClick(target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "commit email.body.text2" in bridge.calls, timeout=10000)
    page = window.editors.page_for(HE_MJML)
    assert page is not None and page.modified
    assert "<mj-text>תודה! קיבלנו את התשלום שלך על סך: ועוד</mj-text>" in page.text
    # Only that block changed: every other byte of the file is as on disk.
    disk = (demo / HE_MJML).read_text(encoding="utf-8")
    assert page.text.replace(" ועוד", "", 1) == disk
    # One undo history with the code editor.
    page.editor.undo()
    assert page.text == disk


def test_placeholders_are_atomic_chips_and_survive_an_edit(qtbot, window) -> None:
    attr = _show(qtbot, window)
    bridge = window.preview_editing.bridge
    window.preview_editing.begin_edit("email.body.text4")
    qtbot.waitUntil(lambda: "editing email.body.text4" in bridge.calls, timeout=10000)
    chips = _js(qtbot, window, f"Array.from(document.querySelectorAll("
                               f"'[{attr}=\"email.body.text4\"] .mb-chip'))"
                               f".map(c => [c.textContent, c.isContentEditable])")
    # The chips say what they are as the Copy view's do, and can't be typed into.
    assert chips == [["paid at · datetime", False], ["receipt number", False]]
    # Type at the start (the caret is at the end; Home moves to the line's start).
    target = window.preview.email.frame.view.focusProxy()
    _type(target, " תודה")
    QTest.keyClick(target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "commit email.body.text4" in bridge.calls, timeout=10000)
    text = window.editors.page_for(HE_MJML).text
    assert "{{ paid_at|datetime('medium', timezone) }}" in text
    assert "<strong>{{ receipt_number }}</strong>. תודה</mj-text>" in text


def test_a_refused_edit_changes_nothing(qtbot, window, demo: Path) -> None:
    _show(qtbot, window)
    bridge = window.preview_editing.bridge
    # What a page could send: a chip the block doesn't have.
    problem = bridge.commit("email.body.text2", json.dumps(
        [{"kind": "chip", "src": "{{ secret }}"}]))
    assert problem.startswith("Not changed")
    assert bridge.commit("email.body.nope", "[]").startswith("Not changed")
    assert bridge.commit("email.body.text2", "not json").startswith("Not changed")
    assert window.editors.page_for(HE_MJML) is None or \
        not window.editors.page_for(HE_MJML).modified


EVIL = """{% extends "layouts/base.mjml" %}
{% block content %}
        <mj-text>Hello <span data-mb-fake="email.body.text1">spoof</span></mj-text>
        <mj-raw><script>document.title = 'pwned';
          new QWebChannel(qt.webChannelTransport, function (c) {
            c.objects.missiveBridge.commit('email.body.text1', '[]'); });</script></mj-raw>
        <mj-raw><img src="x" onerror="document.title='pwned2'"></mj-raw>
        <mj-button href="javascript:document.title='pwned3'">Go</mj-button>
{% endblock %}
"""


def test_template_content_cannot_run_script_or_reach_the_bridge(qtbot, window,
                                                                demo: Path) -> None:
    (demo / "templates/payment_received/en/email.mjml").write_text(EVIL, encoding="utf-8")
    window.reload_project()
    attr = _show(qtbot, window, locale="en", sample="emily_en")
    bridge = window.preview_editing.bridge
    assert _js(qtbot, window, "document.querySelectorAll('script').length") >= 1  # it's there
    assert _js(qtbot, window, "document.title") != "pwned"
    assert "pwned" not in str(_js(qtbot, window, "document.title"))
    # The page's own (main) world runs no script at all, not even the studio's.
    box: dict = {}
    window.preview.email.page.runJavaScript("1 + 1", 0, lambda v: box.setdefault("main", v))
    qtbot.waitUntil(lambda: "main" in box, timeout=10000)
    assert box["main"] != 2
    assert _js(qtbot, window, "1 + 1") == 2  # while the isolated world does
    # The spoofed attribute is not this session's: it is not a block.
    assert _js(qtbot, window, "document.querySelectorAll('[data-mb-fake]').length") == 1
    assert _js(qtbot, window, f"document.querySelectorAll('[{attr}=\"email.body.text1\"]')"
                              f".length") == 1
    qtbot.wait(300)
    assert not any(call.startswith("commit") for call in bridge.calls)


def test_sms_bubble_edits_in_place_with_whole_chips(qtbot, window, demo: Path) -> None:
    window.select(template="payment_received", locale="he", channel="sms", sample="dana_he")
    window.render.flush()
    with qtbot.waitSignal(window.sig_preview_ready, timeout=30000):
        pass
    bubble = window.preview.sms.bubble
    selected: list[str] = []
    window.preview_editing.sig_block_selected.connect(selected.append)
    qtbot.mouseClick(bubble, Qt.MouseButton.LeftButton)
    assert selected == ["sms.body"]
    qtbot.mouseDClick(bubble, Qt.MouseButton.LeftButton)
    editor = window.preview_editing.bubble_editor
    assert editor.isVisible() and editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    chips = [i["src"] for i in editor.items() if i["kind"] == "chip"]
    assert chips[0] == "{{ amount_paid|money(currency) }}"
    # Backspace right after a chip deletes it whole, never half of it.
    text = editor.toPlainText()
    end_of_chip = text.index("\u2069") + 1
    cursor = editor.textCursor()
    cursor.setPosition(end_of_chip)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert [i["src"] for i in editor.items() if i["kind"] == "chip"] == chips[1:]
    editor.undo()
    assert [i["src"] for i in editor.items() if i["kind"] == "chip"] == chips
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    _type(editor, " תודה")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    page = window.editors.page_for("templates/payment_received/he/sms.txt")
    disk = (demo / "templates/payment_received/he/sms.txt").read_text(encoding="utf-8")
    body = disk.rstrip("\n")
    assert page.modified and page.text == body + " תודה" + disk[len(body):]


def test_subject_and_whatsapp_parts_select_and_edit(qtbot, window, demo: Path) -> None:
    window.select(template="payment_received", locale="en", channel="whatsapp",
                  sample="emily_en")
    window.render.flush()
    with qtbot.waitSignal(window.sig_preview_ready, timeout=30000):
        pass
    editing = window.preview_editing
    selected: list[str] = []
    editing.sig_block_selected.connect(selected.append)
    bubble = window.preview.whatsapp.bubble
    qtbot.mouseClick(bubble, Qt.MouseButton.LeftButton, pos=QPoint(30, 12))
    qtbot.wait(QApplication.styleHints().mouseDoubleClickInterval() + 100)  # not a double
    qtbot.mouseClick(bubble, Qt.MouseButton.LeftButton,
                     pos=QPoint(30, bubble.contentsRect().bottom() - 8))
    qtbot.mouseClick(window.preview.whatsapp.buttons[0], Qt.MouseButton.LeftButton)
    assert selected == ["whatsapp.header", "whatsapp.footer", "whatsapp.button1"]

    # The footer, edited in place, with a placeholder from the declared variables.
    editor = editing.edit_bubble("whatsapp.header")
    assert editor.block.id == "whatsapp.header"
    offered = dict((source, label) for label, source in editor.insertables)
    assert offered["{{ receipt_number }}"] == "receipt number"
    assert offered["{{ amount_paid|money(currency) }}"] == "amount paid · money"
    editor.selectAll()
    _type(editor, "Receipt ")
    editor.insert_placeholder("{{ receipt_number }}", offered["{{ receipt_number }}"])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    page = window.editors.page_for("templates/payment_received/en/whatsapp.toml")
    assert page.text.startswith('header = "Receipt {{ receipt_number }}"\n')

    # The subject in the inbox row of the email preview.
    window.select(channel="email")
    window.render.flush()
    with qtbot.waitSignal(window.sig_preview_ready, timeout=30000):
        pass
    qtbot.mouseClick(window.preview.email.inbox.subject_label, Qt.MouseButton.LeftButton)
    assert selected[-1] == "email.subject"
    qtbot.mouseDClick(window.preview.email.inbox.subject_label, Qt.MouseButton.LeftButton)
    editor = editing.bubble_editor
    assert editor.block.id == "email.subject"
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    _type(editor, "!")
    editor.clearFocus()  # leaving the field writes it too
    page = window.editors.page_for("templates/payment_received/en/email.toml")
    assert 'subject = "Payment received: {{ amount_paid|money(currency) }}. Thank you!"' \
        in page.text


def test_a_placeholder_is_inserted_from_the_declared_variables(qtbot, window) -> None:
    attr = _show(qtbot, window)
    editing = window.preview_editing
    bridge = editing.bridge
    editing.begin_edit("email.body.text2")
    qtbot.waitUntil(lambda: "editing email.body.text2" in bridge.calls, timeout=10000)
    target = window.preview.email.frame.view.focusProxy()
    # Ctrl+Space (Edit → Complete placeholder) offers the variables while editing here.
    menus: list[str] = []
    bridge.sig_placeholder_menu.disconnect()
    bridge.sig_placeholder_menu.connect(menus.append)
    window.actions["complete"].trigger()
    assert menus == ["email.body.text2"]
    _type(target, " ")
    block = f"document.querySelector('[{attr}=\"email.body.text2\"]')"
    qtbot.waitUntil(lambda: _js(qtbot, window, f"/[\\s\\u00a0]$/.test({block}.textContent)"))
    editing.insert_in_page("{{ amount_paid|money(currency) }}", "amount_paid")
    qtbot.waitUntil(lambda: _js(qtbot, window, f"document.querySelectorAll("
                                               f"'[{attr}] .mb-chip').length") == 1)
    QTest.keyClick(target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "commit email.body.text2" in bridge.calls, timeout=10000)
    text = window.editors.page_for(HE_MJML).text
    assert "<mj-text>תודה! קיבלנו את התשלום שלך על סך: {{ amount_paid|money(currency) }}" \
           "</mj-text>" in text


def test_a_click_in_the_preview_selects_the_block_in_the_copy_view(qtbot, window) -> None:
    window.tabs.setCurrentWidget(window.copy_split)  # the Copy tab, preview beside it
    window.activateWindow()
    attr = _show(qtbot, window)
    view = window.copy_view
    qtbot.waitUntil(lambda: "email.body.text4" in view.rows, timeout=10000)
    target = window.preview.email.frame.view.focusProxy()
    point = _point(qtbot, window, attr, "email.body.text4")
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.waitUntil(lambda: view.rows["email.body.text4"].field.hasFocus(), timeout=10000)
    # The SMS bubble too.
    window.select(channel="sms")
    window.render.flush()
    with qtbot.waitSignal(window.sig_preview_ready, timeout=30000):
        pass
    qtbot.mouseClick(window.preview.sms.bubble, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.rows["sms.body"].field.hasFocus(), timeout=10000)


def test_the_copy_view_field_with_the_cursor_is_outlined_in_the_preview(qtbot,
                                                                       window) -> None:
    window.tabs.setCurrentWidget(window.copy_split)
    window.activateWindow()
    attr = _show(qtbot, window)
    view = window.copy_view
    qtbot.waitUntil(lambda: "email.body.text5" in view.rows, timeout=10000)
    view.select_block("email.body.text5")
    qtbot.waitUntil(lambda: _js(qtbot, window, "document.querySelector('.mb-selected') && "
                                               f"document.querySelector('.mb-selected')"
                                               f".getAttribute('{attr}')") ==
                    "email.body.text5", timeout=10000)
