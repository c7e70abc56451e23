"""Issue 17's acceptance: a copywriter writes a new ``subscription_renewal`` template in
en, he and ar for email, SMS and WhatsApp with only the new template wizard, the
settings and sample forms and the Copy view — never a code editor — and ``missive check``
on the result reports no errors.

The words are in tests/data/subscription_renewal_copy.py; each placeholder in them is
inserted from the Copy view's placeholder menu (the template's declared variables), not
typed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from app.cli.main import main
from app.core.workspace.new_template import LINK_PLACEHOLDER
from app.ui.forms import NewTemplateWizard
from tests.data.subscription_renewal_copy import (
    COPY,
    SAMPLE_VALUES,
    VARIABLES,
    WHATSAPP_URL,
)

pytestmark = pytest.mark.gui

TEMPLATE = "subscription_renewal"
PLACEHOLDER = re.compile(r"(\{\{.*?\}\})")


def _type(qtbot, line, text: str) -> None:
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _run_wizard(qtbot, window) -> None:
    """Template → New template…, filled in as a person would."""
    def fill() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, NewTemplateWizard)
        qtbot.keyClicks(wizard.title, "Subscription renewal")
        assert wizard.template_id.text() == TEMPLATE
        assert all(box.isChecked() for box in wizard.channels.values())
        assert all(box.isChecked() for box in wizard.locales.values())
        wizard.findChild(QPushButton, "wizardCreate").click()

    QTimer.singleShot(200, fill)
    window.actions["new_template_wizard"].trigger()
    assert window.choice.template == TEMPLATE
    assert window.tabs.currentWidget() is window.forms


def _declare_variables(qtbot, window) -> None:
    form = window.forms.settings_form
    assert form.template_id == TEMPLATE
    for name, kind, required, currency in sorted(VARIABLES, key=lambda v: v[3] is not None):
        form.add_variable()
        name_box, type_box, required_box, currency_box, _remove = form.variables.rows[-1]
        type_box.setCurrentIndex(type_box.findData(kind))
        required_box.setChecked(required)
        _type(qtbot, name_box, name)
        if currency:
            currency_box.setCurrentText(currency)
            currency_box.lineEdit().editingFinished.emit()
    assert form.problems.text() == ""
    window.actions["save_all"].trigger()
    declared = window.project.templates[TEMPLATE].variables
    assert sorted(declared) == sorted(v[0] for v in VARIABLES)


def _fill_samples(qtbot, window) -> None:
    sample_form = window.forms.sample_form
    for index in range(sample_form.sample.count()):
        sample_form.sample.setCurrentIndex(index)
        for name, value in SAMPLE_VALUES.items():
            field = sample_form.fields[name]
            if name == "renewal_date":
                year, month, day = map(int, value.split("-"))
                field.setDate(QDate(year, month, day))
            else:
                _type(qtbot, field, value)
            assert sample_form.notes[name].text() == ""
    window.actions["save_all"].trigger()


def _write_block(qtbot, view, block_id: str, text: str) -> None:
    """Type a block's words into its Copy view field; placeholders come from the menu."""
    assert view.select_block(block_id), block_id
    field = view.rows[block_id].field
    qtbot.waitUntil(field.hasFocus, timeout=5000)
    field.selectAll()
    field.textCursor().removeSelectedText()
    menu = {action.toolTip(): action for action in view.insert_menu.actions()}
    for part in PLACEHOLDER.split(text):
        if not part:
            continue
        if PLACEHOLDER.fullmatch(part):
            assert part in menu, f"{part} is not in the placeholder menu"
            menu[part].trigger()  # Insert placeholder ▸ the variable
        else:
            for line_number, line in enumerate(part.split("\n")):
                if line_number:
                    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
                if line:
                    field.insertPlainText(line)  # as an input method commits a word
    view.commit_pending()


def _block_texts(locale: str) -> dict[str, str]:
    words = COPY[locale]
    return {
        "email.subject": words["the subject"],
        "email.preheader": words["the preheader, the line shown after the subject"],
        "email.body.text1": words["the greeting"],
        "email.body.text2": words["what this message is about"],
        "email.body.button1": words["the button label"],
        "email.body.button1.link": "{{ manage_url }}",
        "email.body.text3": words["what happens next, and how to reach a person"],
        "sms.body": words["the SMS text"],
        "whatsapp.header": words["the header"],
        "whatsapp.body": words["the message"],
        "whatsapp.footer": words["the footer"],
        "whatsapp.button1": words["whatsapp button"],
        "whatsapp.button1.url": WHATSAPP_URL,
    }


def test_a_copywriter_writes_subscription_renewal_without_code(qtbot, window, demo: Path,
                                                               capsys) -> None:
    _run_wizard(qtbot, window)
    _declare_variables(qtbot, window)
    _fill_samples(qtbot, window)
    view = window.copy_view
    window.tabs.setCurrentWidget(window.copy_split)  # the Copy tab
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    for locale in ("en", "he", "ar"):
        window.select(template=TEMPLATE, locale=locale, open_file=False)
        view.set_target(TEMPLATE, locale)
        for block_id, text in _block_texts(locale).items():
            _write_block(qtbot, view, block_id, text)
    window.actions["save_all"].trigger()
    assert not window.editors.modified_buffers()

    folder = demo / "templates" / TEMPLATE
    for path in folder.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "[WRITE:" not in text and LINK_PLACEHOLDER not in text, path
    he_email = (folder / "he" / "email.mjml").read_text(encoding="utf-8")
    assert '<mj-button href="{{ manage_url }}">ניהול המנוי</mj-button>' in he_email
    assert "{{ amount|money(currency) }}" in he_email
    assert (folder / "ar" / "email.toml").read_text(encoding="utf-8").startswith(
        'subject = "يتجدد اشتراكك في {{ renewal_date|date }}"')
    capsys.readouterr()
    code = main(["check", str(demo), "--template", TEMPLATE, "--format", "json",
                 "--jobs", "1"])
    report = json.loads(capsys.readouterr().out)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors == [] and code == 0
