"""The process environment QtWebEngine needs, set before the QApplication exists."""

from __future__ import annotations

import os
import sys


def prepare_environment(offscreen: bool) -> None:
    """Offscreen platform when asked (or when there is no display), no GPU offscreen,
    and no Chromium sandbox as root (Chromium refuses to start it there)."""
    if offscreen or (sys.platform.startswith("linux")
                     and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --log-level=3")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtCore import QCoreApplication, Qt

    if QCoreApplication.instance() is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
