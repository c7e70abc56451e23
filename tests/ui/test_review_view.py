"""The review view: badges, "changed since approval", filters, comments, open a cell,
and the proof PDF written from the studio."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.core.project import Project
from app.core.review import ReviewStore
from app.core.workspace.review_grid import Cell
from app.ui.main_window import MainWindow

from .helpers import press_save, show, type_at_end


def open_review(qtbot, window: MainWindow) -> None:
    """Switch to the review tab and wait until every cell is drawn and every state known."""
    window.settings.reviewer_name = "Tess Reviewer"
    with qtbot.waitSignal(window.review.sig_filled, timeout=60000):
        window.actions["review"].trigger()
    assert window.tabs.currentWidget() is window.review


def choose(window: MainWindow, cell: Cell) -> None:
    window.review.table.setCurrentCell(*window.review.position(cell))


def header_text(window: MainWindow, template: str) -> str:
    view = window.review
    index = next(i for i, a in enumerate(view.rows) if a.template == template)
    return view.table.verticalHeaderItem(index).text()


def test_every_variant_is_a_cell_with_its_findings(qtbot, window: MainWindow) -> None:
    open_review(qtbot, window)
    view = window.review
    cells = view.cells()
    assert Cell("invoice_ready", "he", "email") in cells
    assert Cell("login_code", "en", "email") not in cells  # no such channel
    assert len(view.findings) == len(cells)
    sms = Cell("delivery_update", "ar", "sms")
    assert "warning" in view.cell_text(sms)  # the Arabic delivery SMS is long
    assert not view.table.item(*view.position(sms)).data(1).isNull()  # a thumbnail
    assert "Not reviewed" in header_text(window, "invoice_ready")


def _has_colour(image, colour: str, tolerance: int = 24) -> bool:
    from PySide6.QtGui import QColor

    want = QColor(colour)
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            got = QColor(image.pixel(x, y))
            if max(abs(got.red() - want.red()), abs(got.green() - want.green()),
                   abs(got.blue() - want.blue())) <= tolerance:
                return True
    return False


def test_email_cells_show_the_email_as_the_engine_painted_it(qtbot, window) -> None:
    open_review(qtbot, window)
    view = window.review
    emails = [c for c in view.cells() if c.channel == "email"]
    assert set(view.pictures) == set(emails)  # every email has its picture
    he = Cell("invoice_ready", "he", "email")
    thumbnail = view.table.item(*view.position(he)).data(1).toImage()
    # The brand's blue (header and button) is only in the real rendering, not in the
    # text-drawn stand-in shown while the picture is taken.
    assert _has_colour(thumbnail, "#0b5cad")
    assert _has_colour(view.pictures[he], "#0b5cad")


def test_approve_changes_the_badge_then_an_edit_shows_changed(qtbot, window) -> None:
    open_review(qtbot, window)
    view = window.review
    choose(window, Cell("invoice_ready", "en", "sms"))
    view.note.setText("numbers checked")
    view.approve_button.click()
    assert view.state("invoice_ready") == "approved"
    assert "Approved" in header_text(window, "invoice_ready")
    assert "Approved" in view.cell_text(Cell("invoice_ready", "he", "email"))
    status = ReviewStore(Project.load(window.project.root)).status("invoice_ready")
    assert (status.state, status.reviewer, status.note) == \
        ("approved", "Tess Reviewer", "numbers checked")

    window.actions["write"].trigger()
    page = show(window, "invoice_ready", "en", "sms")
    type_at_end(qtbot, page, " Thanks!")
    press_save(qtbot, window)
    with qtbot.waitSignal(view.sig_filled, timeout=60000):
        window.actions["review"].trigger()
    assert view.state("invoice_ready") == "changed_since_approval"
    assert "Changed since approval" in view.cell_text(Cell("invoice_ready", "en", "sms"))
    choose(window, Cell("invoice_ready", "en", "sms"))
    assert view.changes_button.isEnabled()
    view.changes_button.click()
    qtbot.waitUntil(lambda: getattr(view, "changes_dialog", None) is not None, timeout=20000)
    dialog = view.changes_dialog
    labels = [dialog.entries.item(i).text() for i in range(dialog.entries.count())]
    assert any("templates/invoice_ready/en/sms.txt" in label for label in labels)
    assert "Thanks!" in dialog.view.toPlainText()
    dialog.close()


def test_request_changes_and_filters(qtbot, window) -> None:
    open_review(qtbot, window)
    view = window.review
    choose(window, Cell("login_code", "en", "sms"))
    view.request_button.click()
    choose(window, Cell("invoice_ready", "en", "sms"))
    view.approve_button.click()
    assert "Changes requested" in header_text(window, "login_code")

    view.filter.setCurrentIndex(view.filter.findData("needs_review"))
    view.apply_filter()
    shown = view.visible_templates()
    assert "invoice_ready" not in shown and "login_code" in shown

    view.filter.setCurrentIndex(view.filter.findData("changed_since_approval"))
    view.apply_filter()
    assert view.visible_templates() == []

    view.orientation.setCurrentIndex(1)  # templates as columns: the filter hides columns
    view._lay_out()
    view.filter.setCurrentIndex(view.filter.findData("needs_review"))
    view.apply_filter()
    assert "invoice_ready" not in view.visible_templates()
    assert view.columns[0].template and not view.rows[0].template


def test_a_comment_is_saved_and_shows_beside_the_editor(qtbot, window) -> None:
    open_review(qtbot, window)
    view = window.review
    choose(window, Cell("invoice_ready", "he", "sms"))
    view.comments.text.setPlainText("Is the amount right-to-left here?")
    view.comments.comment_button.click()

    threads = ReviewStore(Project.load(window.project.root)).threads("invoice_ready")
    assert len(threads) == 1
    thread = threads[0]
    assert (thread.locale, thread.channel) == ("he", "sms")
    assert thread.comments[0].author == "Tess Reviewer"
    assert thread.comments[0].note == "Is the amount right-to-left here?"

    window.actions["write"].trigger()
    show(window, "invoice_ready", "he", "sms")
    tree = window.comments.tree
    assert tree.topLevelItemCount() == 1
    assert "right-to-left" in tree.topLevelItem(0).text(0)
    tree.setCurrentItem(tree.topLevelItem(0))
    window.comments.text.setPlainText("Yes, fixed.")
    window.comments.reply_button.click()
    window.comments.tree.setCurrentItem(window.comments.tree.topLevelItem(0))
    window.comments.resolve_button.click()
    thread = ReviewStore(Project.load(window.project.root)).threads("invoice_ready")[0]
    assert [c.note for c in thread.comments][-1] == "Yes, fixed."
    assert thread.resolved
    assert window.comments.tree.topLevelItem(0).text(0).startswith("[resolved]")

    show(window, "invoice_ready", "en", "sms")  # another locale: not its thread
    assert window.comments.tree.topLevelItemCount() == 0


def test_opening_a_cell_shows_its_full_preview(qtbot, window) -> None:
    open_review(qtbot, window)
    cell = Cell("delivery_update", "ar", "whatsapp")
    with qtbot.waitSignal(window.sig_preview_ready, timeout=30000):
        window.review.open_cell(cell)
    assert window.tabs.currentWidget() is window.splitter
    assert (window.choice.template, window.choice.locale, window.choice.channel) == \
        ("delivery_update", "ar", "whatsapp")
    assert window.preview.result.channel == "whatsapp"


def test_the_reviewer_is_asked_once_when_preferences_have_no_name(qtbot, window,
                                                                 monkeypatch) -> None:
    open_review(qtbot, window)
    window.settings.reviewer_name = ""
    asked = []
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: (asked.append(a) or "Ann Lee", True)))
    choose(window, Cell("payment_received", "en", "email"))
    window.review.approve_button.click()
    window.review.request_button.click()
    assert len(asked) == 1
    assert window.settings.reviewer_name == "Ann Lee"
    assert window.settings_store.load().reviewer_name == "Ann Lee"
    assert window.review.state("payment_received") == "changes_requested"


def test_proof_pdf_from_the_file_menu(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "proof.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    with qtbot.waitSignal(window.proof.sig_finished, timeout=120000) as signal:
        window.actions["proof_pdf"].trigger()
    assert signal.args == [str(out), ""]
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_size > 10000
