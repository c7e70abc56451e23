"""Printing the proof document to PDF with QtWebEngine, offline.

The HTML is written to a private temporary folder and loaded from there (``setHtml``
is limited to 2 MB). A request interceptor blocks every request except that one file,
so an email that links remote images or fonts cannot make the proof touch the network.
The emails are sandboxed iframes without scripts; only the page's own script runs, to
size each iframe to its content before printing.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QMarginsF,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from ..core.proof_document import PAGE_MARGINS_MM
from ..kernel.errors import MissiveError


class ProofPrintError(MissiveError):
    """The proof could not be printed (QtWebEngine failed to load or print it)."""


class _OnlyThisFile(QWebEngineUrlRequestInterceptor):
    """Blocks every request but the proof document itself (and inline data)."""

    def __init__(self, allowed: QUrl, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._allowed = allowed
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url == self._allowed or url.scheme() in ("data", "about"):
            return
        self.blocked.append(url.toString())
        info.block(True)


class ProofPrinter(QObject):
    """Prints one HTML document to PDF bytes; emits ``sig_finished(pdf, error)``.

    ``pdf`` is empty and ``error`` says why when printing failed. Use one printer per
    document; it cleans up its page, profile and temporary folder when done.
    """

    sig_finished = Signal(bytes, str)

    def __init__(self, parent: QObject | None = None, timeout_s: float = 120.0) -> None:
        super().__init__(parent)
        self._timeout_ms = int(timeout_s * 1000)
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._page: QWebEnginePage | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(lambda: self._finish(b"", "timed out printing the proof"))
        self._done = False

    def start(self, html: str) -> None:
        """Load the document and print it when loaded (returns at once)."""
        self._tmp = tempfile.TemporaryDirectory(prefix="missive-proof-")
        path = Path(self._tmp.name) / "proof.html"
        path.write_text(html, encoding="utf-8")
        url = QUrl.fromLocalFile(str(path))
        self._interceptor = _OnlyThisFile(url, self)
        self._page = QWebEnginePage(_profile())
        self._page.setUrlRequestInterceptor(self._interceptor)
        settings = self._page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls,
                              False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.AutoLoadImages, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PrintElementBackgrounds, True)
        self._page.loadFinished.connect(self._on_load_finished)
        self._timer.start(self._timeout_ms)
        self._page.load(url)

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            self._finish(b"", "QtWebEngine could not load the proof document")
            return
        self._page.runJavaScript("fitFrames()", 0, self._on_fitted)

    def _on_fitted(self, count: object) -> None:
        if count == -1:  # tall emails were cut into slices that are still loading
            self._poll = QTimer(self, singleShot=True, interval=50)
            self._poll.timeout.connect(self._check_fitted)
            self._poll.start()
            return
        self._print()

    def _check_fitted(self) -> None:
        if self._page is None:
            return
        self._page.runJavaScript("document.documentElement.dataset.fitted || ''", 0,
                                 lambda done: self._print() if done else self._poll.start())

    def _print(self) -> None:
        top, right, bottom, left = PAGE_MARGINS_MM
        layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                             QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter)
        self._page.printToPdf(self._on_printed, layout)

    def _on_printed(self, data: object) -> None:
        pdf = bytes(data) if data is not None else b""
        self._finish(pdf, "" if pdf else "QtWebEngine could not print the proof")

    def _finish(self, pdf: bytes, error: str) -> None:
        if self._done:
            return
        self._done = True
        self._timer.stop()
        if self._page is not None:
            self._page.deleteLater()
            self._page = None
        if self._tmp is not None:
            self._tmp.cleanup()
        self.sig_finished.emit(pdf, error)


def _profile() -> QWebEngineProfile:
    """One off-the-record profile (nothing kept on disk) for every proof of this process.

    It lives as long as the application: a profile deleted before its pages makes
    QtWebEngine complain, and pages are deleted late.
    """
    profile = getattr(_profile, "instance", None)
    if profile is None:
        profile = QWebEngineProfile(QCoreApplication.instance())
        _profile.instance = profile  # type: ignore[attr-defined]
    return profile


def _ensure_app() -> None:
    if QCoreApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        _ensure_app.app = QApplication(["missive"])  # type: ignore[attr-defined]


def write_pdf(html: str, out: str | Path, timeout_s: float = 120.0) -> None:
    """Print ``html`` to the PDF file ``out``, blocking; raises ProofPrintError on failure.

    Creates the QApplication if there is none (call
    :func:`~app.proof.prepare_headless_environment` first when there is no display).
    """
    _ensure_app()
    loop = QEventLoop()
    result: dict[str, object] = {}

    def done(pdf: bytes, error: str) -> None:
        result.update(pdf=pdf, error=error)
        loop.quit()

    printer = ProofPrinter(timeout_s=timeout_s)
    printer.sig_finished.connect(done)
    printer.start(html)
    if not result:
        loop.exec()
    printer.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if result.get("error"):
        raise ProofPrintError(str(result["error"]), path=out)
    out = Path(out)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(result["pdf"])  # type: ignore[arg-type]
    os.replace(tmp, out)
