"""Proof PDFs: the core's proof document (:mod:`app.core.proof_document`) printed by Qt.

This package may import PySide6 (QtWebEngine); the core and the CLI import it only when
a proof is asked for. ``write_pdf`` blocks until the file is written (the CLI and the
tests); the studio uses :class:`ProofPrinter` and its ``sig_finished`` signal instead.
"""

from __future__ import annotations

from .headless import prepare_headless_environment
from .printer import ProofPrinter, ProofPrintError, write_pdf

__all__ = ["ProofPrintError", "ProofPrinter", "prepare_headless_environment", "write_pdf"]
