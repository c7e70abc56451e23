"""Unsaved words survive being ignored: recovered text is kept until the writer restores
or discards it, each window owns a locked recovery area, and renaming a template carries
its unsaved edits. Real windows, real files, real locks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog

from app.ui.main_window import MainWindow

from .conftest import dispose, flush_deletes, make_window
from .helpers import show, type_at_end

SMS = "templates/invoice_ready/he/sms.txt"


def _crash(qtbot, window: MainWindow) -> None:
    """The window dies without closing: nothing saved, no close event."""
    window.keeper._timer.stop()
    window.hide()
    window.render.wait_for_done()
    window.review.render.wait_for_done()
    window.deleteLater()
    flush_deletes()


def _typed_then_crashed(qtbot, stores, demo: Path, words: str) -> None:
    first = make_window(qtbot, stores, demo)
    page = show(first, "invoice_ready", "he", "sms")
    type_at_end(qtbot, page, words)
    qtbot.waitUntil(lambda: words in first.keeper.area.load().get(SMS, ""), timeout=10000)
    _crash(qtbot, first)


def _offered(window: MainWindow) -> bool:
    return window.banner.isVisible() and SMS in window.banner.label.text()


def test_ignoring_the_recovery_banner_keeps_the_text_for_the_next_start(qtbot, qapp, stores,
                                                                        demo: Path) -> None:
    words = " חמישים וחמש מילים שלא נשמרו"
    _typed_then_crashed(qtbot, stores, demo, words)

    second = make_window(qtbot, stores, demo)
    assert _offered(second)
    second.banner.button("Later").click()  # closes the banner without choosing
    assert not second.banner.isVisible()
    second.close()  # and the studio is closed normally
    flush_deletes()

    third = make_window(qtbot, stores, demo)
    try:
        assert _offered(third)  # offered again
        third.close()  # closing the window with the banner up keeps it too
        flush_deletes()
        fourth = make_window(qtbot, stores, demo)
        assert _offered(fourth)
        fourth.banner.button("Restore").click()
        restored = fourth.editors.page_for(SMS)
        assert restored.text.endswith(words) and restored.modified
        assert words not in restored.path.read_text(encoding="utf-8")
        # Restored text lives in this window's own area now; nothing is offered twice.
        assert words in fourth.keeper.area.load()[SMS]
        fifth = make_window(qtbot, stores, demo)
        assert not _offered(fifth)
        dispose(fifth)
        dispose(fourth)
    finally:
        dispose(third)


def test_discard_is_the_only_way_the_recovered_text_goes(qtbot, qapp, stores,
                                                         demo: Path) -> None:
    _typed_then_crashed(qtbot, stores, demo, " words to throw away")
    second = make_window(qtbot, stores, demo)
    assert _offered(second)
    second.banner.button("Discard").click()
    dispose(second)
    third = make_window(qtbot, stores, demo)
    try:
        assert not _offered(third)
    finally:
        dispose(third)


def test_two_windows_never_offer_each_others_live_text(qtbot, qapp, stores, demo: Path) -> None:
    a_words, b_words = " thirty words of the first window", " the second window's words"
    first = make_window(qtbot, stores, demo)
    page = show(first, "invoice_ready", "he", "sms")
    type_at_end(qtbot, page, a_words)
    qtbot.waitUntil(lambda: a_words in first.keeper.area.load().get(SMS, ""), timeout=10000)

    second = make_window(qtbot, stores, demo)  # the same project, while the first lives
    try:
        assert not _offered(second)
        other = show(second, "invoice_ready", "en", "sms")
        type_at_end(qtbot, other, b_words)
        qtbot.waitUntil(lambda: bool(second.keeper.area.load()), timeout=10000)

        _crash(qtbot, first)  # now the first window's text is a leftover
        third = make_window(qtbot, stores, demo)
        assert _offered(third)
        assert "templates/invoice_ready/en/sms.txt" not in third.banner.label.text()
        third.banner.button("Discard").click()  # discards the first's leftovers only
        dispose(third)
        # The second window's live text was never touched.
        assert second.keeper.area.load()["templates/invoice_ready/en/sms.txt"].endswith(b_words)
        _crash(qtbot, second)
        second = None
        fourth = make_window(qtbot, stores, demo)
        assert fourth.banner.isVisible()
        assert "templates/invoice_ready/en/sms.txt" in fourth.banner.label.text()
        fourth.banner.button("Restore").click()
        assert fourth.editors.page_for("templates/invoice_ready/en/sms.txt").text \
            .endswith(b_words)
        dispose(fourth)
    finally:
        if second is not None:
            dispose(second)


def test_renaming_a_template_carries_its_unsaved_edits(qtbot, window, monkeypatch) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    type_at_end(qtbot, page, " edits not saved yet")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda *a, **k: ("invoice_final", True)))
    window.actions["rename_template"].trigger()
    assert window.choice.template == "invoice_final"
    moved = window.editors.page_for("templates/invoice_final/en/sms.txt")
    assert moved is not None and moved.modified
    assert moved.text.endswith(" edits not saved yet")
    assert window.editors.page_for("templates/invoice_ready/en/sms.txt") is None
    assert " edits not saved yet" not in moved.path.read_text(encoding="utf-8")
    window.editors.save(moved)
    assert moved.path.read_text(encoding="utf-8").endswith(" edits not saved yet")
    assert not (window.project.root / "templates" / "invoice_ready").exists()


def test_the_studio_refuses_a_project_with_a_link_out_in_one_line(qtbot, qapp, stores,
                                                                  demo: Path,
                                                                  tmp_path: Path) -> None:
    import os

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("CANARY", encoding="utf-8")
    os.symlink(outside, demo / "partials" / "x")
    window = make_window(qtbot, stores)
    try:
        assert not window.open_project(demo)
        assert window.banner.isVisible()
        text = window.banner.label.text()
        assert "leads outside the project" in text and "partials/x" in text
        assert "\n" not in text and "CANARY" not in text
    finally:
        dispose(window)
