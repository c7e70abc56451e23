"""The interface in English, Hebrew and Arabic: complete catalogs, a mirrored window."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt

from app.ui.application import apply_language
from app.ui.i18n import catalog_path

from .conftest import dispose, make_window

ROOT = Path(__file__).resolve().parents[2]


# The interface, and the rules' titles and usual hints that the findings panel shows.
SOURCES = (ROOT / "app" / "ui", ROOT / "app" / "kernel" / "channels",
           ROOT / "app" / "core" / "checks" / "rules",
           ROOT / "app" / "core" / "sample_schema.py", ROOT / "app" / "core" / "copy",
           ROOT / "app" / "core" / "workspace" / "template_settings.py",
           ROOT / "app" / "core" / "workspace" / "new_template.py",
           ROOT / "app" / "core" / "devices.py",
           ROOT / "app" / "core" / "review" / "states.py")


def _source_messages() -> set[str | tuple[str, str]]:
    keywords = {**DEFAULT_KEYWORDS, "msg": None}  # msg(): findings' messages
    found = set()
    for source in SOURCES:
        if source.is_file():
            entries = ((m[1]) for m in extract_from_file("python", str(source),
                                                          keywords=keywords))
        else:
            entries = (m[2] for m in extract_from_dir(
                str(source), method_map=[("**.py", "python")], keywords=keywords))
        for message in entries:
            found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


def _placeholders(text: str) -> set[str]:
    """The str.format fields of a text, with their format specs: {n}, {n:,}, {name!r}."""
    return set(re.findall(r"(?<!\{)\{\w+(?:[:!][^{}]*)?\}(?!\})", text))


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
        wanted = _placeholders(str(message))
        for text in strings:
            if _placeholders(text) != wanted:
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


@pytest.mark.parametrize("language", ["he", "ar"])
def test_findings_read_in_the_interface_language(qtbot, qapp, stores, demo,
                                                 language: str) -> None:
    from app.core.checks.registry import all_rules

    rule = all_rules()["sms-segments"]
    with catalog_path(language).open("rb") as fh:
        catalog = read_po(fh, locale=language)
    title, hint = catalog.get(rule.summary).string, catalog.get(rule.hint).string
    apply_language(qapp, language)
    try:
        window = make_window(qtbot, stores, demo)
        try:
            window.select(template="delivery_update", locale="ar", channel="sms")
            qtbot.waitUntil(lambda: any(f["rule"] == "sms-segments"
                                        for f in window.findings.findings), timeout=20000)
            item = next(window.findings.topLevelItem(i)
                        for i in range(window.findings.topLevelItemCount())
                        if window.findings.topLevelItem(i).text(1) == "sms-segments")
            shown = item.text(2)
            assert shown.startswith(title + "\n")  # the rule's title, translated
            finding = item.data(0, Qt.ItemDataRole.UserRole)
            detail = catalog.get(finding["message_id"]).string
            # Each value is isolated inside the Hebrew or Arabic sentence (FSI … PDI).
            isolated = {k: f"\u2068{v}\u2069" if isinstance(v, str) and v else v
                        for k, v in finding["message_args"].items()}
            assert detail and detail.format(**isolated) in shown
            assert finding["message"] not in shown  # not the English of the core
            assert str(finding["message_args"]["units"]) in shown
            assert hint in shown  # the usual hint, translated
            # title, detail and hint all fit: the row is not cut after three lines
            lines = window.findings.fontMetrics().lineSpacing()
            assert window.findings.visualItemRect(item).height() >= 4 * lines
        finally:
            dispose(window)
    finally:
        apply_language(qapp, "en")
