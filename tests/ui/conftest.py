"""Fixtures for driving the studio window offscreen with real Qt, QtWebEngine and core."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --log-level=3")
if os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from PySide6 import QtWebEngineWidgets  # noqa: F401 - must load before the QApplication
from PySide6.QtCore import QCoreApplication, QEvent, Qt

if QCoreApplication.instance() is None:
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

from app.core.workspace import RecoveryStore
from app.ui.application import apply_language
from app.ui.main_window import MainWindow
from app.ui.settings import SettingsStore


@pytest.fixture
def stores(tmp_path: Path) -> tuple[SettingsStore, RecoveryStore]:
    """Settings in an ini file and a recovery area, both private to the test."""
    return SettingsStore(tmp_path / "settings.ini"), RecoveryStore(tmp_path / "recovery")


def make_window(qtbot, stores, project: Path | None = None) -> MainWindow:
    """A shown window (in English unless the test installed another language)."""
    window = MainWindow(*stores)
    window.resize(1400, 900)
    window.show()
    if project is not None:
        assert window.open_project(project)
        qtbot.waitUntil(lambda: window.preview.result is not None, timeout=20000)
    return window


def dispose(window: MainWindow) -> None:
    """Close without questions (the test decided what to keep)."""
    window.editors.close_all(ask=False)
    window.render.wait_for_done()
    window.close()
    window.deleteLater()
    flush_deletes()


def flush_deletes() -> None:
    """Destroy deleted widgets now: web pages must go before their profile at exit."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="session", autouse=True)
def _pages_before_profile() -> Iterator[None]:
    yield
    flush_deletes()


@pytest.fixture
def window(qtbot, qapp, stores, demo: Path) -> Iterator[MainWindow]:
    """The studio on a fresh copy of the demo project."""
    apply_language(qapp, "en")
    win = make_window(qtbot, stores, demo)
    yield win
    dispose(win)
