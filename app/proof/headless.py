"""The environment QtWebEngine needs to print without a display (CLI, tests, CI)."""

from __future__ import annotations

import os
import sys


def prepare_headless_environment(quiet: bool = False) -> None:
    """Offscreen platform, no GPU, and no Chromium sandbox when running as root.

    Only defaults are set, so a caller's own settings win. Call it before the
    QApplication exists (QtWebEngine reads these when its first profile starts).
    ``quiet`` drops Qt's debug and warning messages (the offscreen platform warns that it
    has no OpenGL), so a command line prints only its own output and real errors.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --log-level=3")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to start its sandbox as root; an unprivileged user keeps it.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtCore import QCoreApplication, Qt

    if QCoreApplication.instance() is None:  # QtWebEngine wants it before the app exists
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    if quiet:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler

        def handler(kind: QtMsgType, _context: object, message: str) -> None:
            if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
                sys.stderr.write(f"qt: {message}\n")

        prepare_headless_environment.handler = handler  # type: ignore[attr-defined]
        qInstallMessageHandler(handler)
