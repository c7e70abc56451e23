"""The studio's mail-client summary beside the preview, and File → Send test…"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from PySide6.QtWidgets import QTreeWidgetItem

from app.ui.send_test_dialog import SendTestDialog

SHOTS = Path(os.environ.get("MISSIVE_SHOTS", "")) if os.environ.get("MISSIVE_SHOTS") else None


def _child(window, family: str, feature: str) -> QTreeWidgetItem:
    tree = window.support.tree
    for index in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(index)
        if top.text(0) == family:
            for row in range(top.childCount()):
                if top.child(row).text(0).strip("\u202a\u202c") == feature:
                    return top.child(row)
    raise AssertionError(f"{family}: {feature} not listed")


def test_support_summary_lists_breakage_per_family_and_jumps_to_the_line(
        qtbot, window) -> None:
    window.select(template="invoice_ready", locale="he", channel="email", sample="dana_he")
    qtbot.waitUntil(lambda: window.support.tree.topLevelItemCount() > 0, timeout=60000)
    assert window.support.isVisible()
    families = [window.support.tree.topLevelItem(i).text(0)
                for i in range(window.support.tree.topLevelItemCount())]
    assert families[:3] == ["Gmail", "Outlook", "Apple Mail"]
    dark = _child(window, "Gmail", "@media (prefers-color-scheme)")
    assert dark.text(1).strip("\u202a\u202c") == "base.mjml:17 · Desktop Webmail, iOS, Android"
    assert "will break" in window.support.tree.topLevelItem(0).text(1)
    window.support.tree.itemClicked.emit(dark, 0)
    page = window.editors.current_page()
    assert page is not None and page.rel_path == "layouts/base.mjml"
    assert page.editor.textCursor().blockNumber() + 1 == 17
    if SHOTS:
        window.grab().save(str(SHOTS / "client-support-window.png"))


def test_support_summary_hides_for_sms(qtbot, window) -> None:
    window.select(template="invoice_ready", locale="en", channel="sms")
    qtbot.waitUntil(lambda: window.preview.result is not None
                    and window.preview.result.channel == "sms", timeout=20000)
    qtbot.waitUntil(lambda: not window.support.isVisible(), timeout=20000)


class _Inbox:
    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope.content)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, f"127.0.0.1:{controller.port}"
    finally:
        controller.stop()


def test_send_test_dialog_sends_the_email_on_screen(qtbot, window, smtp) -> None:
    inbox, address = smtp
    window.select(template="invoice_ready", locale="he", channel="email", sample="dana_he")
    c = window.choice
    dialog = SendTestDialog(window.project, c.template, c.locale, c.sample,
                            {"to": "me@example.org", "server": address, "security": "plain",
                             "user": ""}, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.sent == 1, timeout=30000)
    assert dialog.status.text() == "Sent to me@example.org."
    if SHOTS:
        dialog.grab().save(str(SHOTS / "send-test-sent.png"))
    assert len(inbox.received) == 1 and b"Content-Language: he" in inbox.received[0]
    assert dialog.remembered() == {"to": "me@example.org", "server": address,
                                   "security": "plain", "user": ""}
    # A remote server without TLS is refused before anything is sent, in one line.
    dialog.server.setText("smtp.example.com:25")
    dialog.send_button.click()
    assert dialog.status.text().startswith("TLS is required to send through smtp.example.com")
    dialog.server.setText("smtp.example.com:587")
    dialog.security.setCurrentIndex(dialog.security.findData("starttls"))
    dialog.user.setText("dana")
    dialog.status.setText("")
    if SHOTS:
        dialog.grab().save(str(SHOTS / "send-test.png"))


def test_the_file_menu_has_send_test(window) -> None:
    assert window.actions["send_test"].text() == "Send &test…"
    assert window.actions["send_test"] in window.menus["file"].actions()
