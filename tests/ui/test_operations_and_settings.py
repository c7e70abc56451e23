"""Template operations from the menus, the interface language chosen in Preferences,
and the window's layout and settings surviving a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from app.ui import dialogs
from app.ui.application import Studio, StudioOptions, apply_language
from app.ui.main_window import MainWindow
from app.ui.settings import SettingsStore

from .conftest import dispose, flush_deletes, make_window


def answer_text(monkeypatch, *answers: str) -> list[tuple]:
    """QInputDialog.getText answers in turn; returns what was asked."""
    asked: list[tuple] = []
    queue = list(answers)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda *a, **k: (asked.append(a) or queue.pop(0), True)))
    return asked


def test_new_template_from_a_starter(qtbot, window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda parent, title, label, items, *a: ("One-time code", True)))
    answer_text(monkeypatch, "reset_code")
    window.actions["new_template"].trigger()
    assert "reset_code" in window.project.templates
    assert (window.project.root / "templates" / "reset_code" / "template.toml").is_file()
    assert window.choice.template == "reset_code"
    assert window.pickers.combos["template"].findData("reset_code") >= 0


def test_duplicate_rename_and_delete_with_confirmation(qtbot, window, monkeypatch) -> None:
    root: Path = window.project.root
    window.select(template="invoice_ready")
    asked = answer_text(monkeypatch, "invoice_copy", "invoice_final")
    window.actions["duplicate_template"].trigger()
    assert asked[0][4] == "invoice_ready_copy"  # the suggested id
    assert {"invoice_ready", "invoice_copy"} <= set(window.project.templates)
    assert window.choice.template == "invoice_copy"

    window.actions["rename_template"].trigger()
    assert "invoice_copy" not in window.project.templates
    assert (root / "templates" / "invoice_final").is_dir()
    assert window.choice.template == "invoice_final"

    questions = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a: questions.append(text) or QMessageBox.StandardButton.No))
    window.actions["delete_template"].trigger()
    assert "invoice_final" in questions[0]
    assert (root / "templates" / "invoice_final").is_dir()  # "No" keeps it

    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a: QMessageBox.StandardButton.Yes))
    window.actions["delete_template"].trigger()
    assert not (root / "templates" / "invoice_final").exists()
    assert "invoice_final" not in window.project.templates
    assert window.choice.template in window.project.templates


def test_a_bad_id_is_refused_with_a_message(qtbot, window, monkeypatch) -> None:
    window.select(template="invoice_ready")
    answer_text(monkeypatch, "Not An Id!")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda parent, title, text, *a: warnings.append(text)))
    window.actions["duplicate_template"].trigger()
    assert warnings and "Not An Id!" not in window.project.templates


def test_choosing_hebrew_in_preferences_rebuilds_the_window_mirrored(
        qtbot, qapp, tmp_path: Path, demo: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    apply_language(qapp, "en")
    studio = Studio(qapp, StudioOptions(project=str(demo), ui_language="en"))
    studio.store = SettingsStore(tmp_path / "settings.ini")
    studio.start()
    first = studio.window
    qtbot.waitUntil(lambda: first.preview.result is not None, timeout=20000)
    page = first.editors.open("templates/invoice_ready/en/sms.txt")
    page.set_text(page.text + " unsaved words", modified=True)

    def choose_hebrew(dialog: dialogs.PreferencesDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData("he"))
        dialog.reviewer.setText("Noa")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.PreferencesDialog, "exec", choose_hebrew)
    try:
        first.actions["preferences"].trigger()
        window = studio.window
        assert window is not first
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.menus["file"].title() == "&קובץ"
        assert window.tabs.tabText(1) == "סקירה"
        carried = window.editors.page_for("templates/invoice_ready/en/sms.txt")
        assert carried is not None and carried.text.endswith(" unsaved words")
        stored = studio.store.load()
        assert (stored.ui_language, stored.reviewer_name) == ("he", "Noa")
    finally:
        if studio.window is not None:
            dispose(studio.window)
        flush_deletes()
        apply_language(qapp, "en")


def test_layout_and_settings_survive_a_restart(qtbot, qapp, stores, demo) -> None:
    apply_language(qapp, "en")
    first = make_window(qtbot, stores, demo)
    first.resize(1434, 777)
    first.actions["images_off"].setChecked(True)
    first.actions["dark"].setChecked(True)
    first.select(device="desktop")
    first.findingsDock.hide()
    first.splitter.setSizes([700, 300, 400])  # the default gives the preview more
    sizes = first.splitter.sizes()
    size = first.size()  # what the window allowed of 1434 × 777
    assert abs(size.width() - 1434) < 40
    assert first.close()
    flush_deletes()

    second = MainWindow(*stores)
    try:
        second.show()
        # The offscreen screen is small: restoreGeometry fits the window to it, so
        # compare with what was stored, and check the default size was not used.
        assert second.settings.geometry and (second.width(), second.height()) != (1500, 920)
        assert abs(second.height() - size.height()) <= 12
        assert second.actions["images_off"].isChecked()
        assert second.actions["dark"].isChecked()
        assert second.settings.device == "desktop"
        assert second.findingsDock.isHidden()
        restored = second.splitter.sizes()
        assert restored[0] > restored[1] and sizes[0] > sizes[1]
        assert Path(second.settings.last_project) == demo
    finally:
        dispose(second)
