"""File → Proof PDF…: the core builds the proof document in a worker thread, then
:class:`app.proof.ProofPrinter` prints it with QtWebEngine (asynchronously, on the GUI
thread as QtWebEngine requires) and the PDF is written atomically.

``sig_finished(path, error)`` reports the outcome; ``error`` is "" on success.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...core.project import Project
from ...core.project_files import refuse_project_output
from ...kernel.errors import MissiveError
from ..background import run_in_background


def build_proof_html(project: Project, templates: list[str] | None, device: str) -> str:
    """The proof document's HTML (run in a worker: it renders and checks everything)."""
    from ...core.devices import DEVICES
    from ...core.proof_document import build_proof

    devices = (device,) if device in DEVICES else None
    html, _data = build_proof(project, templates, devices)
    return html


def write_atomically(path: Path, data: bytes) -> None:
    """Write bytes through a temporary file and a rename (never half a PDF)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class ProofExport(QObject):
    """One proof being made; ``running`` while it is."""

    sig_finished = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = False
        self._out = Path()
        self._printer: QObject | None = None

    def start(self, project: Project, out: Path, templates: list[str] | None = None,
              device: str = "") -> None:
        """Build, print and write the proof to ``out`` (returns at once)."""
        self.running = True
        self._out = out
        try:  # never over missive.toml or a template (the CLI refuses the same)
            refuse_project_output(project.root, out)
        except MissiveError as exc:
            self._failed(exc)
            return
        run_in_background(build_proof_html, project, templates, device,
                          on_done=self._print, on_error=self._failed, context=self)

    def _print(self, html: str) -> None:
        from ...proof import ProofPrinter

        self._printer = ProofPrinter(self)
        self._printer.sig_finished.connect(self._on_printed)
        self._printer.start(html)

    def _on_printed(self, pdf: bytes, error: str) -> None:
        if self._printer is not None:
            self._printer.deleteLater()
            self._printer = None
        if error:
            self._done(error)
            return
        try:
            write_atomically(self._out, pdf)
        except OSError as exc:
            self._done(exc.strerror or str(exc))
            return
        self._done("")

    def _failed(self, exc: Exception) -> None:
        self._done(exc.message if isinstance(exc, MissiveError) else str(exc))

    def _done(self, error: str) -> None:
        self.running = False
        self.sig_finished.emit(str(self._out), error)
