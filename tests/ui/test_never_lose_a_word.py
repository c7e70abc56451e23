"""Never lose a word: failed saves, recovery after a kill, changes made on disk by
someone else, and closing with unsaved changes."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .conftest import dispose, flush_deletes, make_window
from .helpers import file_size_limit, show, type_at_end


def test_a_failed_save_keeps_the_old_file_and_says_why(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    before = page.path.read_text(encoding="utf-8")
    type_at_end(qtbot, page, " More words " * 20)
    with file_size_limit(len(before.encode()) + 10):
        window.actions["save"].trigger()
    assert page.path.read_text(encoding="utf-8") == before
    assert page.banner.isVisible()
    assert "could not save" in page.banner.label.text()
    assert "the file on disk is unchanged" in page.banner.label.text()
    assert page.modified  # the text is still there to save again
    window.actions["save"].trigger()
    assert page.path.read_text(encoding="utf-8") == page.text


def test_unsaved_edits_survive_a_kill(qtbot, qapp, stores, demo) -> None:
    first = make_window(qtbot, stores, demo)
    page = show(first, "invoice_ready", "he", "sms")
    type_at_end(qtbot, page, " מילים שלא נשמרו")
    qtbot.waitUntil(lambda: bool(first.keeper.area.load()), timeout=10000)  # the keeper
    # Killed: no close event, nothing saved, the window just disappears.
    first.keeper._timer.stop()
    first.hide()
    first.render.wait_for_done()
    first.deleteLater()
    flush_deletes()

    second = make_window(qtbot, stores, demo)
    try:
        assert second.banner.isVisible()
        assert "templates/invoice_ready/he/sms.txt" in second.banner.label.text()
        second.banner.button("Restore").click()
        restored = second.editors.page_for("templates/invoice_ready/he/sms.txt")
        assert restored.text.endswith("מילים שלא נשמרו") and restored.modified
        assert "מילים שלא נשמרו" not in restored.path.read_text(encoding="utf-8")
    finally:
        dispose(second)


def test_a_change_on_disk_asks_reload_or_keep(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    page.path.write_text("Changed by a colleague {{ first_name }}", encoding="utf-8")
    qtbot.waitUntil(page.banner.isVisible, timeout=10000)
    assert "changed on disk" in page.banner.label.text()
    page.banner.button("Reload from disk").click()
    assert page.text == "Changed by a colleague {{ first_name }}" and not page.modified
    qtbot.waitUntil(lambda: "Changed by a colleague" in window.preview.sms.text, timeout=10000)


def test_saving_over_a_change_on_disk_never_overwrites_silently(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    type_at_end(qtbot, page, " mine")
    page.path.write_text("theirs", encoding="utf-8")
    window.actions["save"].trigger()
    assert page.path.read_text(encoding="utf-8") == "theirs"
    assert page.banner.isVisible()
    page.banner.button("Keep my text").click()
    window.actions["save"].trigger()
    assert page.path.read_text(encoding="utf-8").endswith(" mine")


def test_closing_with_unsaved_changes_asks(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    type_at_end(qtbot, page, " unsaved")
    asked = []

    def answer_cancel() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer_cancel)
            return
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer_cancel)
    assert not window.close()
    assert window.isVisible() and page.modified
    assert "templates/invoice_ready/en/sms.txt" in asked[0]


def test_no_break_spaces_and_line_separators_survive_an_edit_and_a_save(qtbot, window) -> None:
    """A Hebrew SMS written with no-break spaces (between a number and its unit) and a
    line separator: typing elsewhere and saving keeps every one of them."""
    special = "סה״כ 12\u00a0ש״ח\u2028שורה"
    path = window.project.root / "templates" / "invoice_ready" / "he" / "sms.txt"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " " + special + "\n",
                    encoding="utf-8")
    page = show(window, "invoice_ready", "he", "sms")
    assert special in page.text
    type_at_end(qtbot, page, "!")
    window.actions["save"].trigger()
    saved = page.path.read_text(encoding="utf-8")
    assert special in saved and saved.count("\u00a0") == page.text.count("\u00a0") >= 1
    assert saved == page.text
