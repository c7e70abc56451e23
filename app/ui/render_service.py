"""Rendering previews off the GUI thread: debounced, and never showing a stale result.

Each keystroke calls :meth:`RenderService.schedule`; after ``delay_ms`` of quiet the
service asks its builder for the requests (plain data, with the editors' text at that
moment), numbers them with a generation counter and runs them in a thread pool. When a
result comes back, it is shown only if no newer request was made for its slot since;
otherwise it is dropped (counted in ``dropped``).

Workers never touch widgets: :func:`app.core.workspace.run_preview` takes a request and
returns a result, and the result crosses back to the GUI thread in a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from ..core.workspace import (
    PreviewRequest,
    PreviewResult,
    add_marks,
    run_checks_for,
    run_preview,
)


class _Relay(QObject):
    """Carries results from a worker thread to the GUI thread (queued signals)."""

    sig_rendered = Signal(object)
    sig_checked = Signal(object)


class _PreviewJob(QRunnable):
    def __init__(self, request: PreviewRequest, relay: _Relay) -> None:
        super().__init__()
        self.request = request
        self.relay = relay

    def run(self) -> None:
        result = run_preview(self.request)
        self.relay.sig_rendered.emit(result)
        result = add_marks(self.request, result)  # for editing in the preview
        if self.request.with_checks:
            result = run_checks_for(self.request, result)
        else:
            result = replace(result, findings=[result.error] if result.error else [])
        self.relay.sig_checked.emit(result)


class RenderService(QObject):
    """Debounces, numbers and runs preview requests; emits only current results."""

    sig_rendered = Signal(object)   # PreviewResult with the message or error
    sig_checked = Signal(object)    # the same result with its findings

    def __init__(self, build: Callable[[], list[PreviewRequest]], delay_ms: int = 150,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.sig_rendered.connect(self._on_rendered)
        self._relay.sig_checked.connect(self._on_checked)
        self._generation = 0
        self._latest: dict[str, int] = {}
        self.dropped = 0
        self.running = 0

    def schedule(self) -> None:
        """Render after a short quiet time (called on every change)."""
        self._timer.start()

    def flush(self) -> None:
        """Build the requests now and start them."""
        self._timer.stop()
        for request in self._build():
            self._generation += 1
            request = _with_generation(request, self._generation)
            self._latest[request.slot] = request.generation
            self.running += 1
            self._pool.start(_PreviewJob(request, self._relay))

    def is_current(self, result: PreviewResult) -> bool:
        """Whether no newer request was made for the result's slot."""
        return self._latest.get(result.slot) == result.generation

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until running jobs finish (for closing the window and benchmarks)."""
        return self._pool.waitForDone(msecs)

    def _on_rendered(self, result: PreviewResult) -> None:
        if self.is_current(result):
            self.sig_rendered.emit(result)
        else:
            self.dropped += 1

    def _on_checked(self, result: PreviewResult) -> None:
        self.running = max(0, self.running - 1)
        if self.is_current(result):
            self.sig_checked.emit(result)


def _with_generation(request: PreviewRequest, generation: int) -> PreviewRequest:
    return replace(request, generation=generation)
