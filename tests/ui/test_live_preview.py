"""Typing into a newsletter-sized email: the preview is painted before the checks, keeps
the reader's scroll position without reloading the page, and an edit that doesn't change
the HTML doesn't touch the page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWebEngineCore import QWebEngineScript

from tests.ui.conftest import dispose, make_window
from tests.ui.helpers import show, type_at_end

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"


@pytest.fixture
def corpus_window(qtbot, stores, tmp_path: Path):
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    window = make_window(qtbot, stores, root)
    yield window
    dispose(window)


def _type_inside(qtbot, page, anchor: str, text: str) -> None:
    cursor = page.editor.textCursor()
    cursor.setPosition(page.text.index(anchor) + len(anchor))
    page.editor.setTextCursor(cursor)
    page.editor.setFocus()
    qtbot.keyClicks(page.editor, text)


def test_typing_paints_first_keeps_the_scroll_and_reloads_nothing(qtbot, corpus_window) -> None:
    window = corpus_window
    page = show(window, "order_shipped", "en", "email")
    email = window.preview.email
    qtbot.waitUntil(lambda: email.loads > 0 and not email.is_painting()
                    and "in the parcel" in (email._shown_html or ""), timeout=20000)
    qtbot.waitUntil(lambda: window.render.running == 0, timeout=20000)
    email.page.runJavaScript("window.scrollTo(0, 900)",
                             QWebEngineScript.ScriptWorldId.ApplicationWorld)
    qtbot.waitUntil(lambda: email.page.scrollPosition().y() > 800, timeout=5000)
    loads, swaps = email.loads, email.swaps

    events: list[tuple[str, int, bool, bool]] = []
    for signal in (window.render.sig_rendered, window.render.sig_completed):
        signal.connect(lambda r: events.append(("rendered", r.generation,
                                                "text" in (r.message or {}), r.checks_ran)))
    window.render.sig_checked.connect(
        lambda r: events.append(("checked", r.generation, True, r.checks_ran)))
    _type_inside(qtbot, page, "in the parcel", " XQZ")
    qtbot.waitUntil(lambda: "in the parcel XQZ" in (email._shown_html or "")
                    and not email.is_painting(), timeout=20000)
    qtbot.waitUntil(lambda: any(e[0] == "checked" for e in events), timeout=30000)

    # the page was swapped in place, not loaded again, and the reader's place is kept
    assert email.loads == loads and email.swaps > swaps
    assert email.page.scrollPosition().y() > 800
    # paint first: the newest text was shown before its plain text and its checks
    last = max(e[1] for e in events)
    mine = [e for e in events if e[1] == last]
    assert mine[0] == ("rendered", last, False, False)
    assert ("rendered", last, True, False) in mine
    assert mine[-1][0] == "checked" and mine[-1][3]
    email.set_mode("text")  # the plain text, derived after the paint, is there when shown
    assert "in the parcel XQZ" in email.text_view.toPlainText()
    email.set_mode("preview")

    # an edit outside the blocks of a child template changes nothing in the HTML (once the
    # marked version for editing in the preview, which follows the checks, is swapped in)
    qtbot.waitUntil(lambda: not email.is_painting(), timeout=10000)
    swaps = email.swaps
    generation = window.preview.result.generation
    type_at_end(qtbot, page, " ")
    qtbot.waitUntil(lambda: window.preview.result.generation > generation, timeout=20000)
    qtbot.waitUntil(lambda: window.render.running == 0, timeout=30000)
    assert email.loads == loads and email.swaps == swaps
