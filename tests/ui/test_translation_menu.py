"""File → Export for translation… and Import translations… in the studio window."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.core.paths import demo_project_dir
from tests.ui.conftest import dispose, make_window

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
pytestmark = pytest.mark.gui


def test_export_then_import_with_a_broken_unit_shows_it_in_findings(
        qtbot, stores, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "demo"
    shutil.copytree(demo_project_dir(), root)
    window = make_window(qtbot, stores, root)
    try:
        out = tmp_path / "he.xlf"
        monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("he", True))
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *a, **k: (str(out), "XLIFF 1.2 (*.xlf *.xliff)"))
        window.actions["export_translation"].trigger()
        tree = etree.parse(str(out))
        unit = tree.find(".//x:trans-unit[@id='invoice_ready:email.subject']", NS)
        target = unit.find("x:target", NS)
        target.remove(target[0])  # the translator deleted a placeholder
        tree.write(str(out), xml_declaration=True, encoding="UTF-8")

        page = window.editors.open("templates/invoice_ready/he/sms.txt")
        page.editor.insertPlainText("x")  # an unsaved word: the import must wait
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
        window.actions["import_translations"].trigger()
        assert "Save your changes first" in window.banner.label.text()
        assert page.modified and page.text.startswith("x")
        page.editor.undo()
        qtbot.waitUntil(lambda: not page.modified, timeout=5000)

        window.actions["import_translations"].trigger()
        assert "1 refused" in window.banner.label.text()
        rows = [f for f in window.findings.findings if f["rule"] == "translation-import"]
        assert len(rows) == 1 and "invoice_ready:email.subject" in rows[0]["message"]
        assert rows[0]["path"] == "templates/invoice_ready/he/email.toml"
        assert rows[0]["line"] == 1
    finally:
        dispose(window)
