"""The studio survives hostile templates: the preview and the checks stop them with a
finding, the window keeps working, and pasted text is never lost."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.core.worker import WorkerPool, use_pool

from .conftest import dispose, make_window
from .helpers import show

pytestmark = pytest.mark.gui

CPU_HEAVY = "{% for i in range(99999) %}{{ ('x' * 99999).upper()|length }}{% endfor %}"
DIVS = "<mjml><mj-body><mj-section><mj-column><mj-raw>" + "<div>" * 20000 \
    + "</mj-raw></mj-column></mj-section></mj-body></mjml>"


@pytest.fixture
def bounded_window(qtbot, qapp, stores, demo):
    """The studio as `missive studio` runs it: previews and checks in the worker pool."""
    (demo / "policy.toml").write_text("[limits]\nrender_seconds = 0.5\n")
    pool = WorkerPool(size=2)
    use_pool(pool)
    window = make_window(qtbot, stores, demo)
    yield window
    dispose(window)
    use_pool(None)
    pool.close()


def _messages(window) -> list[str]:
    return [f["message"] for f in window.findings.findings]


def test_a_cpu_burning_template_becomes_a_finding_and_the_window_goes_on(qtbot,
                                                                         bounded_window):
    window = bounded_window
    page = show(window, "login_code", "en", "sms")
    page.set_text(CPU_HEAVY, modified=True)
    qtbot.waitUntil(lambda: any("stopped: the render of login_code (en, sms" in m
                                and "used more than 0.5 s of CPU time" in m
                                for m in _messages(window)), timeout=60000)
    stopped = [f for f in window.findings.findings if "stopped" in f["message"]]
    assert stopped[0]["path"] == "templates/login_code/en/sms.txt"
    page.set_text("Your code is {{ code }}.", modified=True)
    qtbot.waitUntil(lambda: "Your code is" in window.preview.sms.text, timeout=60000)
    assert window.isVisible()


def test_pasting_20000_divs_keeps_the_text_and_the_window(qtbot, bounded_window):
    window = bounded_window
    page = show(window, "invoice_ready", "en", "email")
    page.editor.selectAll()
    QApplication.clipboard().setText(DIVS)
    page.editor.paste()
    qtbot.waitUntil(lambda: any("elements nest more than 500 levels deep" in m
                                for m in _messages(window)), timeout=60000)
    assert page.editor.toPlainText() == DIVS
    assert page.text == DIVS
    page.set_text("<mjml><mj-body><mj-section><mj-column><mj-text>Back to normal"
                             "</mj-text></mj-column></mj-section></mj-body></mjml>", modified=True)
    qtbot.waitUntil(lambda: not any("nest" in m for m in _messages(window)), timeout=60000)
    assert window.isVisible()
