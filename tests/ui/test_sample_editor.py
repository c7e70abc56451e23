"""The sample editor checks the sample against the template's variables while typing."""

from __future__ import annotations

from app.ui.main_window import MainWindow


def problems_of(window: MainWindow) -> list[str]:
    page = window.editors.current_page()
    widget = window.sample_checker.problems_for(page)
    if widget.isHidden():
        return []
    return [widget.item(i).text() for i in range(1, widget.count())]


def test_a_wrong_type_is_shown_with_its_line_and_clicking_goes_there(qtbot, window) -> None:
    window.select(template="invoice_ready", locale="en")
    window.open_file("samples/emily_en.json")
    page = window.editors.current_page()
    assert page.rel_path == "samples/emily_en.json"
    window.sample_checker.check_now()
    assert problems_of(window) == []

    page.set_text(page.text.replace('"amount_due": 89.99', '"amount_due": "lots"')
                  .replace('"due_date": "2026-12-01"', '"due_date": "soon"'), modified=True)
    qtbot.waitUntil(lambda: len(problems_of(window)) == 2, timeout=5000)
    shown = problems_of(window)
    assert shown[0].startswith("line 6: 'amount_due' should be a number")
    assert shown[1].startswith("line 9: 'due_date' should be an ISO date")
    widget = window.sample_checker.problems_for(page)
    assert "invoice_ready" in widget.item(0).text()

    widget.itemClicked.emit(widget.item(2))
    assert page.editor.textCursor().blockNumber() + 1 == 9


def test_a_missing_key_and_broken_json(qtbot, window) -> None:
    window.select(template="invoice_ready", locale="en")
    window.open_file("samples/emily_en.json")
    page = window.editors.current_page()
    page.set_text(page.text.replace('  "invoice_number": "INV-2026-3307",\n', ""),
                  modified=True)
    qtbot.waitUntil(lambda: any("'invoice_number' is required" in p
                                for p in problems_of(window)), timeout=5000)
    assert problems_of(window)[0].startswith("missing key:")

    page.set_text("{ \"locale\": \"en\",\n  oops }", modified=True)
    qtbot.waitUntil(lambda: any("invalid JSON" in p for p in problems_of(window)),
                    timeout=5000)
    assert problems_of(window)[0].startswith("line 2:")

    page.set_text(page.editor.document().toPlainText().replace("oops", '"x": 1'),
                  modified=True)
    page.set_text(page.read_disk(), modified=False)
    qtbot.waitUntil(lambda: problems_of(window) == [], timeout=5000)


def test_the_check_follows_the_chosen_template(qtbot, window) -> None:
    window.open_file("samples/emily_en.json")
    page = window.editors.current_page()
    page.set_text(page.text.replace('"amount_paid": 89.99', '"amount_paid": true'),
                  modified=True)
    window.select(template="invoice_ready", open_file=False)
    qtbot.wait(300)
    assert not any("amount_paid" in p for p in problems_of(window))  # invoice doesn't use it
    window.select(template="payment_received", open_file=False)
    qtbot.waitUntil(lambda: any("'amount_paid' should be a number" in p
                                for p in problems_of(window)), timeout=5000)
