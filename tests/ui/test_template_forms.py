"""The template settings form, the sample form and the new template wizard edit the same
unsaved documents as the code editor, with one undo history, saved atomically."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton

from app.ui.forms import NewTemplateWizard

pytestmark = pytest.mark.gui

TOML = "templates/payment_received/template.toml"


def _type(qtbot, line: QLineEdit, text: str) -> None:
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _open_forms(window, template: str = "payment_received"):
    window.select(template=template)
    window._on_template_settings()
    return window.forms.settings_form, window.forms.sample_form


def test_settings_form_edits_the_editor_document(qtbot, window, demo: Path) -> None:
    form, _sample = _open_forms(window)
    before = (demo / TOML).read_text(encoding="utf-8")
    assert form.title.text() == "Payment received"
    assert [v.name for v in form.variables.variables()][:2] == ["first_name", "receipt_number"]
    assert form.primary.currentData() == "email"

    _type(qtbot, form.title, "Payment received, thank you")
    page = window.editors.page_for(TOML)
    assert page is not None and page.modified  # the code editor holds the change, unsaved
    assert 'title = "Payment received, thank you"' in page.text
    assert (demo / TOML).read_text(encoding="utf-8") == before  # nothing saved yet
    assert TOML in window.editors.modified_buffers()  # so recovery keeps it

    form.add_variable()
    name, kind, required, _currency, _remove = form.variables.rows[-1]
    kind.setCurrentIndex(kind.findData("date"))
    required.setChecked(False)
    _type(qtbot, name, "renewal_date")
    assert "[variables.renewal_date]" in page.text
    # Comments and keys the form doesn't show are still there.
    assert 'description = "Sent when a payment clears' in page.text
    assert "IANA time zone of the customer" in page.text

    # One undo history: the editor's undo takes back the form's last edit.
    page.editor.undo()
    assert "[variables.renewal_date]" not in page.text
    page.editor.redo()
    assert "[variables.renewal_date]" in page.text

    # Typing in the code editor updates the form.
    page.set_text(page.text.replace('title = "Payment received, thank you"',
                                    'title = "Typed in code"'), modified=True)
    assert form.title.text() == "Typed in code"

    assert window.editors.save(page)
    data = tomllib.loads((demo / TOML).read_text(encoding="utf-8"))
    assert data["title"] == "Typed in code"
    assert data["variables"]["renewal_date"] == {"type": "date", "required": False}


def test_settings_form_strategy_and_problems(qtbot, window, demo: Path) -> None:
    form, _sample = _open_forms(window)
    form.channels["whatsapp"].setChecked(False)
    # WhatsApp is still a fallback: the form says so and writes nothing.
    assert "fallback channel 'whatsapp' is not one of the template's channels" in \
        form.problems.text()
    page = window.editors.page_for(TOML)
    assert page is None or "whatsapp" in page.text
    # Remove the WhatsApp fallback row: now it's valid and written.
    row = next(r for r in form.fallbacks.rows if r[0].currentData() == "whatsapp")
    row[-1].click()
    page = window.editors.page_for(TOML)
    data = tomllib.loads(page.text)
    assert data["channels"] == ["email", "sms"]
    assert data["strategy"]["fallback"] == [{"channel": "sms", "after": "24h"}]
    _channel, after, _remove = form.fallbacks.rows[0]
    _type(qtbot, after, "soon")
    assert "fallback delay 'soon' is not a duration" in form.problems.text()
    _type(qtbot, after, "6h")
    assert form.problems.text() == ""
    assert tomllib.loads(page.text)["strategy"]["fallback"][0]["after"] == "6h"


def test_sample_form_fields_are_typed(qtbot, window, demo: Path) -> None:
    _form, sample = _open_forms(window)
    sample.sample.setCurrentIndex(sample.sample.findData("dana_he"))
    amount = sample.fields["amount_paid"]
    paid_at = sample.fields["paid_at"]
    receipt_url = sample.fields["receipt_url"]
    assert isinstance(amount, QLineEdit) and amount.text() == "1234.5"
    assert amount.validator() is not None  # only numbers go in
    assert paid_at.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-20 09:42"
    _type(qtbot, amount, "99.90")
    rel = "samples/dana_he.json"
    page = window.editors.page_for(rel)
    data = json.loads(page.text)
    assert data["amount_paid"] == 99.9 and isinstance(data["amount_paid"], float)
    assert data["first_name"] == "דנה"  # the rest of the JSON is as it was
    assert '"first_name": "דנה"' in page.text  # still readable, not \\u-escaped
    _type(qtbot, receipt_url, "receipts/1")
    assert "web address" in sample.notes["receipt_url"].text()
    # The JSON is still available: Edit JSON opens the same document.
    sample.findChild(QPushButton, "editSampleJson").click()
    assert window.editors.current_page() is page
    assert window.tabs.currentWidget() is window.splitter


def test_sample_form_date_field_and_new_variable(qtbot, window, demo: Path) -> None:
    form, sample = _open_forms(window)
    form.add_variable()
    name, kind, *_rest = form.variables.rows[-1]
    kind.setCurrentIndex(kind.findData("date"))
    _type(qtbot, name, "renewal_date")
    # The sample form shows the new variable at once (from the unsaved template.toml).
    field = sample.fields["renewal_date"]
    assert "Missing" in sample.notes["renewal_date"].text()
    field.setDate(QDate(2026, 12, 15))
    rel = sample.rel_path
    assert json.loads(window.editors.page_for(rel).text)["renewal_date"] == "2026-12-15"


def test_wizard_creates_the_template_and_opens_its_forms(qtbot, window, demo: Path,
                                                         monkeypatch) -> None:
    wizard = NewTemplateWizard(window.project, window)
    qtbot.keyClicks(wizard.title, "Subscription renewal")
    assert wizard.template_id.text() == "subscription_renewal"
    wizard.locales["ar"].setChecked(False)
    wizard.channels["sms"].setChecked(False)
    wizard.create()
    assert wizard.created_id == "subscription_renewal"
    folder = demo / "templates" / "subscription_renewal"
    assert sorted(p.name for p in folder.iterdir()) == ["en", "he", "template.toml"]
    assert sorted(p.name for p in (folder / "he").iterdir()) == [
        "email.mjml", "email.toml", "whatsapp.toml"]
    # A second time, the same id is refused in the dialog, which stays open.
    again = NewTemplateWizard(window.project, window)
    qtbot.keyClicks(again.title, "Subscription renewal")
    again.create()
    assert again.created_id == "" and "already exists" in again.problems.text()

    monkeypatch.setattr("app.ui.forms.view.run_wizard", lambda _p, _w: "subscription_renewal")
    window._after_operation("subscription_renewal")
    form, _sample = _open_forms(window, "subscription_renewal")
    assert form.title.text() == "Subscription renewal"
    assert form.locales["he"].isChecked() and not form.locales["he"].isEnabled()
    form.locales["ar"].setChecked(True)  # adds the Arabic folder
    assert (folder / "ar" / "email.mjml").is_file()
    assert isinstance(form.category, QComboBox) and isinstance(form.channels["sms"], QCheckBox)


def test_wizard_problems_in_the_interface_language(qtbot, qapp, window) -> None:
    from app.ui.application import apply_language

    apply_language(qapp, "ar")
    try:
        wizard = NewTemplateWizard(window.project, window)
        qtbot.keyClicks(wizard.template_id, "Bad Id")
        for box in wizard.channels.values():
            box.setChecked(False)
        wizard.create()
        # values in a right-to-left sentence are isolated (invisible FSI … PDI) so they read
        # in their own order; the words are what the writer reads
        lines = [line.replace("\u2068", "").replace("\u2069", "")
                 for line in wizard.problems.text().splitlines()]
        assert lines == ["'Bad Id' ليس معرّف قالب صالحًا: استخدم الحروف اللاتينية الصغيرة "
                         "والأرقام والشرطة السفلية", "اختر قناة واحدة على الأقل"]
        assert wizard.created_id == ""
    finally:
        apply_language(qapp, "en")
