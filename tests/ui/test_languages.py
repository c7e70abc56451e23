"""The interface in English, Hebrew and Arabic: complete catalogs, a mirrored window."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt

from app.ui.application import apply_language
from app.ui.i18n import catalog_path

from .conftest import dispose, make_window

ROOT = Path(__file__).resolve().parents[2]


def _source_messages() -> set[str | tuple[str, str]]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "app" / "ui"), method_map=[("**.py", "python")]):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


@pytest.mark.parametrize("language", ["he", "ar"])
def test_every_interface_string_is_translated(language: str) -> None:
    with catalog_path(language).open("rb") as fh:
        catalog = read_po(fh, locale=language)
    messages = _source_messages()
    assert len(messages) > 100
    problems = []
    for message in messages:
        entry = catalog.get(message[0] if isinstance(message, tuple) else message)
        if entry is None:
            problems.append(f"missing: {message!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(strings) or entry.fuzzy:
            problems.append(f"untranslated or fuzzy: {message!r}")
        wanted = set(re.findall(r"\{\w+\}", str(message)))
        for text in strings:
            if set(re.findall(r"\{\w+\}", text)) != wanted:
                problems.append(f"placeholders differ: {message!r} → {text!r}")
    assert not problems, "\n".join(problems)


def test_the_window_is_mirrored_in_hebrew(qtbot, qapp, stores, demo) -> None:
    apply_language(qapp, "he")
    try:
        window = make_window(qtbot, stores, demo)
        try:
            assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
            assert window.menus["file"].title() == "&קובץ"
            assert window.findingsDock.windowTitle() == "ממצאים"
            explorer_x = window.explorerDock.mapTo(window, window.explorerDock.rect().center()).x()
            editors_x = window.editors.mapTo(window, window.editors.rect().center()).x()
            assert explorer_x > editors_x  # the project tree is on the right
            # HTML source stays left to right inside the mirrored window
            source = window.preview.email.source_view
            assert source.layoutDirection() == Qt.LayoutDirection.LeftToRight
        finally:
            dispose(window)
    finally:
        apply_language(qapp, "en")


def test_arabic_interface_reads_arabic(qtbot, qapp, stores, demo) -> None:
    apply_language(qapp, "ar")
    try:
        window = make_window(qtbot, stores, demo)
        try:
            assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
            assert window.menus["edit"].title() == "&تحرير"
            assert "أخطاء" in window.findings.summary_text()
        finally:
            dispose(window)
    finally:
        apply_language(qapp, "en")
