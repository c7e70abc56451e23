"""Driving the studio window: open the demo, pick, type, see the preview change."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .helpers import pick, show, shows_sms, type_at_end


def test_opening_the_demo_shows_its_templates_and_a_preview(window) -> None:
    labels = [window.explorer.topLevelItem(i).text(0)
              for i in range(window.explorer.topLevelItemCount())]
    assert labels[:4] == ["Templates", "Layouts", "Partials", "Samples"]
    assert "missive.toml" in labels
    assert window.preview.result.error is None
    sender, subject, _preheader = window.preview.email.inbox.texts()
    assert sender == "Northwind Billing" and subject
    assert window.editors.current_page().rel_path.endswith("/en/email.mjml")


def test_tabs_of_two_templates_say_which_is_which(window) -> None:
    for template in ("invoice_ready", "delivery_update"):
        show(window, template, "en", "email")
    titles = [window.editors.tabText(i) for i in range(window.editors.count())]
    assert "invoice_ready/en/email.mjml" in titles
    assert "delivery_update/en/email.mjml" in titles


def test_typing_in_the_editor_changes_the_preview(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    qtbot.waitUntil(lambda: shows_sms(window, "Northwind"), timeout=10000)
    type_at_end(qtbot, page, " See you soon")
    qtbot.waitUntil(lambda: shows_sms(window, "See you soon"), timeout=10000)
    assert "● " in window.editors.tabText(window.editors.currentIndex())


def test_switching_locale_and_sample_with_the_pickers(qtbot, window) -> None:
    show(window, "invoice_ready", "en", "sms")
    pick(window.pickers.combos["locale"], "he")
    qtbot.waitUntil(lambda: shows_sms(window, "החשבונית"), timeout=10000)
    assert window.editors.current_page().rel_path == "templates/invoice_ready/he/sms.txt"
    assert window.choice.sample == "dana_he"  # a sample that reads Hebrew
    assert shows_sms(window, "דנה")
    pick(window.pickers.combos["sample"], "maximiliana_long_name")
    qtbot.waitUntil(lambda: shows_sms(window, "Maximiliana"), timeout=10000)


def test_a_result_older_than_the_text_is_dropped(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    qtbot.waitUntil(lambda: window.render.running == 0, timeout=10000)
    dropped = window.render.dropped
    page.set_text("First version {{ first_name }}", modified=True)
    window.render.flush()
    page.set_text("Second version {{ first_name }}", modified=True)
    window.render.flush()  # the first job is now stale, whenever it finishes
    qtbot.waitUntil(lambda: shows_sms(window, "Second version Emily"), timeout=10000)
    qtbot.waitUntil(lambda: window.render.running == 0, timeout=10000)
    assert window.render.dropped == dropped + 1
    assert not shows_sms(window, "First version")


def test_the_sms_counter_follows_the_text(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    qtbot.waitUntil(lambda: "GSM-7" in window.preview.sms.counter.text(), timeout=10000)
    type_at_end(qtbot, page, " It’s due")  # a typographic apostrophe is not GSM-7
    qtbot.waitUntil(lambda: "UCS-2" in window.preview.sms.counter.text(), timeout=10000)
    assert "U+2019" in window.preview.sms.forcing.text()
    assert "’</span>" in window.preview.sms.bubble.text()  # highlighted in the bubble


def test_whatsapp_bubble_shows_formatting_and_buttons(qtbot, window) -> None:
    show(window, "invoice_ready", "en", "whatsapp")
    qtbot.waitUntil(lambda: bool(window.preview.whatsapp.buttons), timeout=10000)
    assert "<b>" in window.preview.whatsapp.bubble.text()
    assert "Pay now" in window.preview.whatsapp.buttons[0].text()


def test_a_finding_jumps_to_its_line(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    type_at_end(qtbot, page, "\nTotal {{ amount_duee }}")
    qtbot.waitUntil(lambda: window.findings.topLevelItemCount() > 0, timeout=10000)
    assert window.preview.error_bar.isVisible()
    assert " errors · " in window.counts_label.text()  # the render error and the rule's
    item = window.findings.topLevelItem(0)
    assert "amount_duee" in item.text(2) and item.text(0) == "Error"
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.Start)
    rect = window.findings.visualItemRect(item)
    qtbot.mouseClick(window.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cursor = page.editor.textCursor()
    assert item.text(3) == f"templates/invoice_ready/en/sms.txt:{cursor.blockNumber() + 1}"
    assert "amount_duee" in cursor.block().text()


def test_saving_writes_the_file(qtbot, window) -> None:
    page = show(window, "invoice_ready", "en", "sms")
    type_at_end(qtbot, page, " Thanks!")
    window.actions["save"].trigger()
    assert page.path.read_text(encoding="utf-8").endswith(" Thanks!")
    assert not window.editors.tabText(window.editors.currentIndex()).startswith("●")


def test_side_by_side_shows_another_locale(qtbot, window) -> None:
    show(window, "invoice_ready", "en", "sms")
    window.actions["side_by_side"].setChecked(True)
    qtbot.waitUntil(lambda: window.compare.panel.result is not None, timeout=10000)
    assert window.compare.panel.result.locale == "he"
    assert "החשבונית" in window.compare.panel.sms.text


def test_the_plain_text_of_a_hebrew_email_reads_from_the_right(qtbot, window) -> None:
    show(window, "invoice_ready", "he", "email")
    window.preview.email.set_mode("text")
    view = window.preview.email.text_view
    qtbot.waitUntil(lambda: "דנה" in view.toPlainText(), timeout=10000)
    qtbot.waitUntil(view.isVisible, timeout=5000)
    width = view.viewport().width()
    block = view.document().begin()
    lines = 0
    while block.isValid():
        if block.text().strip():
            line = block.layout().lineAt(0)
            right_edge = line.naturalTextRect().right()
            assert right_edge > width - 20, f"{block.text()!r} ends at {right_edge} of {width}"
            lines += 1
        block = block.next()
    assert lines >= 5
    # and an English one from the left
    show(window, "invoice_ready", "en", "email")
    qtbot.waitUntil(lambda: "Emily" in view.toPlainText(), timeout=10000)
    assert view.document().begin().layout().lineAt(0).naturalTextRect().left() < 20


def test_side_by_side_fits_the_window_and_follows_the_locale(qtbot, window) -> None:
    show(window, "delivery_update", "he", "sms")
    window.compare_with("ar")
    qtbot.waitUntil(lambda: window.compare.panel.result is not None
                    and window.compare.panel.result.locale == "ar", timeout=10000)
    locale, sample = window.compare.choice()
    assert locale == "ar" and window.project.samples[sample].locale == "ar"
    # Two SMS previews with their counters fit a 1600-pixel screen.
    assert window.minimumSizeHint().width() <= 1600
