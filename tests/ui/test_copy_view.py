"""The Copy view: fields in reading order, typing into the same document as the code
editor (one undo history), chips that cannot be half-deleted, refusals under the field,
live counters, translation side by side."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from app.core.copy.runs import runs_to_text
from app.ui.main_window import MainWindow

MJML = "templates/payment_received/he/email.mjml"


def _open_copy(window: MainWindow, qtbot, template: str = "payment_received",
               locale: str = "he"):
    window.select(template=template, locale=locale, channel="email")
    window.tabs.setCurrentWidget(window.copy_split)
    view = window.copy_view
    qtbot.waitUntil(lambda: bool(view.rows), timeout=10000)
    return view


def _type(field, text: str) -> None:
    """Type like a keyboard would (QTest's keyClicks cannot type Hebrew)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                    Qt.KeyboardModifier.NoModifier, char))


def _type_at_end(qtbot, field, text: str) -> None:
    field.setFocus()
    cursor = field.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    field.setTextCursor(cursor)
    _type(field, text)


def test_fields_in_reading_order_with_direction_and_reference(window: MainWindow,
                                                              qtbot) -> None:
    view = _open_copy(window, qtbot)
    ids = list(view.rows)
    assert ids[:4] == ["email.subject", "email.preheader", "email.layout-base.text1",
                       "email.body.text1"]
    assert ids.index("sms.body") < ids.index("whatsapp.header")
    row = view.rows["email.body.text4"]
    assert row.field.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert row.reference.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert view.reference_locale() == "en"
    assert row.reference.toPlainText().startswith("Paid on \ufffc")
    assert "shared" in view.rows["email.partial-footer.text1"].note.text().lower()
    # the preview moved beside the fields
    assert window.preview.parent() is window.copy_split


def test_typing_edits_the_code_editors_document_one_undo_history(window: MainWindow,
                                                                 qtbot, demo: Path) -> None:
    view = _open_copy(window, qtbot)
    before = (demo / MJML).read_text(encoding="utf-8")
    field = view.rows["email.body.text2"].field
    _type_at_end(qtbot, field, " תודה רבה")
    view.commit_pending()
    page = window.editors.page_for(MJML)
    assert page is not None and page.modified
    expected = before.replace("תודה! קיבלנו את התשלום שלך על סך:",
                              "תודה! קיבלנו את התשלום שלך על סך: תודה רבה")
    assert page.text == expected
    assert (demo / MJML).read_text(encoding="utf-8") == before  # not saved yet
    assert MJML in window.editors.modified_buffers()  # the preview and recovery see it
    # the code editor's undo takes the whole edit back, and the field follows
    view.undo()
    assert page.text == before
    assert "תודה רבה" not in field.toPlainText()
    view.redo()
    assert page.text == expected
    assert view.save()
    assert (demo / MJML).read_text(encoding="utf-8") == expected and not page.modified


def test_chips_are_atomic_and_breaking_text_is_refused_under_the_field(window: MainWindow,
                                                                       qtbot) -> None:
    view = _open_copy(window, qtbot)
    row = view.rows["email.body.text4"]
    field = row.field
    chips_before = field.toPlainText().count("\ufffc")
    field.setFocus()
    cursor = field.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    field.setTextCursor(cursor)
    for _ in range(3):  # "." then "</strong>"-bold chip: Backspace removes it whole
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    view.commit_pending()
    runs = field.runs()
    assert field.toPlainText().count("\ufffc") == chips_before - 1
    assert all(r.kind != "placeholder" or r.source.startswith("{{") for r in runs)
    page = window.editors.page_for(MJML)
    assert "<strong>{{ receipt_number }}</strong>" not in page.text
    assert runs_to_text(runs, "html") in page.text
    subject = view.rows["email.subject"]
    _type_at_end(qtbot, subject.field, " {{ amount")
    view.commit_pending()
    assert subject.error.isVisible()
    assert "never closed" in subject.error.text()
    # nothing was written: the file was not even opened
    assert window.editors.page_for("templates/payment_received/he/email.toml") is None


def test_bold_shortcut_and_placeholder_insertion(window: MainWindow, qtbot) -> None:
    view = _open_copy(window, qtbot, locale="en")
    field = view.rows["email.body.text2"].field
    field.setFocus()
    cursor = field.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    field.setTextCursor(cursor)
    qtbot.keyClick(field, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    field.setTextCursor(cursor)
    view.insert_placeholder("{{ amount_paid|money(currency) }}")
    view.commit_pending()
    page = window.editors.page_for("templates/payment_received/en/email.mjml")
    assert "<strong>Thank</strong> you. We received your payment of:" \
           "{{ amount_paid|money(currency) }}</mj-text>" in page.text


def test_counters_and_translation_status(window: MainWindow, qtbot, demo: Path) -> None:
    he_sms = demo / "templates/payment_received/he/sms.txt"
    he_sms.write_text((demo / "templates/payment_received/en/sms.txt").read_text("utf-8"),
                      encoding="utf-8")
    view = _open_copy(window, qtbot)
    sms = view.rows["sms.body"]
    assert sms.counter.isVisible()
    assert "GSM-7" in sms.counter.text() or "UCS-2" in sms.counter.text()
    subject = view.rows["email.subject"]
    assert subject.counter.text().endswith("/ 60 characters")
    assert sms.status_value == "identical"
    view.set_filter("todo")
    assert not subject.isVisibleTo(view) and sms.isVisibleTo(view)
    sms.done.click()
    assert sms.status_value == "ok"
    assert (demo / "translations/payment_received.json").is_file()
